/**
 * Applying the master's stream on a replica (processCommandAndResetClient with CLIENT_MASTER).
 * Commands from the master are obeyed without the checks normal clients get (read-only, stale
 * data), replies are suppressed, and once a command is wholly applied — after EXEC for a
 * transaction — its exact bytes advance slave_repl_offset and are proxied to our own backlog and
 * sub-replicas (replicationFeedStreamFromMasterStream).
 */
import type { Client } from '../client';
import { arityOk, commandFullName, resolveCommand, resolveFor } from '../dispatch';
import { logProtocolError } from '../protocol-error';
import { binOf } from '../resp/bin';
import type { Server } from '../server';
import { feedRaw, feedRawBytes } from './master';

/** Bytes from the master: read (slave_read_repl_offset moves), then applied as far as may be. */
export function receiveFromMaster(srv: Server, c: Client, bytes: Uint8Array): void {
  c.readReploff += bytes.length;
  c.decoder.push(bytes);
  applyFromMaster(srv, c);
}

/** Run the master's buffered commands; `proxy` false applies them without feeding them on. */
export function applyFromMaster(srv: Server, c: Client, proxy = true): void {
  while (!c.closed && !srv.exited && c.blockedOn === null && srv.sleepUntil === 0) {
    const d = c.decoder.next();
    if (d === null) break;
    if ('error' in d) {
      logProtocolError(srv, c, d.reason);
      srv.freeClient(c, true);
      return;
    }
    // 7.0 takes only a bare newline (a keepalive) in the inline form from its master.
    if (d.inline && d.argv.length > 0 && srv.d.is7) {
      srv.log(
        'warning',
        'WARNING: Receiving inline protocol from master, master stream corruption? Closing the master connection and discarding the cached master.',
      );
      c.decoder.unread(d.size);
      logProtocolError(srv, c, 'Master using the inline protocol. Desync?');
      srv.freeClient(c, true);
      return;
    }
    // A pause holds the master's commands back too (only replicas are never paused): the
    // command stays in the buffer until the pause ends.
    if (srv.pauseType !== 'off' && d.argv.length > 0 && pausedFromMaster(srv, c, d.argv)) {
      c.decoder.unread(d.size);
      srv.postpone(c, null);
      return;
    }
    // The command's bytes stay in the decoder's buffer while it runs (nothing pushes into a
    // master client's decoder from inside a command).
    // (`d` is the decoder's reusable result: what is needed of it is read before the command runs.)
    const buf = c.decoder.buffer;
    const end = c.decoder.consumedEnd;
    const size = d.size;
    const begin = end - size;
    if (d.argv.length > 0) execFromMaster(srv, c, d.argv);
    if (c.multi !== null) {
      c.unapplied += binOf(buf, begin, end);
    } else if (c.unapplied === '') {
      c.reploff += size;
      if (proxy) feedRawBytes(srv, buf, begin, end);
    } else {
      const bytes = c.unapplied + binOf(buf, begin, end);
      c.unapplied = '';
      c.reploff += bytes.length;
      if (proxy) feedRaw(srv, bytes);
    }
  }
}

/** processCommand's pause check for a command of the master (7.0 judges EXEC by its queue). */
function pausedFromMaster(srv: Server, c: Client, argv: string[]): boolean {
  if (srv.pauseType === 'all') return true;
  const resolved = resolveFor(c, argv[0], srv.opts.version);
  if (resolved === null) return false;
  let { write, mayReplicate } = resolved.info;
  if (resolved.name === 'exec' && c.multi !== null && srv.d.is7) {
    for (const q of c.multi.queue) {
      // Queued commands were resolved when queued; resolveCommand leaves the client's memo be.
      const r = resolveCommand(q[0], srv.opts.version);
      if (r !== null && (r.info.write || r.info.mayReplicate)) write = true;
    }
  }
  return srv.pausedFor(c, write, mayReplicate);
}

function execFromMaster(srv: Server, c: Client, argv: string[]): void {
  const resolved = resolveFor(c, argv[0], srv.opts.version);
  if (resolved === null) {
    c.lastCmd = 'NULL';
    return;
  }
  const { name, cmd, info } = resolved;
  c.lastCmd = resolved.lastCmd ?? commandFullName(cmd, argv, srv.opts.version);
  const arity = info.arity;
  if (!arityOk(arity, argv.length)) return;
  if (c.multi && name !== 'exec' && name !== 'discard' && name !== 'multi') {
    c.multi.queue.push(argv);
    return;
  }
  srv.call(c, cmd, argv);
}

/**
 * Applying the master's stream on a replica (processCommandAndResetClient with CLIENT_MASTER).
 * Commands from the master are obeyed without the checks normal clients get (read-only, stale
 * data), replies are suppressed, and once a command is wholly applied — after EXEC for a
 * transaction — its exact bytes advance slave_repl_offset and are proxied to our own backlog and
 * sub-replicas (replicationFeedStreamFromMasterStream).
 */
import type { Client } from '../client';
import { commandFullName, resolveFor } from '../dispatch';
import { binOf } from '../resp/bin';
import type { Server } from '../server';
import { feedRaw, feedRawBytes } from './master';

export function applyFromMaster(srv: Server, c: Client): void {
  while (!c.closed && !srv.exited) {
    const d = c.decoder.next();
    if (d === null) break;
    if ('error' in d) {
      srv.log('warning', `Protocol error (${d.error}) from client: id=${c.id} addr=${c.addr}`);
      srv.freeClient(c, true);
      return;
    }
    // The command's bytes stay in the decoder's buffer while it runs (nothing pushes into a
    // master client's decoder from inside a command).
    // (`d` is the decoder's reusable result: what is needed of it is read before the command runs.)
    const buf = c.decoder.buffer;
    const end = c.decoder.consumedEnd;
    const size = d.size;
    const begin = end - size;
    c.readReploff += size;
    if (d.argv.length > 0) execFromMaster(srv, c, d.argv);
    if (c.multi !== null) {
      c.unapplied += binOf(buf, begin, end);
    } else if (c.unapplied === '') {
      c.reploff += size;
      feedRawBytes(srv, buf, begin, end);
    } else {
      const bytes = c.unapplied + binOf(buf, begin, end);
      c.unapplied = '';
      c.reploff += bytes.length;
      feedRaw(srv, bytes);
    }
  }
}

function execFromMaster(srv: Server, c: Client, argv: string[]): void {
  const resolved = resolveFor(c, argv[0], srv.opts.version);
  if (resolved === null) {
    c.lastCmd = 'NULL';
    return;
  }
  const { name, cmd, info } = resolved;
  c.lastCmd = resolved.lastCmd ?? commandFullName(name, argv, srv.opts.version);
  const arity = info.arity;
  if ((arity > 0 && arity !== argv.length) || argv.length < -arity) return;
  if (c.multi && name !== 'exec' && name !== 'discard' && name !== 'multi') {
    c.multi.queue.push(argv);
    return;
  }
  srv.call(c, cmd, argv);
}

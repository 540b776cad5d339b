/**
 * Applying the master's stream on a replica (processCommandAndResetClient with CLIENT_MASTER).
 * Commands from the master are obeyed without the checks normal clients get (read-only, stale
 * data), replies are suppressed, and once a command is wholly applied — after EXEC for a
 * transaction — its exact bytes advance slave_repl_offset and are proxied to our own backlog and
 * sub-replicas (replicationFeedStreamFromMasterStream).
 */
import { binFromBytes } from '../../lib';
import type { Client } from '../client';
import { findCommand } from '../commands';
import { commandFullName, type Server } from '../server';
import { feedRaw } from './master';

export function applyFromMaster(srv: Server, c: Client): void {
  while (!c.closed && !srv.exited) {
    const d = c.decoder.next();
    if (d === null) break;
    if ('error' in d) {
      srv.log('warning', `Protocol error (${d.error}) from client: id=${c.id} addr=${c.addr}`);
      srv.freeClient(c, true);
      return;
    }
    c.unapplied += binFromBytes(c.decoder.consumedSlice(d.size));
    c.readReploff += d.size;
    if (d.argv.length > 0) execFromMaster(srv, c, d.argv);
    if (c.multi === null) {
      const bytes = c.unapplied;
      c.unapplied = '';
      c.reploff += bytes.length;
      feedRaw(srv, bytes);
    }
  }
}

function execFromMaster(srv: Server, c: Client, argv: string[]): void {
  const name = argv[0].toLowerCase();
  const cmd = findCommand(name, srv.opts.version);
  c.lastCmd = cmd ? commandFullName(name, argv, srv.opts.version) : 'NULL';
  if (!cmd) return;
  if ((cmd.arity > 0 && cmd.arity !== argv.length) || argv.length < -cmd.arity) return;
  if (c.multi && name !== 'exec' && name !== 'discard' && name !== 'multi') {
    c.multi.queue.push(argv);
    return;
  }
  srv.call(c, cmd, argv);
}

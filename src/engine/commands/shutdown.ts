// SHUTDOWN [NOSAVE | SAVE] [NOW] [FORCE] [ABORT]   (4.0: SHUTDOWN [NOSAVE | SAVE])
//
// 7.0 (db.c shutdownCommand, server.c prepareForShutdown / finishShutdown): unless NOW is given
// or shutdown-timeout is 0, a master whose replicas have not all acknowledged its offset pauses
// writes, feeds `REPLCONF GETACK *` and waits — the SHUTDOWN client blocked — until they have
// (checked by every serverCron) or the timeout passes; then it logs the lagging replicas, saves
// and exits. SHUTDOWN ABORT cancels a waiting shutdown (its blocked clients get an error).
// 4.0 saves and exits at once. The client's connection simply closes when the process exits.

import { saveSync } from '../persistence';
import { replicaName } from '../replication/master';
import { ERR, error, OK, type Reply } from '../resp';
import type { Server } from '../server';
import type { Command } from './types';
import { eqi } from './util/args';

/** What SHUTDOWN was asked to do (server.shutdown_flags). */
export interface ShutdownFlags {
  save: boolean;
  nosave: boolean;
  now: boolean;
  force: boolean;
}

/** isReadyToShutdown: every replica has acknowledged master_repl_offset. */
function readyToShutdown(srv: Server): boolean {
  return srv.slaves.every((s) => s.replica!.ackOffset === srv.repl.offset);
}

/**
 * prepareForShutdown: true when the process exits now; false when it waits for its replicas
 * (or a shutdown is already under way).
 */
export function prepareForShutdown(srv: Server, flags: ShutdownFlags): boolean {
  if (srv.shutdown !== null) return false;
  srv.log('warning', 'User requested shutdown...');
  if (srv.d.is7 && !flags.now && srv.config.int('shutdown-timeout') !== 0 && !readyToShutdown(srv)) {
    srv.shutdown = { at: srv.mstime + srv.config.int('shutdown-timeout') * 1000, flags };
    if (!srv.clientsPaused()) srv.feedGetack();
    srv.pauseClients('shutdown', Number.POSITIVE_INFINITY, 'write');
    srv.log('notice', 'Waiting for replicas before shutting down.');
    return false;
  }
  srv.shutdown = { at: 0, flags };
  return finishShutdown(srv);
}

/** finishShutdown: log the replicas' state, kill a child, save if due, exit. */
export function finishShutdown(srv: Server): boolean {
  const flags = srv.shutdown?.flags ?? { save: false, nosave: false, now: false, force: false };
  if (srv.d.is7) {
    let lagging = 0;
    for (const s of srv.slaves) {
      const l = s.replica!;
      if (l.ackOffset === srv.repl.offset) continue;
      lagging++;
      const lag = l.state === 'online' ? srv.unixtime - l.ackTime : 0;
      const state = l.state === 'online' ? 'online' : l.state === 'send_bulk' ? 'send_bulk' : 'wait_bgsave';
      srv.log(
        'warning',
        `Lagging replica ${replicaName(srv, s)} reported offset ${srv.repl.offset - l.ackOffset} behind master, lag=${lag}, state=${state}.`,
      );
    }
    if (srv.slaves.length > 0) {
      srv.log(
        'notice',
        `${srv.slaves.length - lagging} of ${srv.slaves.length} replicas are in sync when shutting down.`,
      );
    }
  }
  if (srv.child) {
    // An AOF rewrite's child (appendonly off) dies with the process, unannounced.
    if (srv.child.kind !== 'aof') srv.log('warning', 'There is a child saving an .rdb. Killing it!');
    srv.child = null;
  }
  if ((srv.config.savePoints().length > 0 && !flags.nosave) || flags.save) {
    srv.log('notice', 'Saving the final RDB snapshot before exiting.');
    saveSync(srv);
  }
  srv.log('warning', 'Redis is now ready to exit, bye bye...');
  srv.exit(0);
  return true;
}

/** serverCron's part: a waiting shutdown finishes once replicas caught up or time ran out. */
export function shutdownCron(srv: Server): void {
  const s = srv.shutdown;
  if (s === null || s.at === 0) return;
  if (srv.mstime >= s.at || readyToShutdown(srv)) finishShutdown(srv);
}

/** abortShutdown / cancelShutdown. */
function abortShutdown(srv: Server): boolean {
  if (srv.shutdown === null) return false;
  srv.shutdown = null;
  srv.releaseShutdownWaiters(error('ERR Errors trying to SHUTDOWN. Check logs.'));
  srv.unpauseClients('shutdown');
  srv.log('notice', 'Shutdown manually aborted.');
  return true;
}

function parse(argv: string[], is7: boolean): { flags: ShutdownFlags; abort: boolean } | Reply {
  const flags: ShutdownFlags = { save: false, nosave: false, now: false, force: false };
  let abort = false;
  if (!is7 && argv.length > 2) return ERR.syntax;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (eqi(a, 'nosave')) flags.nosave = true;
    else if (eqi(a, 'save')) flags.save = true;
    else if (is7 && eqi(a, 'now')) flags.now = true;
    else if (is7 && eqi(a, 'force')) flags.force = true;
    else if (is7 && eqi(a, 'abort')) abort = true;
    else return ERR.syntax;
  }
  const any = flags.save || flags.nosave || flags.now || flags.force;
  if ((abort && any) || (flags.nosave && flags.save)) return ERR.syntax;
  return { flags, abort };
}

export const shutdownCommand: Command = {
  name: 'shutdown',
  arity: -1,
  flags: ['admin', 'noscript', 'loading', 'stale', 'no-multi', 'allow-busy'],
  flags40: ['admin', 'loading', 'stale', 'no-multi'],
  args: [
    {
      name: 'nosave_save',
      type: 'oneof',
      optional: true,
      args: [
        { name: 'nosave', type: 'pure-token', token: 'NOSAVE' },
        { name: 'save', type: 'pure-token', token: 'SAVE' },
      ],
    },
    { name: 'now', type: 'pure-token', token: 'NOW', since: '7.0.0', optional: true },
    { name: 'force', type: 'pure-token', token: 'FORCE', since: '7.0.0', optional: true },
    { name: 'abort', type: 'pure-token', token: 'ABORT', since: '7.0.0', optional: true },
  ],
  docs: {
    complexity:
      'O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)',
    history: [['7.0.0', 'Added the `NOW`, `FORCE` and `ABORT` modifiers.']],
  },
  run(ctx) {
    const srv = ctx.srv;
    const p = parse(ctx.argv, srv.d.is7);
    if ('t' in p) return p;
    if (p.abort) return abortShutdown(srv) ? OK : error('ERR No shutdown in progress.');
    if (srv.d.is7) srv.blockForShutdown(ctx.client);
    // The process exits now, or (7.0) the client stays blocked until it exits or the shutdown is
    // aborted: either way there is no reply.
    prepareForShutdown(srv, p.flags);
    return null;
  },
};

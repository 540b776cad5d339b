// MONITOR
//
// replication.c monitorCommand: the connection becomes a monitor (a replica-like client, flag O
// in CLIENT LIST) that is sent every command the server runs (../monitor.ts). A second MONITOR
// is ignored without a reply; inside a transaction (EXEC) it is refused. Since a monitor counts
// as a replica, 7.0 then refuses it any command that reads or writes keys.
import { error, OK } from '../resp';
import type { Command } from './types';

/** 7.0 monitor.json: ADMIN, NOSCRIPT, LOADING, STALE; 4.0 "as". */
export const monitorCommand: Command = {
  name: 'monitor',
  arity: 1,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  flags40: ['admin', 'stale'],
  // monitor.json gives no complexity.
  docs: {},
  run(ctx) {
    const { srv, client } = ctx;
    if (client.inExec && ctx.version === '7.0') return error("ERR MONITOR isn't allowed for DENY BLOCKING client");
    if (client.monitor || client.replica !== null) return null;
    client.monitor = true;
    srv.monitors.push(client);
    return OK;
  },
};

// FAILOVER [TO host port [FORCE]] [ABORT] [TIMEOUT milliseconds]   (7.0 only)
// Arguments are checked in Redis's order (failoverCommand); the work is replication/failover.ts.

import { abortFailover, findReplica, startFailover } from '../replication/failover';
import { ERR, error, OK } from '../resp';
import type { Command } from './types';
import { eqi } from './util/args';
import { parseLL } from './util/int';

export const failoverCommand: Command = {
  name: 'failover',
  arity: -1,
  flags: ['admin', 'noscript', 'stale'],
  versions: ['7.0'],
  args: [
    {
      name: 'target',
      type: 'block',
      token: 'TO',
      optional: true,
      args: [
        { name: 'host', type: 'string' },
        { name: 'port', type: 'integer' },
        { name: 'force', type: 'pure-token', token: 'FORCE', optional: true },
      ],
    },
    { name: 'abort', type: 'pure-token', token: 'ABORT', optional: true },
    { name: 'milliseconds', type: 'integer', token: 'TIMEOUT', optional: true },
  ],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const srv = ctx.srv;
    const argv = ctx.argv;
    if (argv.length === 2 && eqi(argv[1], 'abort')) {
      if (srv.failover.state === 'no-failover') return error('ERR No failover in progress.');
      abortFailover(srv, 'Failover manually aborted');
      return OK;
    }
    let timeout = 0n;
    let force = false;
    let host: string | null = null;
    let port = 0;
    for (let j = 1; j < argv.length; j++) {
      if (eqi(argv[j], 'timeout') && j + 1 < argv.length && timeout === 0n) {
        const t = parseLL(argv[j + 1]);
        if (t === null) return ERR.notInteger;
        if (t <= 0n) return error('ERR FAILOVER timeout must be greater than 0');
        timeout = t;
        j++;
      } else if (eqi(argv[j], 'to') && j + 2 < argv.length && host === null) {
        const p = parseLL(argv[j + 2]);
        if (p === null) return ERR.notInteger;
        host = argv[j + 1];
        port = Number(p);
        j += 2;
      } else if (eqi(argv[j], 'force') && !force) {
        force = true;
      } else {
        return ERR.syntax;
      }
    }
    if (srv.failover.state !== 'no-failover') return error('ERR FAILOVER already in progress.');
    if (srv.isReplica) return error('ERR FAILOVER is not valid when server is a replica.');
    if (srv.slaves.length === 0) return error('ERR FAILOVER requires connected replicas.');
    if (force && (timeout === 0n || host === null)) {
      return error('ERR FAILOVER with force option requires both a timeout and target HOST and IP.');
    }
    if (host !== null) {
      const replica = findReplica(srv, host, port);
      if (replica === null) return error('ERR FAILOVER target HOST and PORT is not a replica.');
      if (replica.replica!.state !== 'online') return error('ERR FAILOVER target replica is not online.');
    }
    startFailover(srv, host === null ? null : { host, port }, Number(timeout), force);
    return OK;
  },
};

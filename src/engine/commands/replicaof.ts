// SLAVEOF host port | NO ONE   (REPLICAOF in 7.0; same implementation)

import { clientInfoString } from '../clientinfo';
import { setMaster, unsetMaster } from '../replication/replica';
import { error, OK, status } from '../resp';
import type { Command, Ctx } from './types';

function replicaof(ctx: Ctx) {
  const srv = ctx.srv;
  const [, host, portArg] = ctx.argv;
  if (srv.failover.state !== 'no-failover') return error('ERR REPLICAOF not allowed while failing over.');
  if (host.toLowerCase() === 'no' && portArg.toLowerCase() === 'one') {
    if (srv.isReplica) {
      unsetMaster(srv);
      srv.log('notice', `MASTER MODE enabled (user request from '${clientInfoString(srv, ctx.client, ctx.argv)}')`);
    }
    return OK;
  }
  if (srv.isReplicaClient(ctx.client)) return error('ERR Command is not valid when client is a replica.');
  let port: number;
  if (srv.d.is7) {
    if (!/^-?\d+$/.test(portArg) || Number(portArg) < 0 || Number(portArg) > 65535)
      return error('ERR Invalid master port');
    port = Number(portArg);
  } else {
    if (!/^-?\d+$/.test(portArg)) return error('ERR value is not an integer or out of range');
    port = Number(portArg);
  }
  if (
    srv.rs.masterhost !== null &&
    srv.rs.masterhost.toLowerCase() === host.toLowerCase() &&
    srv.rs.masterport === port
  ) {
    srv.log(
      'notice',
      `${srv.d.is7 ? 'REPLICAOF' : 'SLAVE OF'} would result into synchronization with the master we are already connected with. No operation performed.`,
    );
    return status('OK Already connected to specified master');
  }
  setMaster(srv, host, port);
  srv.log(
    'notice',
    `${srv.d.replicaof} ${host}:${port} enabled (user request from '${clientInfoString(srv, ctx.client, ctx.argv)}')`,
  );
  return OK;
}

export const slaveofCommand: Command = {
  name: 'slaveof',
  arity: 3,
  flags: ['admin', 'noscript', 'stale', 'no-async-loading'],
  flags40: ['admin', 'noscript', 'stale'],
  args: [
    {
      name: 'args',
      type: 'oneof',
      args: [
        {
          name: 'host-port',
          type: 'block',
          args: [
            { name: 'host', type: 'string' },
            { name: 'port', type: 'integer' },
          ],
        },
        {
          name: 'no-one',
          type: 'block',
          args: [
            { name: 'no', type: 'pure-token', token: 'NO' },
            { name: 'one', type: 'pure-token', token: 'ONE' },
          ],
        },
      ],
    },
  ],
  docs: { complexity: 'O(1)', docFlags: ['deprecated'], deprecatedSince: '5.0.0', replacedBy: '`REPLICAOF`' },
  run: replicaof,
};
/** REPLICAOF: SLAVEOF under its 5.0 name, which 7.0 does not document as deprecated. */
export const replicaofCommand: Command = {
  ...slaveofCommand,
  name: 'replicaof',
  versions: ['7.0'],
  docs: { complexity: 'O(1)' },
};

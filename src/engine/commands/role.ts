// ROLE — master: ["master", offset, [[ip, port, ack-offset]...]]; replica: ["slave", host, port, state, offset]

import { replicaName } from '../replication/master';
import { roleState } from '../replication/replica';
import { array, bulk, int } from '../resp';
import type { Command } from './types';

export const roleCommand: Command = {
  name: 'role',
  arity: 1,
  flags: ['noscript', 'loading', 'stale', 'fast'],
  flags40: ['noscript', 'loading', 'stale'],
  acl: ['admin', 'dangerous'],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const srv = ctx.srv;
    if (srv.rs.masterhost === null) {
      const items = srv.slaves
        .filter((s) => s.replica!.state === 'online')
        .map((s) => {
          const name = replicaName(srv, s);
          const ip = name.slice(0, name.lastIndexOf(':'));
          return array([bulk(ip), bulk(String(s.replica!.listeningPort)), bulk(String(s.replica!.ackOffset))]);
        });
      return array([bulk('master'), int(srv.repl.offset), array(items)]);
    }
    const rs = srv.rs;
    const off = rs.master && rs.state === 'connected' ? rs.master.reploff : -1;
    return array([bulk('slave'), bulk(rs.masterhost), int(rs.masterport), bulk(roleState(rs.state)), int(off)]);
  },
};

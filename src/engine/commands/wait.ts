// WAIT numreplicas timeout
import { error, int } from '../resp';
import type { Command } from './types';
import { longArg, timeoutArg } from './util/timeout';

export const waitCommand: Command = {
  name: 'wait',
  arity: 3,
  flags: ['noscript'],
  acl: ['connection'],
  tips: ['request_policy:all_shards', 'response_policy:agg_min'],
  args: [
    { name: 'numreplicas', type: 'integer' },
    { name: 'timeout', type: 'integer' },
  ],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const srv = ctx.srv;
    if (srv.isReplica) {
      return error(
        srv.d.is7
          ? 'ERR WAIT cannot be used with replica instances. Please also note that since Redis 4.0 if a replica is configured to be writable (which is not the default) writes to replicas are just local and are not propagated.'
          : 'ERR WAIT cannot be used with slave instances. Please also note that since Redis 4.0 if a slave is configured to be writable (which is not the default) writes to slaves are just local and are not propagated.',
      );
    }
    const num = longArg(ctx.argv[1]);
    if (typeof num !== 'number') return num;
    const timeout = timeoutArg(ctx.argv[2]);
    if (typeof timeout !== 'number') return timeout;
    const offset = ctx.client.woff;
    const acked = srv.replicasAcked(offset);
    if (acked >= num || ctx.client.multi) return int(acked);
    ctx.client.wait = { numreplicas: num, offset, timeoutAt: timeout > 0 ? ctx.now + timeout : 0 };
    srv.waiting.add(ctx.client);
    srv.getackPending = true;
    return null;
  },
};

// PUBLISH channel message
//
// pubsub.c publishCommand: delivers to the channel's subscribers, then to every matching
// pattern's, and answers how many received it. Outside cluster mode Redis forces its propagation
// to replicas (forceCommandPropagation PROPAGATE_REPL) whether anyone listened or not, so it moves
// master_repl_offset and every replica delivers it to its own subscribers when it applies it. A
// replica running its master's PUBLISH proxies the stream as it is, so it adds nothing of its own.
import { int } from '../resp';
import type { Command } from './types';

/** 7.0 publish.json: PUBSUB, LOADING, STALE, FAST, MAY_REPLICATE; 4.0 "pltF". */
export const publishCommand: Command = {
  name: 'publish',
  arity: 3,
  flags: ['pubsub', 'loading', 'stale', 'fast', 'may-replicate'],
  flags40: ['pubsub', 'loading', 'stale', 'fast'],
  args: [
    { name: 'channel', type: 'string' },
    { name: 'message', type: 'string' },
  ],
  docs: {
    complexity:
      'O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client).',
  },
  run(ctx) {
    const n = ctx.srv.pubsub.publish(ctx.srv, ctx.argv[1], ctx.argv[2]);
    if (!ctx.client.isMaster) ctx.also(ctx.argv);
    return int(n);
  },
};

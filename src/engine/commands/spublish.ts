// SPUBLISH shardchannel message
//
// 7.0 pubsub.c spublishCommand outside cluster mode: delivers `smessage` to the shard channel's
// subscribers (patterns and plain channels are not consulted) and, like PUBLISH, is forced into
// the replication stream.
import { int } from '../resp';
import type { Command } from './types';

/** 7.0 spublish.json: PUBSUB, LOADING, STALE, FAST, MAY_REPLICATE; the channel is a `not_key` key spec. */
export const spublishCommand: Command = {
  name: 'spublish',
  arity: 3,
  versions: ['7.0'],
  flags: ['pubsub', 'loading', 'stale', 'fast', 'may-replicate'],
  keySpecs: [{ flags: ['not_key'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'shardchannel', type: 'string' },
    { name: 'message', type: 'string' },
  ],
  docs: { complexity: 'O(N) where N is the number of clients subscribed to the receiving shard channel.' },
  run(ctx) {
    const n = ctx.srv.pubsub.publishShard(ctx.srv, ctx.argv[1], ctx.argv[2]);
    if (!ctx.client.isMaster) ctx.also(ctx.argv);
    return int(n);
  },
};

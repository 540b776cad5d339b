// SSUBSCRIBE shardchannel [shardchannel ...]
//
// 7.0 pubsub.c ssubscribeCommand outside cluster mode: shard channels are a namespace of their
// own (PUBLISH does not reach them, SPUBLISH does), confirmed with pushed ["ssubscribe",
// channel, count] where count is the client's shard subscriptions alone.
import type { Command } from './types';

/** 7.0 ssubscribe.json: PUBSUB, NOSCRIPT, LOADING, STALE; channels are `not_key` key specs. */
export const ssubscribeCommand: Command = {
  name: 'ssubscribe',
  arity: -2,
  versions: ['7.0'],
  flags: ['pubsub', 'noscript', 'loading', 'stale'],
  keySpecs: [{ flags: ['not_key'], index: 1, range: [-1, 1, 0] }],
  args: [{ name: 'shardchannel', type: 'string', multiple: true }],
  docs: { complexity: 'O(N) where N is the number of shard channels to subscribe to.' },
  run(ctx) {
    for (let i = 1; i < ctx.argv.length; i++) ctx.srv.pubsub.subscribe(ctx.srv, ctx.client, 'shard', ctx.argv[i]);
    return null;
  },
};

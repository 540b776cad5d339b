// SUNSUBSCRIBE [shardchannel [shardchannel ...]]
//
// 7.0 pubsub.c sunsubscribeCommand: UNSUBSCRIBE for shard channels (pushed ["sunsubscribe",
// channel, remaining shard count]; with no argument all of them, or one with a nil channel).
import type { Command } from './types';

/** 7.0 sunsubscribe.json: PUBSUB, NOSCRIPT, LOADING, STALE. */
export const sunsubscribeCommand: Command = {
  name: 'sunsubscribe',
  arity: -1,
  versions: ['7.0'],
  flags: ['pubsub', 'noscript', 'loading', 'stale'],
  keySpecs: [{ flags: ['not_key'], index: 1, range: [-1, 1, 0] }],
  args: [{ name: 'shardchannel', type: 'string', optional: true, multiple: true }],
  docs: { complexity: 'O(N) where N is the number of clients already subscribed to a shard channel.' },
  run(ctx) {
    const { srv, client, argv } = ctx;
    if (argv.length === 1) srv.pubsub.unsubscribeAll(srv, client, 'shard', true);
    else for (let i = 1; i < argv.length; i++) srv.pubsub.unsubscribe(srv, client, 'shard', argv[i], true);
    return null;
  },
};

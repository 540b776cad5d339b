// UNSUBSCRIBE [channel [channel ...]]
//
// pubsub.c unsubscribeCommand: each named channel is confirmed with a pushed
// ["unsubscribe", channel, remaining count], subscribed or not; with no argument every channel
// the client has is dropped, and a client with none gets one confirmation with a nil channel.
// The client leaves subscribe mode once it has no subscription of any kind left.
import type { Command } from './types';
import { channelArgs } from './util/pubsub-args';

/** 7.0 unsubscribe.json: PUBSUB, NOSCRIPT, LOADING, STALE; 4.0 "pslt". */
export const unsubscribeCommand: Command = {
  name: 'unsubscribe',
  arity: -1,
  flags: ['pubsub', 'noscript', 'loading', 'stale'],
  args: channelArgs('channel', true),
  docs: { complexity: 'O(N) where N is the number of clients already subscribed to a channel.' },
  run(ctx) {
    const { srv, client, argv } = ctx;
    if (argv.length === 1) srv.pubsub.unsubscribeAll(srv, client, 'channel', true);
    else for (let i = 1; i < argv.length; i++) srv.pubsub.unsubscribe(srv, client, 'channel', argv[i], true);
    return null;
  },
};

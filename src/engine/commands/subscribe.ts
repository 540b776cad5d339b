// SUBSCRIBE channel [channel ...]
//
// pubsub.c subscribeCommand: each channel is confirmed with its own pushed
// ["subscribe", channel, count] array (the command's whole reply), and the client enters
// subscribe mode, where processCommand refuses everything but the pub/sub commands, PING, QUIT
// and RESET. 7.0.15 still allows it inside MULTI (EXEC's reply then holds the pushes).

import type { Command } from './types';
import { channelArgs } from './util/pubsub-args';

/** 7.0 subscribe.json: PUBSUB, NOSCRIPT, LOADING, STALE; 4.0 "pslt". */
export const subscribeCommand: Command = {
  name: 'subscribe',
  arity: -2,
  flags: ['pubsub', 'noscript', 'loading', 'stale'],
  args: channelArgs('channel'),
  docs: { complexity: 'O(N) where N is the number of channels to subscribe to.' },
  run(ctx) {
    for (let i = 1; i < ctx.argv.length; i++) ctx.srv.pubsub.subscribe(ctx.srv, ctx.client, 'channel', ctx.argv[i]);
    return null;
  },
};

// PSUBSCRIBE pattern [pattern ...]
//
// pubsub.c psubscribeCommand: like SUBSCRIBE for glob patterns (KEYS's matcher); each is
// confirmed with a pushed ["psubscribe", pattern, count], count being channels plus patterns.
import type { Command } from './types';

/** 7.0 psubscribe.json: PUBSUB, NOSCRIPT, LOADING, STALE; 4.0 "pslt". */
export const psubscribeCommand: Command = {
  name: 'psubscribe',
  arity: -2,
  flags: ['pubsub', 'noscript', 'loading', 'stale'],
  args: [{ name: 'pattern', type: 'block', multiple: true, args: [{ name: 'pattern', type: 'pattern' }] }],
  docs: { complexity: 'O(N) where N is the number of patterns the client is already subscribed to.' },
  run(ctx) {
    for (let i = 1; i < ctx.argv.length; i++) ctx.srv.pubsub.subscribe(ctx.srv, ctx.client, 'pattern', ctx.argv[i]);
    return null;
  },
};

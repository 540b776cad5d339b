// PUNSUBSCRIBE [pattern [pattern ...]]
//
// pubsub.c punsubscribeCommand: UNSUBSCRIBE for patterns (pushed ["punsubscribe", pattern,
// remaining count]; with no argument all of them, or one confirmation with a nil pattern).
import type { Command } from './types';

/** 7.0 punsubscribe.json: PUBSUB, NOSCRIPT, LOADING, STALE; 4.0 "pslt". */
export const punsubscribeCommand: Command = {
  name: 'punsubscribe',
  arity: -1,
  flags: ['pubsub', 'noscript', 'loading', 'stale'],
  args: [{ name: 'pattern', type: 'pattern', optional: true, multiple: true }],
  docs: {
    complexity:
      'O(N+M) where N is the number of patterns the client is already subscribed and M is the number of total patterns subscribed in the system (by any client).',
  },
  run(ctx) {
    const { srv, client, argv } = ctx;
    if (argv.length === 1) srv.pubsub.unsubscribeAll(srv, client, 'pattern', true);
    else for (let i = 1; i < argv.length; i++) srv.pubsub.unsubscribe(srv, client, 'pattern', argv[i], true);
    return null;
  },
};

/**
 * PUBSUB's 7.0 subcommands (commands/pubsub-<sub>.json): arity, flags and argument trees as
 * COMMAND INFO and COMMAND DOCS print them (Redis 7.0.15, BSD-3-Clause, Copyright (c) Salvatore
 * Sanfilippo and Redis contributors). The server checks a subcommand's arity before pubsub.ts runs it.
 */
import type { Subcommand } from './types';

const introspect = (extra: Omit<Subcommand, 'flags'>): Subcommand => ({
  flags: ['pubsub', 'loading', 'stale'],
  ...extra,
});

// In the order 7.0.15's COMMAND INFO and COMMAND DOCS list them (its dict's order).
export const pubsubSubcommands: Readonly<Record<string, Subcommand>> = {
  numsub: introspect({
    arity: -2,
    args: [{ name: 'channel', type: 'string', optional: true, multiple: true }],
    docs: { complexity: 'O(N) for the NUMSUB subcommand, where N is the number of requested channels' },
  }),
  numpat: introspect({ arity: 2, docs: { complexity: 'O(1)' } }),
  help: { arity: 2, flags: ['loading', 'stale'], docs: { complexity: 'O(1)' } },
  channels: introspect({
    arity: -2,
    args: [{ name: 'pattern', type: 'pattern', optional: true }],
    docs: {
      complexity:
        'O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)',
    },
  }),
  shardnumsub: introspect({
    arity: -2,
    args: [{ name: 'shardchannel', type: 'string', optional: true, multiple: true }],
    docs: { complexity: 'O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels' },
  }),
  shardchannels: introspect({
    arity: -2,
    args: [{ name: 'pattern', type: 'pattern', optional: true }],
    docs: {
      complexity:
        'O(N) where N is the number of active shard channels, and assuming constant time pattern matching (relatively short shard channels).',
    },
  }),
};

// TTL key
import type { Command } from './types';
import { ttlGeneric } from './util/expire';

/** TTL: seconds left (rounded to nearest), -1 without a TTL, -2 when missing. */
export const ttlCommand: Command = {
  name: 'ttl',
  arity: 2,
  flags: ['readonly', 'fast'],
  acl: ['keyspace'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  tips: ['nondeterministic_output'],
  args: [{ name: 'key', type: 'key', keySpec: 0 }],
  docs: { complexity: 'O(1)', history: [['2.8.0', 'Added the -2 reply.']] },
  run(ctx) {
    return ttlGeneric(ctx, false);
  },
};

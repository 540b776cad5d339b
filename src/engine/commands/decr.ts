// DECR key
import type { Command } from './types';
import { incrDecr } from './util/string';

/** DECR: subtract 1 from the integer at the key (missing = 0); the TTL is kept. */
export const decrCommand: Command = {
  name: 'decr',
  arity: 2,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['string'],
  keySpecs: [{ flags: ['RW', 'access', 'update'], index: 1, range: [0, 1, 0] }],
  args: [{ name: 'key', type: 'key', keySpec: 0 }],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    return incrDecr(ctx, ctx.argv[1], -1);
  },
};

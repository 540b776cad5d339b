// ZINCRBY key increment member
import type { Command } from './types';
import { zaddGeneric } from './util/zset';

/** ZINCRBY: add to a member's score (missing = 0) and reply the new score. */
export const zincrbyCommand: Command = {
  name: 'zincrby',
  arity: 4,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['sortedset'],
  keySpecs: [{ flags: ['RW', 'access', 'update'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'increment', type: 'integer' },
    { name: 'member', type: 'string' },
  ],
  docs: { complexity: 'O(log(N)) where N is the number of elements in the sorted set.' },
  run(ctx) {
    return zaddGeneric(ctx, true);
  },
};

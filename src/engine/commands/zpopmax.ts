// ZPOPMAX key [count]
import type { Command } from './types';
import { zpopGeneric } from './util/zpop';

/**
 * ZPOPMAX: remove and reply the members with the highest scores, highest first
 * (one without a count). New in 5.0, so unknown to 4.0.
 */
export const zpopmaxCommand: Command = {
  name: 'zpopmax',
  arity: -2,
  flags: ['write', 'fast'],
  acl: ['sortedset'],
  keySpecs: [{ flags: ['RW', 'access', 'delete'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'count', type: 'integer', optional: true },
  ],
  docs: {
    complexity:
      'O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.',
  },
  versions: ['7.0'],
  run(ctx) {
    return zpopGeneric(ctx, true);
  },
};

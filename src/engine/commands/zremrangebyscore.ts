// ZREMRANGEBYSCORE key min max
import type { Command } from './types';
import { zremrangeGeneric } from './util/zremrange';

/**
 * ZREMRANGEBYSCORE: remove the members with scores in [min, max] ("(" excludes an end).
 * Replies how many went; the key goes with its last member.
 */
export const zremrangebyscoreCommand: Command = {
  name: 'zremrangebyscore',
  arity: 4,
  flags: ['write'],
  acl: ['sortedset'],
  keySpecs: [{ flags: ['RW', 'delete'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'min', type: 'double' },
    { name: 'max', type: 'double' },
  ],
  docs: {
    complexity:
      'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.',
  },
  run(ctx) {
    return zremrangeGeneric(ctx, 'score');
  },
};

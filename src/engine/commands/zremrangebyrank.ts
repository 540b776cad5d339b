// ZREMRANGEBYRANK key start stop
import type { Command } from './types';
import { zremrangeGeneric } from './util/zremrange';

/**
 * ZREMRANGEBYRANK: remove the members at ranks start..stop (negatives count from the end).
 * Replies how many went; the key goes with its last member.
 */
export const zremrangebyrankCommand: Command = {
  name: 'zremrangebyrank',
  arity: 4,
  flags: ['write'],
  acl: ['sortedset'],
  keySpecs: [{ flags: ['RW', 'delete'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'start', type: 'integer' },
    { name: 'stop', type: 'integer' },
  ],
  docs: {
    complexity:
      'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.',
  },
  run(ctx) {
    return zremrangeGeneric(ctx, 'rank');
  },
};

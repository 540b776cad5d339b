// ZREMRANGEBYLEX key min max
import type { Command } from './types';
import { zremrangeGeneric } from './util/zremrange';

/**
 * ZREMRANGEBYLEX: remove the members between two lex bounds.
 * Replies how many went; the key goes with its last member.
 */
export const zremrangebylexCommand: Command = {
  name: 'zremrangebylex',
  arity: 4,
  flags: ['write'],
  acl: ['sortedset'],
  keySpecs: [{ flags: ['RW', 'delete'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'min', type: 'string' },
    { name: 'max', type: 'string' },
  ],
  docs: {
    complexity:
      'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.',
  },
  run(ctx) {
    return zremrangeGeneric(ctx, 'lex');
  },
};

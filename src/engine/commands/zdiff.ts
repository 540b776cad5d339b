// ZDIFF numkeys key [key ...] [WITHSCORES]
import type { Command } from './types';
import { zsetOpGeneric, zsetOpGetKeys } from './util/zsetops';

/** ZDIFF: the members of the first input that no other input has, with their own scores. */
export const zdiffCommand: Command = {
  name: 'zdiff',
  arity: -3,
  flags: ['readonly'],
  versions: ['7.0'],
  acl: ['sortedset'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0], keynum: [0, 1, 1] }],
  args: [
    { name: 'numkeys', type: 'integer' },
    { name: 'key', type: 'key', keySpec: 0, multiple: true },
    { name: 'withscores', type: 'pure-token', token: 'WITHSCORES', optional: true },
  ],
  docs: {
    complexity:
      'O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.',
  },
  getKeys: zsetOpGetKeys(1),
  run(ctx) {
    return zsetOpGeneric(ctx, 1, null, 'diff', false);
  },
};

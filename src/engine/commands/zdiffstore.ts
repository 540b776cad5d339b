// ZDIFFSTORE destination numkeys key [key ...]
import type { Command } from './types';
import { zsetOpGeneric, zsetOpGetKeys } from './util/zsetops';

/** ZDIFFSTORE: ZDIFF stored at the destination (or deleting it when empty); replies its size. */
export const zdiffstoreCommand: Command = {
  name: 'zdiffstore',
  arity: -4,
  flags: ['write', 'denyoom'],
  acl: ['sortedset'],
  keySpecs: [
    { flags: ['OW', 'update'], index: 1, range: [0, 1, 0] },
    { flags: ['RO', 'access'], index: 2, range: [0, 1, 0], keynum: [0, 1, 1] },
  ],
  versions: ['7.0'],
  args: [
    { name: 'destination', type: 'key', keySpec: 0 },
    { name: 'numkeys', type: 'integer' },
    { name: 'key', type: 'key', keySpec: 1, multiple: true },
  ],
  docs: {
    complexity:
      'O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.',
  },
  touchesOwnKeys: true,
  getKeys: zsetOpGetKeys(2),
  run(ctx) {
    return zsetOpGeneric(ctx, 2, ctx.argv[1], 'diff', false);
  },
};

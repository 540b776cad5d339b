// ZINTERCARD numkeys key [key ...] [LIMIT limit]
import type { Command } from './types';
import { zsetOpGeneric, zsetOpGetKeys } from './util/zsetops';

/** ZINTERCARD: how many members every input has, counting up to LIMIT (0: all). */
export const zintercardCommand: Command = {
  name: 'zintercard',
  arity: -3,
  flags: ['readonly'],
  versions: ['7.0'],
  acl: ['sortedset'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0], keynum: [0, 1, 1] }],
  args: [
    { name: 'numkeys', type: 'integer' },
    { name: 'key', type: 'key', keySpec: 0, multiple: true },
    { name: 'limit', type: 'integer', token: 'LIMIT', optional: true },
  ],
  docs: {
    complexity:
      'O(N*K) worst case with N being the smallest input sorted set, K being the number of input sorted sets.',
  },
  getKeys: zsetOpGetKeys(1),
  run(ctx) {
    return zsetOpGeneric(ctx, 1, null, 'inter', true);
  },
};

// ZUNIONSTORE destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX]
import type { Command } from './types';
import { zsetOpGeneric, zsetOpGetKeys } from './util/zsetops';

/** ZUNIONSTORE: ZUNION stored at the destination (or deleting it when empty); replies its size. */
export const zunionstoreCommand: Command = {
  name: 'zunionstore',
  arity: -4,
  flags: ['write', 'denyoom'],
  acl: ['sortedset'],
  keySpecs: [
    { flags: ['OW', 'update'], index: 1, range: [0, 1, 0] },
    { flags: ['RO', 'access'], index: 2, range: [0, 1, 0], keynum: [0, 1, 1] },
  ],
  movable40: true,
  keys40: [0, 0, 0],
  args: [
    { name: 'destination', type: 'key', keySpec: 0 },
    { name: 'numkeys', type: 'integer' },
    { name: 'key', type: 'key', keySpec: 1, multiple: true },
    { name: 'weight', type: 'integer', token: 'WEIGHTS', optional: true, multiple: true },
    {
      name: 'aggregate',
      type: 'oneof',
      token: 'AGGREGATE',
      optional: true,
      args: [
        { name: 'sum', type: 'pure-token', token: 'SUM' },
        { name: 'min', type: 'pure-token', token: 'MIN' },
        { name: 'max', type: 'pure-token', token: 'MAX' },
      ],
    },
  ],
  docs: {
    complexity:
      'O(N)+O(M log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.',
  },
  touchesOwnKeys: true,
  getKeys: zsetOpGetKeys(2),
  run(ctx) {
    return zsetOpGeneric(ctx, 2, ctx.argv[1], 'union', false);
  },
};

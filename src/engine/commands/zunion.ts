// ZUNION numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX] [WITHSCORES]
import type { Command } from './types';
import { zsetOpGeneric, zsetOpGetKeys } from './util/zsetops';

/** ZUNION: every member of the inputs, its (weighted) scores aggregated; replied, not stored. */
export const zunionCommand: Command = {
  name: 'zunion',
  arity: -3,
  flags: ['readonly'],
  versions: ['7.0'],
  acl: ['sortedset'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0], keynum: [0, 1, 1] }],
  args: [
    { name: 'numkeys', type: 'integer' },
    { name: 'key', type: 'key', keySpec: 0, multiple: true },
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
    { name: 'withscores', type: 'pure-token', token: 'WITHSCORES', optional: true },
  ],
  docs: {
    complexity:
      'O(N)+O(M*log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.',
  },
  getKeys: zsetOpGetKeys(1),
  run(ctx) {
    return zsetOpGeneric(ctx, 1, null, 'union', false);
  },
};

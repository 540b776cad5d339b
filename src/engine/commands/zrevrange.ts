// ZREVRANGE key start stop [WITHSCORES]
import type { Command } from './types';
import { zrangeByRank40, zrangeGeneric } from './util/zrange';

/**
 * ZREVRANGE: ZRANGE by rank over the reversed order (7.0: `ZRANGE ... REV` with no REV,
 * BYSCORE or BYLEX option of its own).
 */
export const zrevrangeCommand: Command = {
  name: 'zrevrange',
  arity: -4,
  flags: ['readonly'],
  acl: ['sortedset'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'start', type: 'integer' },
    { name: 'stop', type: 'integer' },
    { name: 'withscores', type: 'pure-token', token: 'WITHSCORES', optional: true },
  ],
  docs: {
    complexity:
      'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.',
    docFlags: ['deprecated'],
    deprecatedSince: '6.2.0',
    replacedBy: '`ZRANGE` with the `REV` argument',
  },
  run(ctx) {
    if (ctx.version === '4.0') return zrangeByRank40(ctx, true);
    return zrangeGeneric(ctx, { argStart: 1, store: false, type: 'rank', reverse: true });
  },
};

// ZRANGE key start stop [BYSCORE | BYLEX] [REV] [LIMIT offset count] [WITHSCORES]
import type { Command } from './types';
import { zrangeByRank40, zrangeGeneric } from './util/zrange';

/**
 * ZRANGE (6.2+ form): by rank, BYSCORE or BYLEX, optionally REV, LIMIT (score/lex only) and
 * WITHSCORES (not with BYLEX). Options are checked first, then the range, then the key.
 * 4.0 only knew the rank form.
 */
export const zrangeCommand: Command = {
  name: 'zrange',
  arity: -4,
  flags: ['readonly'],
  acl: ['sortedset'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'start', type: 'string' },
    { name: 'stop', type: 'string' },
    {
      name: 'sortby',
      type: 'oneof',
      since: '6.2.0',
      optional: true,
      args: [
        { name: 'byscore', type: 'pure-token', token: 'BYSCORE' },
        { name: 'bylex', type: 'pure-token', token: 'BYLEX' },
      ],
    },
    { name: 'rev', type: 'pure-token', token: 'REV', since: '6.2.0', optional: true },
    {
      name: 'offset_count',
      type: 'block',
      token: 'LIMIT',
      since: '6.2.0',
      optional: true,
      args: [
        { name: 'offset', type: 'integer' },
        { name: 'count', type: 'integer' },
      ],
    },
    { name: 'withscores', type: 'pure-token', token: 'WITHSCORES', optional: true },
  ],
  docs: {
    complexity:
      'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.',
    history: [['6.2.0', 'Added the `REV`, `BYSCORE`, `BYLEX` and `LIMIT` options.']],
  },
  run(ctx) {
    if (ctx.version === '4.0') return zrangeByRank40(ctx, false);
    return zrangeGeneric(ctx, { argStart: 1, store: false });
  },
};

// ZREVRANGEBYLEX key max min [LIMIT offset count]
import type { Command } from './types';
import { zrangeByScoreOrLex40, zrangeGeneric } from './util/zrange';

/**
 * ZREVRANGEBYLEX: ZRANGEBYLEX walking down; max is written first.
 * 7.0 parses the options before the range, 4.0 the range first.
 */
export const zrevrangebylexCommand: Command = {
  name: 'zrevrangebylex',
  arity: -4,
  flags: ['readonly'],
  acl: ['sortedset'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'max', type: 'string' },
    { name: 'min', type: 'string' },
    {
      name: 'offset_count',
      type: 'block',
      token: 'LIMIT',
      optional: true,
      args: [
        { name: 'offset', type: 'integer' },
        { name: 'count', type: 'integer' },
      ],
    },
  ],
  docs: {
    complexity:
      'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).',
    docFlags: ['deprecated'],
    deprecatedSince: '6.2.0',
    replacedBy: '`ZRANGE` with the `REV` and `BYLEX` arguments',
  },
  run(ctx) {
    if (ctx.version === '4.0') return zrangeByScoreOrLex40(ctx, 'lex', true);
    return zrangeGeneric(ctx, { argStart: 1, store: false, type: 'lex', reverse: true });
  },
};

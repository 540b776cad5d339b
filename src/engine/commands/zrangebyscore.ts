// ZRANGEBYSCORE key min max [WITHSCORES] [LIMIT offset count]
import type { Command } from './types';
import { zrangeByScoreOrLex40, zrangeGeneric } from './util/zrange';

/**
 * ZRANGEBYSCORE: the members with scores in [min, max] ("(" excludes an end), lowest first.
 * 7.0 parses the options before the range, 4.0 the range first.
 */
export const zrangebyscoreCommand: Command = {
  name: 'zrangebyscore',
  arity: -4,
  flags: ['readonly'],
  acl: ['sortedset'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'min', type: 'double' },
    { name: 'max', type: 'double' },
    { name: 'withscores', type: 'pure-token', token: 'WITHSCORES', since: '2.0.0', optional: true },
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
    replacedBy: '`ZRANGE` with the `BYSCORE` argument',
    history: [['2.0.0', 'Added the `WITHSCORES` modifier.']],
  },
  run(ctx) {
    if (ctx.version === '4.0') return zrangeByScoreOrLex40(ctx, 'score', false);
    return zrangeGeneric(ctx, { argStart: 1, store: false, type: 'score', reverse: false });
  },
};

// ZRANDMEMBER key [count [WITHSCORES]]
import { bulk, EMPTY_ARRAY, ERR, error, NIL, type Reply } from '../resp';
import type { Command, Ctx } from './types';
import { eqi } from './util/args';
import { clampToNumber, LLONG_MIN, parseLL } from './util/int';
import { pairsReply } from './util/pairs';
import { pickDistinct, randomIndex } from './util/set';
import { isZSet } from './util/types';
import { scoreReply } from './util/zset';

type Entry = { readonly member: string; readonly score: number };

function entriesReply(ctx: Ctx, entries: readonly Entry[], withScores: boolean): Reply {
  const items: Reply[] = [];
  for (const e of entries) {
    items.push(bulk(e.member));
    if (withScores) items.push(scoreReply(e.score));
  }
  return withScores ? pairsReply(ctx, items) : { t: 'array', items };
}

/** zrandmemberWithCountCommand: the key is looked up only once the arguments are known good. */
function withCount(ctx: Ctx, l: bigint, withScores: boolean): Reply {
  const o = ctx.lookupRead(ctx.argv[1]);
  if (o === undefined) return EMPTY_ARRAY;
  if (!isZSet(o)) return ERR.wrongType;
  const count = clampToNumber(l < 0n ? -l : l);
  if (count === 0) return EMPTY_ARRAY;
  const entries = o.sorted;
  if (l < 0n || count === 1) {
    const out: Entry[] = [];
    for (let i = 0; i < count; i++) out.push(entries[randomIndex(ctx, entries.length)]);
    return entriesReply(ctx, out, withScores);
  }
  // Redis walks the whole set from its highest entry down (its set-operation iterator's order).
  if (count >= entries.length) return entriesReply(ctx, [...entries].reverse(), withScores);
  const picked = pickDistinct(
    ctx,
    entries.map((e) => e.member),
    count,
  );
  return entriesReply(
    ctx,
    picked.map((m) => ({ member: m, score: o.dict.get(m) as number })),
    withScores,
  );
}

/**
 * ZRANDMEMBER: a random member (nil when the key is missing), or with a count: a negative count
 * gives exactly |count| picks that may repeat, a positive one up to that many distinct members
 * (all of them, highest first, when the count reaches the size). Randomness comes from the server's
 * seeded generator, so picks are reproducible but not Redis's. New in 6.2, so unknown to 4.0.
 */
export const zrandmemberCommand: Command = {
  name: 'zrandmember',
  arity: -2,
  flags: ['readonly'],
  acl: ['sortedset'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  tips: ['nondeterministic_output'],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    {
      name: 'options',
      type: 'block',
      optional: true,
      args: [
        { name: 'count', type: 'integer' },
        { name: 'withscores', type: 'pure-token', token: 'WITHSCORES', optional: true },
      ],
    },
  ],
  docs: { complexity: 'O(N) where N is the number of elements returned' },
  versions: ['7.0'],
  run(ctx) {
    const argv = ctx.argv;
    if (argv.length >= 3) {
      const l = parseLL(argv[2]);
      if (l === null) return ERR.notInteger;
      if (l === LLONG_MIN) {
        return error('ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807');
      }
      if (argv.length > 4 || (argv.length === 4 && !eqi(argv[3], 'withscores'))) return ERR.syntax;
      const withScores = argv.length === 4;
      // WITHSCORES doubles the reply: Redis refuses counts whose double would overflow.
      const half = 4611686018427387903n;
      if (withScores && (l < -half || l > half)) return error('ERR value is out of range');
      return withCount(ctx, l, withScores);
    }
    const o = ctx.lookupRead(argv[1]);
    if (o === undefined) return NIL;
    if (!isZSet(o)) return ERR.wrongType;
    return bulk(o.sorted[randomIndex(ctx, o.sorted.length)].member);
  },
};

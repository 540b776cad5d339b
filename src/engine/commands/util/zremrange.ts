/**
 * ZREMRANGEBYRANK, ZREMRANGEBYSCORE and ZREMRANGEBYLEX share one body (t_zset.c's
 * zremrangeGenericCommand): the range is parsed first, then the key looked up for writing; the
 * selected entries are one run of the sorted order and go together, the key with them when
 * nothing is left. Dirty moves by the number removed, so removing nothing does not propagate.
 */
import type { RZSet } from '../../keyspace';
import { ERR, int, type Reply } from '../../resp';
import type { Ctx } from '../types';
import { clampToNumber, parseLL } from './int';
import { isZSet } from './types';
import { LEX_RANGE_ERR, parseLexRange, parseScoreRange, SCORE_RANGE_ERR } from './zrange';
import { lexGteMin, lexLteMax, scoreGteMin, scoreLteMax, zsetRemoveSlice } from './zset';

type Span = (z: RZSet) => [from: number, to: number];

/** The run of entries from the first that passes `gteMin` while `lteMax` holds. */
function run(z: RZSet, gteMin: (i: number) => boolean, lteMax: (i: number) => boolean): [number, number] {
  const n = z.sorted.length;
  let from = 0;
  while (from < n && !gteMin(from)) from++;
  let to = from;
  while (to < n && lteMax(to)) to++;
  return [from, to];
}

export function zremrangeGeneric(ctx: Ctx, type: 'rank' | 'score' | 'lex'): Reply {
  const [, key, a, b] = ctx.argv;
  let span: Span;
  if (type === 'rank') {
    const s = parseLL(a);
    const e = parseLL(b);
    if (s === null || e === null) return ERR.notInteger;
    span = (z) => {
      // Redis's index sanitising: negatives count from the end, then clamp to the set.
      const n = z.sorted.length;
      let start = clampToNumber(s);
      let end = clampToNumber(e);
      if (start < 0) start += n;
      if (end < 0) end += n;
      if (start < 0) start = 0;
      if (start > end || start >= n) return [0, 0];
      if (end >= n) end = n - 1;
      return [start, end + 1];
    };
  } else if (type === 'score') {
    const r = parseScoreRange(a, b);
    if (r === null) return SCORE_RANGE_ERR;
    span = (z) =>
      run(
        z,
        (i) => scoreGteMin(z.sorted[i].score, r),
        (i) => scoreLteMax(z.sorted[i].score, r),
      );
  } else {
    const r = parseLexRange(a, b);
    if (r === null) return LEX_RANGE_ERR;
    span = (z) =>
      run(
        z,
        (i) => lexGteMin(z.sorted[i].member, r.min),
        (i) => lexLteMax(z.sorted[i].member, r.max),
      );
  }
  const o = ctx.lookupWrite(key);
  if (o === undefined) return int(0);
  if (!isZSet(o)) return ERR.wrongType;
  const [from, to] = span(o);
  if (to <= from) return int(0);
  zsetRemoveSlice(o, from, to);
  if (o.dict.size === 0) ctx.deleteKey(key);
  ctx.dirty(to - from);
  return int(to - from);
}

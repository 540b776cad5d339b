/**
 * The range machinery behind ZRANGE and its older spellings (ZREVRANGE, ZRANGEBYSCORE,
 * ZREVRANGEBYSCORE, ZRANGEBYLEX, ZREVRANGEBYLEX) and ZRANGESTORE: one body that parses the
 * options, the range, looks the key up and walks the sorted order, as t_zset.c's
 * zrangeGenericCommand does in 7.0. 4.0 had one function per range kind, each parsing its range
 * before its options; those live here too, so both dialects answer their own errors in their own order.
 */
import { newZSet, type RZSet } from '../../keyspace';
import { array, bulk, EMPTY_ARRAY, ERR, error, int, type Reply } from '../../resp';
import type { Ctx } from '../types';
import { eqi } from './args';
import { noteZsetAdd, startZsetAsSkiplist } from './encoding';
import { parseDoubleLoose } from './float';
import { clampToNumber, parseLL } from './int';
import { normalizeRange } from './range';
import { isZSet } from './types';
import {
  type LexItem,
  lexGteMin,
  lexLteMax,
  parseLexItem,
  type ScoreRange,
  scoreGteMin,
  scoreLteMax,
  scoreReply,
  zsetStore,
} from './zset';

export type Entry = { readonly member: string; readonly score: number };
export type RangeType = 'rank' | 'score' | 'lex';

/** WITHSCORES: no, yes (interleaved), or yes for a RESP3 client (a [member, score] pair each). */
export type Scores = boolean | 'pairs';

/** The selected entries as a flat reply, scores interleaved when asked (paired in RESP3). */
export function entriesReply(entries: readonly Entry[], withScores: Scores): Reply {
  const out: Reply[] = [];
  for (const e of entries) {
    if (withScores === 'pairs') out.push(array([bulk(e.member), scoreReply(e.score)]));
    else {
      out.push(bulk(e.member));
      if (withScores) out.push(scoreReply(e.score));
    }
  }
  return array(out);
}

/** zslParseRange: "(x" is exclusive at either end; null when either number is malformed. */
export function parseScoreRange(minArg: string, maxArg: string): ScoreRange | null {
  const bound = (s: string) => {
    const ex = s.charCodeAt(0) === 40; // '('
    const v = parseDoubleLoose(ex ? s.slice(1) : s);
    return v === null ? null : { v, ex };
  };
  const lo = bound(minArg);
  const hi = bound(maxArg);
  if (lo === null || hi === null) return null;
  return { min: lo.v, minex: lo.ex, max: hi.v, maxex: hi.ex };
}

/** zslParseLexRange: both ends, null when either is malformed. */
export function parseLexRange(minArg: string, maxArg: string): { min: LexItem; max: LexItem } | null {
  const min = parseLexItem(minArg);
  const max = parseLexItem(maxArg);
  return min === null || max === null ? null : { min, max };
}

export const SCORE_RANGE_ERR = error('ERR min or max is not a float');
export const LEX_RANGE_ERR = error('ERR min or max not valid string range item');

/**
 * Walk from the first entry inside the range (last, when reversed), skip `offset` entries
 * without checking them, then take up to `limit` (negative = no limit) while still inside.
 * A negative offset runs off the end, giving nothing, as the C loop does.
 */
function walk(
  sorted: readonly Entry[],
  reverse: boolean,
  offset: number,
  limit: number,
  gteMin: (e: Entry) => boolean,
  lteMax: (e: Entry) => boolean,
): Entry[] {
  const n = sorted.length;
  const out: Entry[] = [];
  if (offset < 0 || (offset > 0 && offset >= n)) return out;
  if (!reverse) {
    let i = 0;
    while (i < n && !gteMin(sorted[i])) i++;
    if (i === n || !lteMax(sorted[i])) return out;
    i += offset;
    for (let left = limit; i < n && left !== 0; i++, left--) {
      if (!lteMax(sorted[i])) break;
      out.push(sorted[i]);
    }
  } else {
    let i = n - 1;
    while (i >= 0 && !lteMax(sorted[i])) i--;
    if (i < 0 || !gteMin(sorted[i])) return out;
    i -= offset;
    for (let left = limit; i >= 0 && left !== 0; i--, left--) {
      if (!gteMin(sorted[i])) break;
      out.push(sorted[i]);
    }
  }
  return out;
}

/** The entries by rank, over the order or the reversed order (genericZrangebyrankCommand). */
export function pickByRank(z: RZSet, start: number, stop: number, reverse: boolean): Entry[] {
  const n = z.sorted.length;
  const r = normalizeRange(start, stop, n);
  if (r === null) return [];
  return reverse ? z.sorted.slice(n - 1 - r[1], n - r[0]).reverse() : z.sorted.slice(r[0], r[1] + 1);
}

/** The entries whose scores are inside the range, in walking order, LIMIT applied. */
export function pickByScore(z: RZSet, r: ScoreRange, reverse: boolean, offset = 0, limit = -1): Entry[] {
  return walk(
    z.sorted,
    reverse,
    offset,
    limit,
    (e) => scoreGteMin(e.score, r),
    (e) => scoreLteMax(e.score, r),
  );
}

/** The entries whose members are inside the lex range, in walking order, LIMIT applied. */
export function pickByLex(z: RZSet, min: LexItem, max: LexItem, reverse: boolean, offset = 0, limit = -1): Entry[] {
  return walk(
    z.sorted,
    reverse,
    offset,
    limit,
    (e) => lexGteMin(e.member, min),
    (e) => lexLteMax(e.member, max),
  );
}

/** How a 7.0 spelling fixes what ZRANGE leaves to its options. */
export interface RangeSpelling {
  /** argv index of the source key (ZRANGESTORE: 2, after its destination). */
  readonly argStart: 1 | 2;
  /** ZRANGESTORE: the result goes to argv[1], WITHSCORES is a syntax error. */
  readonly store: boolean;
  /** Fixed range kind, or undefined when BYSCORE / BYLEX may choose. */
  readonly type?: RangeType;
  /** Fixed direction, or undefined when REV may choose. */
  readonly reverse?: boolean;
}

/**
 * 7.0's zrangeGenericCommand: options first (a fixed kind or direction makes the matching
 * option a syntax error), the conflicting combinations, then the range, then the key.
 */
export function zrangeGeneric(ctx: Ctx, sp: RangeSpelling): Reply {
  const argv = ctx.argv;
  const key = argv[sp.argStart];
  let withScores: Scores = false;
  let reverse = sp.reverse;
  let type = sp.type;
  let offset = 0;
  let limit = -1;
  for (let j = sp.argStart + 3; j < argv.length; j++) {
    const left = argv.length - j - 1;
    const a = argv[j];
    if (!sp.store && eqi(a, 'withscores')) {
      withScores = ctx.client.resp === 3 ? 'pairs' : true;
    } else if (eqi(a, 'limit') && left >= 2) {
      const o = parseLL(argv[j + 1]);
      const c = parseLL(argv[j + 2]);
      if (o === null || c === null) return ERR.notInteger;
      offset = clampToNumber(o);
      limit = clampToNumber(c);
      j += 2;
    } else if (reverse === undefined && eqi(a, 'rev')) {
      reverse = true;
    } else if (type === undefined && eqi(a, 'bylex')) {
      type = 'lex';
    } else if (type === undefined && eqi(a, 'byscore')) {
      type = 'score';
    } else {
      return ERR.syntax;
    }
  }
  reverse ??= false;
  type ??= 'rank';
  // "LIMIT x -1" reads as no LIMIT at all, exactly as the C check does.
  if (limit !== -1 && type === 'rank') {
    return error('ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX');
  }
  if (withScores && type === 'lex') {
    return error('ERR syntax error, WITHSCORES not supported in combination with BYLEX');
  }
  // Reversed score/lex ranges are written max first.
  const [minArg, maxArg] =
    reverse && type !== 'rank'
      ? [argv[sp.argStart + 2], argv[sp.argStart + 1]]
      : [argv[sp.argStart + 1], argv[sp.argStart + 2]];

  let pick: (z: RZSet) => Entry[];
  if (type === 'rank') {
    const s = parseLL(minArg);
    const e = parseLL(maxArg);
    if (s === null || e === null) return ERR.notInteger;
    const rev = reverse;
    pick = (z) => pickByRank(z, clampToNumber(s), clampToNumber(e), rev);
  } else if (type === 'score') {
    const r = parseScoreRange(minArg, maxArg);
    if (r === null) return SCORE_RANGE_ERR;
    const rev = reverse;
    pick = (z) => pickByScore(z, r, rev, offset, limit);
  } else {
    const r = parseLexRange(minArg, maxArg);
    if (r === null) return LEX_RANGE_ERR;
    const rev = reverse;
    pick = (z) => pickByLex(z, r.min, r.max, rev, offset, limit);
  }

  const o = ctx.lookupRead(key);
  if (o !== undefined && !isZSet(o)) return ERR.wrongType;
  const picked = o === undefined ? [] : pick(o);
  if (sp.store) return storeRange(ctx, argv[1], picked, type === 'rank');
  return o === undefined ? EMPTY_ARRAY : entriesReply(picked, withScores);
}

/**
 * ZRANGESTORE's result: a non-empty range replaces the destination (its TTL goes); an empty one
 * deletes it, which counts as a change only when there was something to delete. A rank range
 * knows its size up front: too many for a listpack and the set starts as a skiplist (keeping a
 * -0 score that a listpack would store as 0); score and lex ranges start as a listpack.
 */
function storeRange(ctx: Ctx, dst: string, picked: readonly Entry[], sizeKnown: boolean): Reply {
  if (picked.length === 0) {
    if (ctx.deleteKey(dst)) ctx.dirty(1);
    return int(0);
  }
  const z = newZSet();
  if (sizeKnown && picked.length > ctx.srv.config.int('zset-max-listpack-entries')) startZsetAsSkiplist(z);
  for (const e of picked) zsetStore(ctx, z, e.member, e.score);
  noteZsetAdd(
    ctx.srv,
    z,
    picked.map((e) => e.member),
  );
  ctx.lookupWrite(dst);
  ctx.setKey(dst, z);
  ctx.dirty(1);
  return int(picked.length);
}

/** 4.0's ZRANGE / ZREVRANGE: key start stop [WITHSCORES], indexes parsed first. */
export function zrangeByRank40(ctx: Ctx, reverse: boolean): Reply {
  const argv = ctx.argv;
  const start = parseLL(argv[2]);
  const stop = parseLL(argv[3]);
  if (start === null || stop === null) return ERR.notInteger;
  let withScores = false;
  if (argv.length === 5 && eqi(argv[4], 'withscores')) withScores = true;
  else if (argv.length >= 5) return ERR.syntax;
  const o = ctx.lookupRead(argv[1]);
  if (o === undefined) return EMPTY_ARRAY;
  if (!isZSet(o)) return ERR.wrongType;
  return entriesReply(pickByRank(o, clampToNumber(start), clampToNumber(stop), reverse), withScores);
}

/**
 * 4.0's genericZrangebyscoreCommand / genericZrangebylexCommand: the range first (max first
 * when reversed), then WITHSCORES (score ranges only) and LIMIT offset count, then the key.
 */
export function zrangeByScoreOrLex40(ctx: Ctx, type: 'score' | 'lex', reverse: boolean): Reply {
  const argv = ctx.argv;
  const [minArg, maxArg] = reverse ? [argv[3], argv[2]] : [argv[2], argv[3]];
  const sr = type === 'score' ? parseScoreRange(minArg, maxArg) : null;
  const lr = type === 'lex' ? parseLexRange(minArg, maxArg) : null;
  if (type === 'score' && sr === null) return SCORE_RANGE_ERR;
  if (type === 'lex' && lr === null) return LEX_RANGE_ERR;
  let withScores = false;
  let offset = 0;
  let limit = -1;
  let pos = 4;
  while (pos < argv.length) {
    const remaining = argv.length - pos;
    if (type === 'score' && eqi(argv[pos], 'withscores')) {
      withScores = true;
      pos++;
    } else if (remaining >= 3 && eqi(argv[pos], 'limit')) {
      const o = parseLL(argv[pos + 1]);
      const c = parseLL(argv[pos + 2]);
      if (o === null || c === null) return ERR.notInteger;
      offset = clampToNumber(o);
      limit = clampToNumber(c);
      pos += 3;
    } else {
      return ERR.syntax;
    }
  }
  const o = ctx.lookupRead(argv[1]);
  if (o === undefined) return EMPTY_ARRAY;
  if (!isZSet(o)) return ERR.wrongType;
  const picked =
    sr !== null
      ? pickByScore(o, sr, reverse, offset, limit)
      : pickByLex(o, (lr as { min: LexItem }).min, (lr as { max: LexItem }).max, reverse, offset, limit);
  return entriesReply(picked, withScores);
}

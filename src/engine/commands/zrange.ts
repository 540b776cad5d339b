// ZRANGE key start stop [BYSCORE | BYLEX] [REV] [LIMIT offset count] [WITHSCORES]
import type { RZSet } from '../keyspace';
import { array, bulk, EMPTY_ARRAY, ERR, error, type Reply } from '../resp';
import type { Command, Ctx } from './types';
import { eqi } from './util/args';
import { parseDoubleLoose } from './util/float';
import { clampToNumber, parseLL } from './util/int';
import { normalizeRange } from './util/range';
import { isZSet } from './util/types';
import {
  type LexItem,
  lexGteMin,
  lexLteMax,
  parseLexItem,
  type ScoreRange,
  scoreGteMin,
  scoreLteMax,
  scoreReply,
} from './util/zset';

type Entry = { member: string; score: number };

/** WITHSCORES: no, yes (interleaved), or yes for a RESP3 client (a [member, score] pair each). */
type Scores = boolean | 'pairs';

/** The selected entries as a flat reply, scores interleaved when asked (paired in RESP3). */
function reply(entries: Entry[], withScores: Scores): Reply {
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

/** zslParseRange for one bound: "(x" is exclusive; a malformed number is null. */
function parseScoreBound(s: string): { v: number; ex: boolean } | null {
  const ex = s.charCodeAt(0) === 40; // '('
  const v = parseDoubleLoose(ex ? s.slice(1) : s);
  return v === null ? null : { v, ex };
}

/**
 * Walk from the first entry inside the range (last, when reversed), skip `offset` entries
 * without checking them, then take up to `limit` (negative = no limit) while still inside.
 * A negative offset runs off the end, giving nothing, as the C loop does.
 */
function walk(
  sorted: Entry[],
  reverse: boolean,
  offset: number,
  limit: number,
  gteMin: (e: Entry) => boolean,
  lteMax: (e: Entry) => boolean,
): Entry[] {
  const n = sorted.length;
  const out: Entry[] = [];
  if (offset > 0 && offset >= n) return out;
  if (offset < 0) return out;
  let i: number;
  if (!reverse) {
    i = 0;
    while (i < n && !gteMin(sorted[i])) i++;
    if (i === n || !lteMax(sorted[i])) return out;
    i += offset;
    for (let left = limit; i < n && left !== 0; i++, left--) {
      if (!lteMax(sorted[i])) break;
      out.push(sorted[i]);
    }
  } else {
    i = n - 1;
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

/** 4.0's ZRANGE: key start stop [WITHSCORES], indexes parsed first. */
function zrange40(ctx: Ctx): Reply {
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
  return byRank(o, clampToNumber(start), clampToNumber(stop), false, withScores);
}

/** genericZrangebyrankCommand: indexes over the order, or over the reversed order. */
function byRank(z: RZSet, start: number, stop: number, reverse: boolean, withScores: Scores): Reply {
  const n = z.sorted.length;
  const r = normalizeRange(start, stop, n);
  if (r === null) return EMPTY_ARRAY;
  const picked = reverse ? z.sorted.slice(n - 1 - r[1], n - r[0]).reverse() : z.sorted.slice(r[0], r[1] + 1);
  return reply(picked, withScores);
}

/**
 * ZRANGE (6.2+ form): by rank, BYSCORE or BYLEX, optionally REV, LIMIT (score/lex only) and
 * WITHSCORES (not with BYLEX). Options are checked first, then the range, then the key.
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
    if (ctx.version === '4.0') return zrange40(ctx);
    const argv = ctx.argv;
    let withScores: Scores = false;
    let reverse = false;
    let dirSet = false;
    let type: '' | 'score' | 'lex' = '';
    let offset = 0;
    let limit = -1;
    for (let j = 4; j < argv.length; j++) {
      const left = argv.length - j - 1;
      const a = argv[j];
      if (eqi(a, 'withscores')) {
        withScores = ctx.client.resp === 3 ? 'pairs' : true;
      } else if (eqi(a, 'limit') && left >= 2) {
        const o = parseLL(argv[j + 1]);
        const c = parseLL(argv[j + 2]);
        if (o === null || c === null) return ERR.notInteger;
        offset = clampToNumber(o);
        limit = clampToNumber(c);
        j += 2;
      } else if (!dirSet && eqi(a, 'rev')) {
        reverse = true;
        dirSet = true;
      } else if (type === '' && eqi(a, 'bylex')) {
        type = 'lex';
      } else if (type === '' && eqi(a, 'byscore')) {
        type = 'score';
      } else {
        return ERR.syntax;
      }
    }
    // "LIMIT x -1" reads as no LIMIT at all, exactly as the C check does.
    if (limit !== -1 && type === '') {
      return error('ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX');
    }
    if (withScores && type === 'lex') {
      return error('ERR syntax error, WITHSCORES not supported in combination with BYLEX');
    }
    // Reversed score/lex ranges are written max first.
    const [minArg, maxArg] = reverse && type !== '' ? [argv[3], argv[2]] : [argv[2], argv[3]];

    let start = 0;
    let stop = 0;
    let scoreRange: ScoreRange | undefined;
    let lexMin: LexItem | null = null;
    let lexMax: LexItem | null = null;
    if (type === '') {
      const s = parseLL(minArg);
      const e = parseLL(maxArg);
      if (s === null || e === null) return ERR.notInteger;
      start = clampToNumber(s);
      stop = clampToNumber(e);
    } else if (type === 'score') {
      const lo = parseScoreBound(minArg);
      const hi = parseScoreBound(maxArg);
      if (lo === null || hi === null) return error('ERR min or max is not a float');
      scoreRange = { min: lo.v, minex: lo.ex, max: hi.v, maxex: hi.ex };
    } else {
      lexMin = parseLexItem(minArg);
      lexMax = parseLexItem(maxArg);
      if (lexMin === null || lexMax === null) return error('ERR min or max not valid string range item');
    }

    const o = ctx.lookupRead(argv[1]);
    if (o === undefined) return EMPTY_ARRAY;
    if (!isZSet(o)) return ERR.wrongType;

    if (type === '') return byRank(o, start, stop, reverse, withScores);
    if (scoreRange !== undefined) {
      const r = scoreRange;
      const picked = walk(
        o.sorted,
        reverse,
        offset,
        limit,
        (e) => scoreGteMin(e.score, r),
        (e) => scoreLteMax(e.score, r),
      );
      return reply(picked, withScores);
    }
    const min = lexMin as LexItem;
    const max = lexMax as LexItem;
    const picked = walk(
      o.sorted,
      reverse,
      offset,
      limit,
      (e) => lexGteMin(e.member, min),
      (e) => lexLteMax(e.member, max),
    );
    return reply(picked, false);
  },
};

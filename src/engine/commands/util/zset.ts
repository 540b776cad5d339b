/**
 * Sorted-set internals (t_zset.c): the (score, member) order, insertion and removal on the
 * sorted array, range lookups, and ZADD/ZINCRBY's shared body.
 */

import { cmpBin, newZSet, type RZSet } from '../../keyspace';
import { double, ERR, error, int, NIL, type Reply } from '../../resp';
import type { Ctx } from '../types';
import { eqi } from './args';
import { noteZsetAdd, zsetListpackAfterStore } from './encoding';
import { formatDouble17g, parseDouble } from './float';
import { isZSet } from './types';

type Entry = { member: string; score: number };

/** Order of the skiplist: by score, ties by member bytes. */
function cmpEntry(score: number, member: string, e: Entry): number {
  if (score < e.score) return -1;
  if (score > e.score) return 1;
  return cmpBin(member, e.member);
}

/** Position where (score, member) sits or would be inserted. */
function position(z: RZSet, score: number, member: string): number {
  let lo = 0;
  let hi = z.sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmpEntry(score, member, z.sorted[mid]) > 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A member's 0-based rank in ascending order, or -1 when absent. */
export function zsetRank(z: RZSet, member: string): number {
  const score = z.dict.get(member);
  return score === undefined ? -1 : position(z, score, member);
}

/** Remove the entries at sorted positions [from, to) in one go (the ZREMRANGEBY* and pops). */
export function zsetRemoveSlice(z: RZSet, from: number, to: number): Entry[] {
  const gone = z.sorted.splice(from, to - from);
  for (const e of gone) z.dict.delete(e.member);
  return gone;
}

/** Remove a member; false when absent. */
export function zsetRemove(z: RZSet, member: string): boolean {
  const score = z.dict.get(member);
  if (score === undefined) return false;
  z.dict.delete(member);
  z.sorted.splice(position(z, score, member), 1);
  return true;
}

/**
 * Insert or move a member. 7.0 keeps small sorted sets in a listpack that stores an integral
 * score as an integer, which turns -0 into 0 (a skiplist keeps -0); 4.0's ziplist stored "-0" as
 * text and kept it.
 */
export function zsetStore(ctx: Ctx, z: RZSet, member: string, score: number): void {
  const s = ctx.version === '7.0' && score === 0 && zsetListpackAfterStore(ctx.srv, z, member) ? 0 : score;
  zsetRemove(z, member);
  z.dict.set(member, s);
  z.sorted.splice(position(z, s, member), 0, { member, score: s });
}

/** A score as replies show it (addReplyDouble: "%.17g", "inf", "-inf"). */
export function scoreReply(score: number): Reply {
  // addReplyDouble: a bulk string in RESP2, a double in RESP3.
  return double(formatDouble17g(score));
}

/** A ZRANGE BYSCORE interval: each end inclusive unless marked exclusive with '('. */
export interface ScoreRange {
  readonly min: number;
  readonly max: number;
  readonly minex: boolean;
  readonly maxex: boolean;
}

/** zslValueGteMin / zslValueLteMax: a score against the interval's ends. */
export const scoreGteMin = (v: number, r: ScoreRange) => (r.minex ? v > r.min : v >= r.min);
export const scoreLteMax = (v: number, r: ScoreRange) => (r.maxex ? v < r.max : v <= r.max);

/** One end of a lex range as parsed: '-' / '+' or a member with its inclusivity. */
export interface LexItem {
  readonly kind: '-' | '+' | 'value';
  readonly value: string;
  readonly ex: boolean;
}

/** zslParseLexRangeItem: "-", "+", "(member" or "[member"; null when malformed. */
export function parseLexItem(s: string): LexItem | null {
  const c = s.charAt(0);
  if (c === '+' || c === '-') return s.length === 1 || s.charCodeAt(1) === 0 ? { kind: c, value: '', ex: true } : null;
  if (c === '(') return { kind: 'value', value: s.slice(1), ex: true };
  if (c === '[') return { kind: 'value', value: s.slice(1), ex: false };
  return null;
}

/** sdscmplex: compare a member against a lex bound, '-' below and '+' above everything. */
function cmpLex(a: string, b: LexItem): number {
  if (b.kind === '-') return 1;
  if (b.kind === '+') return -1;
  return cmpBin(a, b.value);
}

/** zslLexValueGteMin / zslLexValueLteMax: a member against the lex interval's ends. */
export const lexGteMin = (v: string, min: LexItem) => (min.ex ? cmpLex(v, min) > 0 : cmpLex(v, min) >= 0);
export const lexLteMax = (v: string, max: LexItem) => (max.ex ? cmpLex(v, max) < 0 : cmpLex(v, max) <= 0);

/** The sorted set at the key for writing, undefined when missing, or the WRONGTYPE reply. */
export function zsetForWrite(ctx: Ctx, key: string): RZSet | undefined | Reply {
  const o = ctx.lookupWrite(key);
  if (o === undefined) return undefined;
  return isZSet(o) ? o : ERR.wrongType;
}

/** Tell a sorted set from a reply (replies carry `t`). */
export const isReplyZ = (x: RZSet | Reply): x is Reply => 't' in x;

/**
 * zaddGenericCommand (ZADD and ZINCRBY): options, then every score is parsed before anything
 * is touched, then members are added or updated. Dirty moves by added + updated, so a call that
 * changed nothing does not propagate. GEOADD passes the ZADD line it amounts to as `argv`.
 */
export function zaddGeneric(ctx: Ctx, incrCommand: boolean, argv: readonly string[] = ctx.argv): Reply {
  const key = argv[1];
  const v70 = ctx.version === '7.0';
  let nx = false;
  let xx = false;
  let gt = false;
  let lt = false;
  let ch = false;
  let incr = incrCommand;
  let idx = 2;
  while (idx < argv.length) {
    const opt = argv[idx];
    if (eqi(opt, 'nx')) nx = true;
    else if (eqi(opt, 'xx')) xx = true;
    else if (eqi(opt, 'ch')) ch = true;
    else if (eqi(opt, 'incr')) incr = true;
    else if (v70 && eqi(opt, 'gt')) gt = true;
    else if (v70 && eqi(opt, 'lt')) lt = true;
    else break;
    idx++;
  }
  const rest = argv.length - idx;
  if (rest % 2 !== 0 || rest === 0) return ERR.syntax;
  const pairs = rest / 2;
  if (nx && xx) return error('ERR XX and NX options at the same time are not compatible');
  if ((gt && nx) || (lt && nx) || (gt && lt)) {
    return error('ERR GT, LT, and/or NX options at the same time are not compatible');
  }
  if (incr && pairs > 1) return error('ERR INCR option supports a single increment-element pair');
  const scores: number[] = [];
  for (let j = 0; j < pairs; j++) {
    const s = parseDouble(argv[idx + j * 2]);
    if (s === null) return ERR.notFloat;
    scores.push(s);
  }

  let z = zsetForWrite(ctx, key);
  if (z !== undefined && isReplyZ(z)) return z;
  let added = 0;
  const addedMembers: string[] = [];
  let updated = 0;
  let processed = 0;
  let lastScore = 0;
  let failed: Reply | undefined;
  if (z === undefined && !xx) {
    z = newZSet();
    ctx.setKey(key, z);
  }
  if (z !== undefined) {
    for (let j = 0; j < pairs; j++) {
      const member = argv[idx + j * 2 + 1];
      let score = scores[j];
      const cur = z.dict.get(member);
      if (cur !== undefined) {
        if (nx) continue;
        if (incr) {
          score += cur;
          if (Number.isNaN(score)) {
            failed = error('ERR resulting score is not a number (NaN)');
            break;
          }
        }
        if ((lt && score >= cur) || (gt && score <= cur)) continue;
        processed++;
        lastScore = score;
        if (score !== cur) {
          zsetStore(ctx, z, member, score);
          updated++;
        }
      } else if (!xx) {
        zsetStore(ctx, z, member, score);
        addedMembers.push(member);
        added++;
        processed++;
        lastScore = score;
      }
    }
  }
  if (z !== undefined && added > 0) noteZsetAdd(ctx.srv, z, addedMembers);
  if (added + updated > 0) ctx.dirty(added + updated);
  if (failed) return failed;
  if (incr) return processed > 0 ? scoreReply(lastScore) : NIL;
  return int(ch ? added + updated : added);
}

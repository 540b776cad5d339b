/**
 * ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD (t_zset.c
 * zunionInterDiffGenericCommand): numkeys, the input keys (a sorted set, or a plain set whose
 * members all score 1; a missing key is empty; any other type is WRONGTYPE), the WEIGHTS /
 * AGGREGATE / WITHSCORES / LIMIT options each form accepts, and the result as Redis computes
 * it: union and intersection visit the inputs smallest first (a stable order, as glibc's qsort
 * gives), a weighted score that is NaN (0 × inf) counts as 0, and a SUM that turns NaN (inf +
 * -inf) is 0 too. The result is ordered by score then member. A STORE form replaces the
 * destination, or deletes it when the result is empty; it is propagated as typed.
 */
import { newZSet, type RZSet } from '../../keyspace';
import { EMPTY_ARRAY, ERR, error, int, type Reply } from '../../resp';
import type { Ctx, KeyRef } from '../types';
import { eqi } from './args';
import { parseDouble } from './float';
import { clampToNumber, parseLL } from './int';
import { setMembers } from './set';
import { isSet, isZSet } from './types';
import { type Entry, entriesReply, type Scores } from './zrange';

export type ZSetOp = 'union' | 'inter' | 'diff';

/** One input: a sorted set, a set (scores 1), or nothing; and its weight. */
interface Src {
  readonly z: RZSet | null;
  readonly s: ReadonlySet<string> | null;
  readonly setMembers: readonly string[];
  readonly subject: object | null;
  weight: number;
}

const srcLength = (s: Src) => (s.z !== null ? s.z.dict.size : s.s !== null ? s.s.size : 0);

/** The input's entries in its own order (a sorted set by score; a set as SMEMBERS lists it). */
function srcEntries(s: Src): Entry[] {
  if (s.z !== null) return s.z.sorted;
  return s.setMembers.map((member) => ({ member, score: 1 }));
}

function srcFind(s: Src, member: string): number | undefined {
  if (s.z !== null) return s.z.dict.get(member);
  return s.s?.has(member) ? 1 : undefined;
}

type Aggregate = 'sum' | 'min' | 'max';

/** zunionInterAggregate. */
function aggregate(target: number, value: number, how: Aggregate): number {
  if (how === 'sum') {
    const t = target + value;
    return Number.isNaN(t) ? 0 : t;
  }
  // Ternaries, not Math.min/max: on a tie (0 and -0) the current score stays, as in C.
  // biome-ignore lint/complexity/useMathMinMax: keeps the tie rule above
  if (how === 'min') return value < target ? value : target;
  // biome-ignore lint/complexity/useMathMinMax: keeps the tie rule above
  return value > target ? value : target;
}

/** The order of a skiplist: score, then member bytes. */
function cmpEntries(a: Entry, b: Entry): number {
  if (a.score !== b.score) return a.score < b.score ? -1 : 1;
  return a.member < b.member ? -1 : a.member > b.member ? 1 : 0;
}

/**
 * The whole command. `numkeysIndex` is where numkeys sits (1, or 2 after a destination);
 * `dst` is the destination of a STORE form; `cardOnly` is ZINTERCARD.
 */
export function zsetOpGeneric(
  ctx: Ctx,
  numkeysIndex: number,
  dst: string | null,
  op: ZSetOp,
  cardOnly: boolean,
): Reply {
  const argv = ctx.argv;
  const is40 = ctx.version === '4.0';
  const n = parseLL(argv[numkeysIndex]);
  if (n === null) return ERR.notInteger;
  if (n < 1n) {
    if (is40) return error('ERR at least 1 input key is needed for ZUNIONSTORE/ZINTERSTORE');
    return error(`ERR at least 1 input key is needed for '${argv[0].toLowerCase()}' command`);
  }
  if (n > BigInt(argv.length - (numkeysIndex + 1))) return ERR.syntax;
  const setnum = Number(n);

  const src: Src[] = [];
  let j = numkeysIndex + 1;
  for (let i = 0; i < setnum; i++, j++) {
    const o = ctx.lookupRead(argv[j]);
    if (o === undefined) src.push({ z: null, s: null, setMembers: [], subject: null, weight: 1 });
    else if (isZSet(o)) src.push({ z: o, s: null, setMembers: [], subject: o, weight: 1 });
    else if (isSet(o)) src.push({ z: null, s: o.set, setMembers: setMembers(o), subject: o, weight: 1 });
    else return ERR.wrongType;
  }

  let how: Aggregate = 'sum';
  let withScores: Scores = false;
  let limit = 0;
  while (j < argv.length) {
    const remaining = argv.length - j;
    if (op !== 'diff' && !cardOnly && remaining >= setnum + 1 && eqi(argv[j], 'weights')) {
      j++;
      for (let i = 0; i < setnum; i++, j++) {
        const w = parseDouble(argv[j]);
        if (w === null) return error('ERR weight value is not a float');
        src[i].weight = w;
      }
    } else if (op !== 'diff' && !cardOnly && remaining >= 2 && eqi(argv[j], 'aggregate')) {
      const a = argv[j + 1];
      if (eqi(a, 'sum')) how = 'sum';
      else if (eqi(a, 'min')) how = 'min';
      else if (eqi(a, 'max')) how = 'max';
      else return ERR.syntax;
      j += 2;
    } else if (!is40 && dst === null && !cardOnly && eqi(argv[j], 'withscores')) {
      j++;
      // A RESP3 client gets a [member, score] pair per entry, as from ZRANGE.
      withScores = ctx.client.resp === 3 ? 'pairs' : true;
    } else if (cardOnly && remaining >= 2 && eqi(argv[j], 'limit')) {
      const v = parseLL(argv[j + 1]);
      if (v === null || v < 0n) return error("ERR LIMIT can't be negative");
      limit = clampToNumber(v);
      j += 2;
    } else return ERR.syntax;
  }

  // Smallest input first (a stable sort keeps equal sizes in argument order).
  if (op !== 'diff') src.sort((a, b) => srcLength(a) - srcLength(b));

  const out: Entry[] = [];
  let cardinality = 0;
  if (op === 'inter') {
    if (srcLength(src[0]) > 0) {
      for (const e of srcEntries(src[0])) {
        let score = src[0].weight * e.score;
        if (Number.isNaN(score)) score = 0;
        let k = 1;
        for (; k < setnum; k++) {
          const v = src[k].subject === src[0].subject ? e.score : srcFind(src[k], e.member);
          if (v === undefined) break;
          score = aggregate(score, v * src[k].weight, how);
        }
        if (k < setnum) continue;
        if (cardOnly) {
          cardinality++;
          if (limit !== 0 && cardinality >= limit) break;
        } else out.push({ member: e.member, score });
      }
    }
  } else if (op === 'union') {
    const acc = new Map<string, number>();
    for (const s of src) {
      for (const e of srcEntries(s)) {
        let score = s.weight * e.score;
        if (Number.isNaN(score)) score = 0;
        const prev = acc.get(e.member);
        acc.set(e.member, prev === undefined ? score : aggregate(prev, score, how));
      }
    }
    for (const [member, score] of acc) out.push({ member, score });
  } else if (src[0].subject !== null) {
    // Members of the first input found in none of the others keep their own score.
    for (const e of srcEntries(src[0])) {
      let found = false;
      for (let k = 1; k < setnum && !found; k++) {
        found = src[k].subject === src[0].subject || srcFind(src[k], e.member) !== undefined;
      }
      if (!found) out.push({ member: e.member, score: e.score });
    }
  }
  if (cardOnly) return int(cardinality);
  out.sort(cmpEntries);

  if (dst !== null) return storeResult(ctx, dst, out);
  if (out.length === 0) return EMPTY_ARRAY;
  return entriesReply(out, withScores && ctx.client.resp === 3 ? 'pairs' : withScores);
}

/**
 * A non-empty result replaces the destination (its TTL goes); it is a listpack when small
 * enough, where an integral score is stored as an integer (so -0 reads back as 0 in 7.0). An
 * empty one deletes the destination, a change only when there was something to delete.
 */
function storeResult(ctx: Ctx, dst: string, out: readonly Entry[]): Reply {
  if (out.length === 0) {
    if (ctx.deleteKey(dst)) {
      ctx.touch(dst);
      ctx.dirty(1);
    }
    return int(0);
  }
  const z = newZSet();
  for (const e of out) {
    z.dict.set(e.member, e.score);
    z.sorted.push({ member: e.member, score: e.score });
  }
  if (ctx.version === '7.0' && zsetFitsListpack(ctx, z)) {
    for (const e of z.sorted) if (e.score === 0) e.score = 0;
    for (const [m, s] of z.dict) if (s === 0) z.dict.set(m, 0);
  }
  ctx.lookupWrite(dst);
  ctx.setKey(dst, z);
  ctx.touch(dst);
  ctx.dirty(1);
  return int(out.length);
}

/** zsetConvertToListpackIfNeeded's test: few enough members, none too long. */
function zsetFitsListpack(ctx: Ctx, z: RZSet): boolean {
  const entries = ctx.srv.config.int('zset-max-listpack-entries');
  const value = ctx.srv.config.int('zset-max-listpack-value');
  if (z.dict.size > entries) return false;
  for (const m of z.dict.keys()) if (m.length > value) return false;
  return true;
}

/**
 * zunionInterDiffGetKeys / zunionInterDiffStoreGetKeys: the numkeys keys after numkeys (and
 * the destination first for a STORE form), none when numkeys does not fit.
 */
export function zsetOpGetKeys(numkeysIndex: number): (argv: readonly string[]) => readonly KeyRef[] {
  return (argv) => {
    const n = parseLL(argv[numkeysIndex] ?? '');
    if (n === null || n < 1n || n > BigInt(argv.length - numkeysIndex - 1)) return [];
    const keys: KeyRef[] = [];
    if (numkeysIndex === 2) keys.push({ pos: 1, flags: ['OW', 'update'] });
    for (let i = 0; i < Number(n); i++) keys.push({ pos: numkeysIndex + 1 + i, flags: ['RO', 'access'] });
    return keys;
  };
}

/**
 * SORT and SORT_RO (sort.c sortCommandGeneric): sort the elements of a list, set or sorted set
 * numerically (each read as a double; ties and ALPHA by bytes), by the values of other keys (BY
 * pattern with `*` replaced by the element, `->field` for a hash field; a BY pattern without `*`
 * leaves the order alone), take a LIMIT range, and reply each element or what GET patterns find
 * (`#` is the element itself). SORT ... STORE writes the result as a list (propagated as typed);
 * an empty result deletes the destination.
 */
import { cmpBin, newList, type RValue, type RZSet } from '../../keyspace';
import { bulk, ERR, error, int, NIL, type Reply } from '../../resp';
import type { Ctx, KeyRef } from '../types';
import { eqi } from './args';
import { parseDoubleLoose } from './float';
import { parseLL } from './int';
import { setMembers } from './set';
import { isHash, isList, isSet, isString, isZSet } from './types';

interface Item {
  obj: string;
  score: number;
  cmp: string | null;
}

/** lookupKeyByPattern: the string (or hash field) a pattern names for an element, or null. */
function byPattern(ctx: Ctx, pattern: string, subst: string): string | null {
  if (pattern === '#') return subst;
  const p = pattern.indexOf('*');
  if (p < 0) return null;
  const arrow = pattern.indexOf('->', p + 1);
  const hasField = arrow >= 0 && arrow + 2 < pattern.length;
  const key = pattern.slice(0, p) + subst + pattern.slice(p + 1, hasField ? arrow : undefined);
  const o: RValue | undefined = ctx.lookupRead(key);
  if (o === undefined) return null;
  if (hasField) return isHash(o) ? (o.map.get(pattern.slice(arrow + 2)) ?? null) : null;
  return isString(o) ? o : null;
}

/** strtod over the whole string, as SORT reads a score: null when it is not a number (or overflows). */
function sortScore(s: string): number | null {
  const v = parseDoubleLoose(s);
  if (v === null || Number.isNaN(v)) return null;
  if (!Number.isFinite(v) && !/inf/i.test(s)) return null;
  return v;
}

export function sortGeneric(ctx: Ctx, readonly: boolean): Reply {
  const argv = ctx.argv;
  let desc = false;
  let alpha = false;
  let start0 = 0n;
  let count0 = -1n;
  let store: string | null = null;
  let by: string | null = null;
  let dontsort = false;
  const gets: string[] = [];
  for (let j = 2; j < argv.length; j++) {
    const left = argv.length - j - 1;
    const a = argv[j];
    if (eqi(a, 'asc')) desc = false;
    else if (eqi(a, 'desc')) desc = true;
    else if (eqi(a, 'alpha')) alpha = true;
    else if (eqi(a, 'limit') && left >= 2) {
      const s = parseLL(argv[j + 1]);
      if (s === null) return ERR.notInteger;
      const c = parseLL(argv[j + 2]);
      if (c === null) return ERR.notInteger;
      start0 = s;
      count0 = c;
      j += 2;
    } else if (!readonly && eqi(a, 'store') && left >= 1) store = argv[++j];
    else if (eqi(a, 'by') && left >= 1) {
      by = argv[++j];
      dontsort = !by.includes('*');
    } else if (eqi(a, 'get') && left >= 1) gets.push(argv[++j]);
    else return ERR.syntax;
  }
  const o = ctx.lookupRead(argv[1]);
  if (o !== undefined && !(isList(o) || isSet(o) || isZSet(o))) return ERR.wrongType;
  const v = o ?? newList();
  // A set has no order of its own: "don't sort" a set into a key would store a random order.
  if (dontsort && v.type === 'set' && store !== null) {
    dontsort = false;
    alpha = true;
    by = null;
  }
  const elements: string[] =
    v.type === 'list' ? v.items : v.type === 'set' ? setMembers(v) : (v as RZSet).sorted.map((e) => e.member);
  let len = elements.length;
  const clamp = (x: bigint, lo: bigint, hi: bigint) => (x < lo ? lo : x > hi ? hi : x);
  let start = Number(clamp(start0, 0n, BigInt(len)));
  const count = Number(clamp(count0, -1n, BigInt(len)));
  let end = count < 0 ? len - 1 : start + count - 1;
  if (start >= len) {
    start = len - 1;
    end = len - 2;
  }
  if (end >= len) end = len - 1;
  let items: Item[];
  if (dontsort && v.type !== 'set') {
    // Lists and sorted sets keep their order: only the LIMIT range is taken (from the end with DESC).
    const ordered = desc ? [...elements].reverse() : elements;
    items = end >= start ? ordered.slice(start, end + 1).map((obj) => ({ obj, score: 0, cmp: null })) : [];
    len = items.length;
    end -= start;
    start = 0;
  } else {
    items = elements.map((obj) => ({ obj, score: 0, cmp: null }));
  }
  if (!dontsort) {
    for (const it of items) {
      const byval = by !== null ? byPattern(ctx, by, it.obj) : it.obj;
      if (byval === null) continue;
      if (alpha) {
        if (by !== null) it.cmp = byval;
      } else {
        const s = sortScore(byval);
        if (s === null) return error("ERR One or more scores can't be converted into double");
        it.score = s;
      }
    }
    const sign = desc ? -1 : 1;
    items.sort((a, b) => {
      let c: number;
      if (!alpha) c = a.score > b.score ? 1 : a.score < b.score ? -1 : cmpBin(a.obj, b.obj);
      else if (by !== null) {
        if (a.cmp === null || b.cmp === null) c = a.cmp === b.cmp ? 0 : a.cmp === null ? -1 : 1;
        else c = cmpBin(a.cmp, b.cmp);
      } else c = cmpBin(a.obj, b.obj);
      return sign * c;
    });
  }
  const picked = end >= start ? items.slice(start, end + 1) : [];
  const out: (string | null)[] = [];
  for (const it of picked) {
    if (gets.length === 0) out.push(it.obj);
    for (const g of gets) out.push(byPattern(ctx, g, it.obj));
  }
  if (store === null) return { t: 'array', items: out.map((s) => (s === null ? NIL : bulk(s))) };
  if (out.length > 0) {
    ctx.lookupWrite(store);
    ctx.setKey(store, newList(out.map((s) => s ?? '')));
    ctx.dirty(out.length);
  } else if (ctx.deleteKey(store)) ctx.dirty();
  return int(out.length);
}

/** sortGetKeys: the sorted key (read), and the STORE key (written) when there is one. */
export function sortGetKeys(argv: readonly string[]): KeyRef[] {
  const keys: KeyRef[] = [{ pos: 1, flags: ['RO', 'access'] }];
  let store = -1;
  for (let i = 2; i < argv.length; i++) {
    if (eqi(argv[i], 'limit')) i += 2;
    else if (eqi(argv[i], 'get') || eqi(argv[i], 'by')) i += 1;
    else if (eqi(argv[i], 'store') && i + 1 < argv.length) store = i + 1;
  }
  if (store >= 0) keys.push({ pos: store, flags: ['OW', 'update'] });
  return keys;
}

/**
 * SINTER, SUNION, SDIFF and their STORE and CARD forms (t_set.c sinterGenericCommand and
 * sunionDiffGenericCommand): every key is a read lookup (a missing one is an empty set, another
 * type is WRONGTYPE), the result is built as Redis builds it, and its order is the order Redis
 * lists it in: SINTER walks the smallest set; SUNION and SDIFF list a new set, which is an intset
 * (sorted) while it holds only integers and no more than set-max-intset-entries of them. A STORE
 * form replaces the destination (propagated as typed) or, with an empty result, deletes it.
 */
import { newSet, type RSet } from '../../keyspace';
import { bulk, ERR, int, type Reply, setReply } from '../../resp';
import type { Ctx } from '../types';
import { noteSetAdd } from './encoding';
import { setMembers } from './set';
import { isSet } from './types';

/** The sets at `keys` (null for a missing key), or WRONGTYPE. */
function lookupSets(ctx: Ctx, keys: readonly string[]): (RSet | null)[] | Reply {
  const sets: (RSet | null)[] = [];
  for (const k of keys) {
    const o = ctx.lookupRead(k);
    if (o === undefined) sets.push(null);
    else if (!isSet(o)) return ERR.wrongType;
    else sets.push(o);
  }
  return sets;
}

/** A new set holding `members` (as setTypeAdd builds it, so its encoding follows). */
function makeSet(ctx: Ctx, members: readonly string[]): RSet {
  const s = newSet();
  for (const m of members) s.set.add(m);
  noteSetAdd(ctx.srv, s, members);
  return s;
}

/** Store the result at `dst` (setKey), or delete `dst` when it is empty; replies its size. */
function store(ctx: Ctx, dst: string, members: readonly string[]): Reply {
  if (members.length > 0) {
    ctx.lookupWrite(dst);
    ctx.setKey(dst, makeSet(ctx, members));
    ctx.touch(dst);
    ctx.dirty();
    return int(members.length);
  }
  if (ctx.deleteKey(dst)) {
    ctx.touch(dst);
    ctx.dirty();
  }
  return int(0);
}

/**
 * sinterGenericCommand: `dst` for SINTERSTORE, `cardLimit` for SINTERCARD (0 = no limit; null
 * for the other two).
 */
export function sinterGeneric(ctx: Ctx, keys: readonly string[], dst: string | null, cardLimit: number | null): Reply {
  const found = lookupSets(ctx, keys);
  if (!Array.isArray(found)) return found;
  if (found.some((s) => s === null)) {
    if (dst !== null) return store(ctx, dst, []);
    return cardLimit !== null ? int(0) : setReply([]);
  }
  const sets = (found as RSet[]).slice().sort((a, b) => a.set.size - b.set.size);
  const out: string[] = [];
  for (const m of setMembers(sets[0])) {
    let all = true;
    for (let j = 1; j < sets.length; j++) {
      if (sets[j] !== sets[0] && !sets[j].set.has(m)) {
        all = false;
        break;
      }
    }
    if (!all) continue;
    out.push(m);
    if (cardLimit !== null && cardLimit !== 0 && out.length >= cardLimit) break;
  }
  if (cardLimit !== null) return int(out.length);
  if (dst !== null) return store(ctx, dst, out);
  // A set in RESP3 (addReplySetLen), as SMEMBERS.
  return setReply(out.map((m) => bulk(m)));
}

/** sunionDiffGenericCommand: SUNION / SDIFF, with `dst` for their STORE forms. */
export function sunionDiffGeneric(ctx: Ctx, keys: readonly string[], dst: string | null, op: 'union' | 'diff'): Reply {
  const found = lookupSets(ctx, keys);
  if (!Array.isArray(found)) return found;
  const sets = found as (RSet | null)[];
  const result = new Set<string>();
  if (op === 'union') {
    for (const s of sets) if (s !== null) for (const m of setMembers(s)) result.add(m);
  } else if (sets[0] !== null && !sets.slice(1).includes(sets[0])) {
    // (A set minus itself, anywhere in the list, is empty.)
    const others = sets.slice(1);
    for (const m of setMembers(sets[0])) {
      if (!others.some((s) => s?.set.has(m))) result.add(m);
    }
  }
  const members = setMembers(makeSet(ctx, [...result]));
  if (dst !== null) return store(ctx, dst, members);
  return setReply(members.map((m) => bulk(m)));
}

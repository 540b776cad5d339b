/** Set helpers (t_set.c): member order for replies and random picks. */
import type { RSet } from '../../keyspace';
import type { Ctx } from '../types';
import { leftIntset } from './encoding';
import { parseLL } from './int';

/** set-max-intset-entries: up to this many integer members Redis keeps a set as a sorted intset. */
const INTSET_MAX = 512;

/**
 * The members in the order Redis would list them. A small all-integer set is an intset in
 * Redis, iterated in numeric order, and that order is reproduced; a hashtable set iterates in
 * hash order seeded randomly per process, for which insertion order stands in.
 */
export function setMembers(s: RSet): string[] {
  const members = [...s.set];
  if (members.length === 0 || members.length > INTSET_MAX || leftIntset(s)) return members;
  const nums: bigint[] = [];
  for (const m of members) {
    const v = parseLL(m);
    if (v === null) return members;
    nums.push(v);
  }
  const order = members.map((_, i) => i).sort((a, b) => (nums[a] < nums[b] ? -1 : nums[a] > nums[b] ? 1 : 0));
  return order.map((i) => members[i]);
}

/** A uniformly random index in [0, n) from the server's seeded generator. */
export function randomIndex(ctx: Ctx, n: number): number {
  return Math.min(n - 1, Math.floor(ctx.srv.random() * n));
}

/** `count` distinct members picked at random (partial Fisher-Yates over `members`, which it shuffles). */
export function pickDistinct(ctx: Ctx, members: string[], count: number): string[] {
  const n = members.length;
  for (let i = 0; i < count; i++) {
    const j = i + randomIndex(ctx, n - i);
    const t = members[i];
    members[i] = members[j];
    members[j] = t;
  }
  return members.slice(0, count);
}

// SPOP key [count]

import type { RSet } from '../keyspace';
import { bulk, ERR, error, NIL, type Reply, setReply } from '../resp';
import type { Command, Ctx } from './types';
import { clampToNumber, parseLL } from './util/int';
import { pickDistinct, randomIndex, setMembers } from './util/set';
import { isSet } from './util/types';

/**
 * SPOP key count: pop up to `count` random members. Popping them all propagates `DEL key`;
 * fewer propagate one `SREM key member` per member (7.0 wraps them in MULTI/EXEC) in place of
 * the command itself.
 */
function spopWithCount(ctx: Ctx): Reply {
  const [, key, countText] = ctx.argv;
  const v70 = ctx.version === '7.0';
  const v = parseLL(countText);
  if (v70) {
    if (v === null || v < 0n) return error('ERR value is out of range, must be positive');
  } else {
    if (v === null) return ERR.notInteger;
    if (v < 0n) return ERR.outOfRange;
  }
  const count = clampToNumber(v);
  // 4.0 looked the key up for reading here.
  const o = v70 ? ctx.lookupWrite(key) : ctx.lookupRead(key);
  // With a count, 7.0 answers a set (RESP3 `~`).
  if (o === undefined) return setReply([]);
  if (!isSet(o)) return ERR.wrongType;
  if (count === 0) return setReply([]);
  const size = o.set.size;
  if (count >= size) {
    const all = setMembers(o);
    ctx.deleteKey(key);
    ctx.rewrite(['DEL', key]);
    // 4.0 counted the requested count plus one for the deletion.
    ctx.dirty(v70 ? size : count + 1);
    return setReply(all.map((m) => bulk(m)));
  }
  const popped = pickDistinct(ctx, [...o.set], count);
  for (const m of popped) {
    o.set.delete(m);
    ctx.also(['SREM', key, m]);
  }
  ctx.dirty(count);
  ctx.noPropagate();
  return setReply(popped.map((m) => bulk(m)));
}

/** SPOP: remove and return a random member, propagated as `SREM key member`. */
export const spopCommand: Command = {
  name: 'spop',
  arity: -2,
  flags: ['write', 'fast'],
  flags40: ['write', 'random', 'fast'],
  acl: ['set'],
  keySpecs: [{ flags: ['RW', 'access', 'delete'], index: 1, range: [0, 1, 0] }],
  tips: ['nondeterministic_output'],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'count', type: 'integer', since: '3.2.0', optional: true },
  ],
  docs: {
    complexity: 'Without the count argument O(1), otherwise O(N) where N is the value of the passed count.',
    history: [['3.2.0', 'Added the `count` argument.']],
  },
  run(ctx) {
    const argv = ctx.argv;
    if (argv.length === 3) return spopWithCount(ctx);
    if (argv.length > 3) return ERR.syntax;
    const key = argv[1];
    const o = ctx.lookupWrite(key);
    if (o === undefined) return NIL;
    if (!isSet(o)) return ERR.wrongType;
    const member = randomMember(ctx, o);
    o.set.delete(member);
    ctx.rewrite(['SREM', key, member]);
    if (o.set.size === 0) ctx.deleteKey(key);
    ctx.dirty(1);
    return bulk(member);
  },
};

/** One member chosen uniformly at random. */
function randomMember(ctx: Ctx, s: RSet): string {
  let i = randomIndex(ctx, s.set.size);
  for (const m of s.set) if (i-- === 0) return m;
  throw new Error('unreachable: empty set');
}

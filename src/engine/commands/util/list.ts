/**
 * The shared bodies of the list commands (t_list.c): push and pop at either end, and the
 * command-table entries LPUSH/RPUSH and LPOP/RPOP share.
 */

import { newList, type RList } from '../../keyspace';
import {
  array,
  bulk,
  bulkArray,
  EMPTY_ARRAY,
  ERR,
  error,
  int,
  NIL,
  NIL_ARRAY,
  type Reply,
  wrongArity,
} from '../../resp';
import type { Command, Ctx } from '../types';
import { eqi } from './args';
import { clampToNumber, parseLL } from './int';
import { isList } from './types';

/** Which end: the head (L*, index 0) or the tail (R*). */
export type End = 'head' | 'tail';

/**
 * The entry LPUSH and RPUSH share (lpush.json and rpush.json differ only in the summary): arity,
 * flags, key spec, arguments and docs; `run` pushes at `where`.
 */
export function pushSpec(name: 'lpush' | 'rpush', where: End): Command {
  return {
    name,
    arity: -3,
    flags: ['write', 'denyoom', 'fast'],
    acl: ['list'],
    keySpecs: [{ flags: ['RW', 'insert'], index: 1, range: [0, 1, 0] }],
    args: [
      { name: 'key', type: 'key', keySpec: 0 },
      { name: 'element', type: 'string', multiple: true },
    ],
    docs: {
      complexity:
        'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.',
      history: [['2.4.0', 'Accepts multiple `element` arguments.']],
    },
    run(ctx) {
      return pushGeneric(ctx, where);
    },
  };
}

/**
 * The entry LPOP and RPOP share (lpop.json and rpop.json differ only in the summary): the 6.2
 * count argument (4.0's arity is exactly the key), flags, key spec and docs; `run` pops at `where`.
 */
export function popSpec(name: 'lpop' | 'rpop', where: End): Command {
  return {
    name,
    arity: -2,
    arity40: 2,
    flags: ['write', 'fast'],
    acl: ['list'],
    keySpecs: [{ flags: ['RW', 'access', 'delete'], index: 1, range: [0, 1, 0] }],
    args: [
      { name: 'key', type: 'key', keySpec: 0 },
      { name: 'count', type: 'integer', since: '6.2.0', optional: true },
    ],
    docs: {
      complexity: 'O(N) where N is the number of elements returned',
      history: [['6.2.0', 'Added the `count` argument.']],
    },
    run(ctx) {
      return popGeneric(ctx, where, name);
    },
  };
}

/**
 * pushGenericCommand: push each element in argument order, creating the list (unless `xx`:
 * LPUSHX/RPUSHX answer 0 for a missing key); dirty += count.
 */
export function pushGeneric(ctx: Ctx, where: End, xx = false): Reply {
  const argv = ctx.argv;
  const key = argv[1];
  let o = ctx.lookupWrite(key);
  if (o !== undefined && !isList(o)) return ERR.wrongType;
  if (o === undefined) {
    if (xx) return int(0);
    o = newList();
    ctx.setKey(key, o);
  }
  if (where === 'tail') {
    for (let j = 2; j < argv.length; j++) o.items.push(argv[j]);
  } else {
    // Each element goes to the head in turn, so the last argument ends up first.
    o.items = argv.slice(2).reverse().concat(o.items);
  }
  ctx.dirty(argv.length - 2);
  return int(o.items.length);
}

/**
 * popGenericCommand: one element as a bulk, or with a count (6.2+) up to that many as an array
 * (nil array when the key is missing). The key goes away with its last element.
 */
export function popGeneric(ctx: Ctx, where: End, name: 'lpop' | 'rpop'): Reply {
  const argv = ctx.argv;
  if (argv.length > 3) return wrongArity(name);
  const hasCount = argv.length === 3;
  let count = 0;
  if (hasCount) {
    const v = parseLL(argv[2]);
    if (v === null || v < 0n) return error('ERR value is out of range, must be positive');
    count = clampToNumber(v);
  }
  const key = argv[1];
  const o = ctx.lookupWrite(key);
  if (o === undefined) return hasCount ? NIL_ARRAY : NIL;
  if (!isList(o)) return ERR.wrongType;
  if (hasCount && count === 0) return EMPTY_ARRAY;
  const items = o.items;
  let reply: Reply;
  let n: number;
  if (!hasCount) {
    n = 1;
    reply = bulk((where === 'head' ? items.shift() : items.pop()) as string);
  } else {
    n = Math.min(count, items.length);
    // RPOP with a count replies tail first.
    const taken = where === 'head' ? items.splice(0, n) : items.splice(items.length - n, n).reverse();
    reply = bulkArray(taken);
  }
  if (items.length === 0) ctx.deleteKey(key);
  ctx.dirty(n);
  return reply;
}

/** LEFT / RIGHT (getListPositionFromObjectOrReply), or null for a syntax error. */
export function whereArg(s: string): End | null {
  if (eqi(s, 'left')) return 'head';
  if (eqi(s, 'right')) return 'tail';
  return null;
}

/** The word a position propagates as (getStringObjectFromListPosition). */
export const whereWord = (where: End): string => (where === 'head' ? 'LEFT' : 'RIGHT');

/**
 * listPopRangeAndReplyWithKey: pop up to `count` elements from one end (the tail end replies
 * tail first), the key going away with its last element; replies [key, [elements]].
 */
export function popRangeWithKey(ctx: Ctx, key: string, o: RList, where: End, count: number, db = ctx.db): Reply {
  const n = Math.min(count, o.items.length);
  const taken = where === 'head' ? o.items.splice(0, n) : o.items.splice(o.items.length - n, n).reverse();
  if (o.items.length === 0) ctx.deleteKey(key, db);
  return array([bulk(key), bulkArray(taken)]);
}

/**
 * lmoveGenericCommand's move: pop one element from `src` (a non-empty list) at `from` and push it
 * at `to` of the list at `dstKey` (created when missing), deleting the source when emptied.
 * Replies the element; the caller has checked the destination's type.
 */
export function moveElement(ctx: Ctx, srcKey: string, src: RList, dstKey: string, from: End, to: End): Reply {
  const value = (from === 'head' ? src.items.shift() : src.items.pop()) as string;
  let dst = ctx.db.dict.get(dstKey) as RList | undefined;
  if (dst === undefined) {
    dst = newList();
    ctx.setKey(dstKey, dst);
  }
  if (to === 'head') dst.items.unshift(value);
  else dst.items.push(value);
  // (With source and destination the same list, the element is back: nothing to delete.)
  if (src.items.length === 0) ctx.deleteKey(srcKey);
  return bulk(value);
}

/** What LMPOP / BLMPOP asked for, once parsed. */
export interface MpopArgs {
  keys: string[];
  where: End;
  count: number;
}

/**
 * lmpopGenericCommand's parsing: numkeys at `numkeysIdx` (1 or more), that many keys, LEFT or
 * RIGHT, then an optional COUNT (1 or more, given once).
 */
export function parseMpop(ctx: Ctx, numkeysIdx: number): MpopArgs | Reply {
  const argv = ctx.argv;
  const nk = parseLL(argv[numkeysIdx]);
  if (nk === null || nk < 1n) return error('ERR numkeys should be greater than 0');
  const whereIdx = numkeysIdx + clampToNumber(nk) + 1;
  if (whereIdx >= argv.length) return ERR.syntax;
  const where = whereArg(argv[whereIdx]);
  if (where === null) return ERR.syntax;
  let count = -1;
  for (let j = whereIdx + 1; j < argv.length; j++) {
    if (count === -1 && eqi(argv[j], 'count') && j < argv.length - 1) {
      const c = parseLL(argv[++j]);
      if (c === null || c < 1n) return error('ERR count should be greater than 0');
      count = clampToNumber(c);
    } else return ERR.syntax;
  }
  return { keys: argv.slice(numkeysIdx + 1, whereIdx), where, count: count === -1 ? 1 : count };
}

/**
 * Pop from the first non-empty list among `keys` (write lookups, a key of another type stops it
 * with WRONGTYPE): [key, [elements]], propagated as `LPOP|RPOP key n`; null when all are empty.
 */
export function popFirstNonEmpty(ctx: Ctx, keys: readonly string[], where: End, count: number): Reply | null {
  for (const key of keys) {
    const o = ctx.lookupWrite(key);
    if (o === undefined) continue;
    if (!isList(o)) return ERR.wrongType;
    if (o.items.length === 0) continue;
    const n = Math.min(count, o.items.length);
    const r = popRangeWithKey(ctx, key, o, where, count);
    ctx.rewrite([where === 'head' ? 'LPOP' : 'RPOP', key, String(n)]);
    ctx.touch(key);
    ctx.dirty(n);
    return r;
  }
  return null;
}

/** LMPOP (mpopGenericCommand): the pop, or a nil array when every list is empty. */
export function mpopGeneric(ctx: Ctx, numkeysIdx: number): Reply {
  const a = parseMpop(ctx, numkeysIdx);
  if ('t' in a) return a;
  return popFirstNonEmpty(ctx, a.keys, a.where, a.count) ?? NIL_ARRAY;
}

/** The shared bodies of the list commands (t_list.c): push and pop at either end. */

import { newList } from '../../keyspace';
import { bulk, bulkArray, EMPTY_ARRAY, ERR, error, int, NIL, NIL_ARRAY, type Reply, wrongArity } from '../../resp';
import type { Ctx } from '../types';
import { clampToNumber, parseLL } from './int';
import { isList } from './types';

/** Which end: the head (L*, index 0) or the tail (R*). */
export type End = 'head' | 'tail';

/** pushGenericCommand: push each element in argument order, creating the list; dirty += count. */
export function pushGeneric(ctx: Ctx, where: End): Reply {
  const argv = ctx.argv;
  const key = argv[1];
  let o = ctx.lookupWrite(key);
  if (o !== undefined && !isList(o)) return ERR.wrongType;
  if (o === undefined) {
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

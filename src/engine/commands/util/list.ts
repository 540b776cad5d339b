/**
 * The shared bodies of the list commands (t_list.c): push and pop at either end, and the
 * command-table entries LPUSH/RPUSH and LPOP/RPOP share.
 */

import { newList } from '../../keyspace';
import { bulk, bulkArray, EMPTY_ARRAY, ERR, error, int, NIL, NIL_ARRAY, type Reply, wrongArity } from '../../resp';
import type { Command, Ctx } from '../types';
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

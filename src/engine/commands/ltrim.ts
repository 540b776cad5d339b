// LTRIM key start stop
import { ERR, OK } from '../resp';
import type { Command } from './types';
import { parseLL } from './util/int';
import { isList } from './util/types';

/**
 * LTRIM: keep only the elements from start to stop (negative from the tail); an empty range
 * deletes the key. dirty moves by the elements removed, but WATCH sees the key touched even when
 * nothing was.
 */
export const ltrimCommand: Command = {
  name: 'ltrim',
  arity: 4,
  flags: ['write'],
  acl: ['list'],
  keySpecs: [{ flags: ['RW', 'delete'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'start', type: 'integer' },
    { name: 'stop', type: 'integer' },
  ],
  docs: { complexity: 'O(N) where N is the number of elements to be removed by the operation.' },
  touchesOwnKeys: true,
  run(ctx) {
    const s0 = parseLL(ctx.argv[2]);
    const e0 = parseLL(ctx.argv[3]);
    if (s0 === null || e0 === null) return ERR.notInteger;
    const key = ctx.argv[1];
    const o = ctx.lookupWrite(key);
    if (o === undefined) return OK;
    if (!isList(o)) return ERR.wrongType;
    const len = BigInt(o.items.length);
    let start = s0 < 0n ? len + s0 : s0;
    let end = e0 < 0n ? len + e0 : e0;
    if (start < 0n) start = 0n;
    let ltrim: number;
    let rtrim: number;
    if (start > end || start >= len) {
      ltrim = o.items.length;
      rtrim = 0;
    } else {
      if (end >= len) end = len - 1n;
      ltrim = Number(start);
      rtrim = Number(len - end - 1n);
    }
    o.items = o.items.slice(ltrim, o.items.length - rtrim);
    if (o.items.length === 0) ctx.deleteKey(key);
    ctx.touch(key);
    ctx.dirty(ltrim + rtrim);
    return OK;
  },
};

/**
 * ZPOPMIN and ZPOPMAX (t_zset.c's genericZpopCommand for one key): pop up to `count` entries
 * from the low or the high end, replying member, score, member, score... (pairs in RESP3 when a
 * count was given).
 * Each popped entry moves dirty, so the command propagates as typed once it popped something;
 * the key goes with its last entry.
 */
import { array, bulk, EMPTY_ARRAY, ERR, error, type Reply } from '../../resp';
import type { Ctx } from '../types';
import { clampToNumber, parseLL } from './int';
import { pairsReply } from './pairs';
import { isZSet } from './types';
import { scoreReply, zsetRemoveSlice } from './zset';

const NOT_POSITIVE = error('ERR value is out of range, must be positive');

export function zpopGeneric(ctx: Ctx, max: boolean): Reply {
  const argv = ctx.argv;
  if (argv.length > 3) return ERR.syntax;
  let count = 1;
  if (argv.length === 3) {
    const v = parseLL(argv[2]);
    if (v === null || v < 0n) return NOT_POSITIVE;
    count = clampToNumber(v);
  }
  const key = argv[1];
  const o = ctx.lookupWrite(key);
  if (o === undefined) return EMPTY_ARRAY;
  if (!isZSet(o)) return ERR.wrongType;
  if (count === 0) return EMPTY_ARRAY;
  const n = o.sorted.length;
  const k = Math.min(count, n);
  const popped = max ? zsetRemoveSlice(o, n - k, n).reverse() : zsetRemoveSlice(o, 0, k);
  const out: Reply[] = [];
  for (const e of popped) out.push(bulk(e.member), scoreReply(e.score));
  if (o.dict.size === 0) ctx.deleteKey(key);
  ctx.dirty(k);
  // RESP3 pairs only when a count was given (ZPOPMIN key alone stays flat).
  return argv.length === 3 ? pairsReply(ctx, out) : array(out);
}

/**
 * ZMPOP's parsing and pop (t_zset.c zmpopGenericCommand with genericZpopCommand's nested
 * reply): numkeys (1 or more), that many keys, MIN or MAX, an optional COUNT (1 or more, given
 * once); then up to COUNT entries from the first non-empty sorted set, replied as
 * [key, [[member, score], ...]] and propagated as `ZPOPMIN|ZPOPMAX key n`, n the number popped.
 */
import { array, bulk, ERR, error, type Reply } from '../../resp';
import type { Ctx } from '../types';
import { eqi } from './args';
import { clampToNumber, parseLL } from './int';
import { isZSet } from './types';
import { scoreReply, zsetRemoveSlice } from './zset';

export interface ZmpopArgs {
  keys: string[];
  max: boolean;
  count: number;
}

/** numkeys at `numkeysIdx`, the keys, MIN|MAX, [COUNT count]. */
export function parseZmpop(ctx: Ctx, numkeysIdx: number): ZmpopArgs | Reply {
  const argv = ctx.argv;
  const nk = parseLL(argv[numkeysIdx]);
  if (nk === null || nk < 1n) return error('ERR numkeys should be greater than 0');
  const whereIdx = numkeysIdx + clampToNumber(nk) + 1;
  if (whereIdx >= argv.length) return ERR.syntax;
  let max: boolean;
  if (eqi(argv[whereIdx], 'min')) max = false;
  else if (eqi(argv[whereIdx], 'max')) max = true;
  else return ERR.syntax;
  let count = -1;
  for (let j = whereIdx + 1; j < argv.length; j++) {
    if (count === -1 && eqi(argv[j], 'count') && j < argv.length - 1) {
      const c = parseLL(argv[++j]);
      if (c === null || c < 1n) return error('ERR count should be greater than 0');
      count = clampToNumber(c);
    } else return ERR.syntax;
  }
  return { keys: argv.slice(numkeysIdx + 1, whereIdx), max, count: count === -1 ? 1 : count };
}

/**
 * Pop from the first non-empty sorted set among `keys` (write lookups; another type stops it
 * with WRONGTYPE); null when all are empty.
 */
export function zpopFirstNonEmpty(ctx: Ctx, a: ZmpopArgs): Reply | null {
  for (const key of a.keys) {
    const o = ctx.lookupWrite(key);
    if (o === undefined) continue;
    if (!isZSet(o)) return ERR.wrongType;
    const n = o.sorted.length;
    if (n === 0) continue;
    const k = Math.min(a.count, n);
    const popped = a.max ? zsetRemoveSlice(o, n - k, n).reverse() : zsetRemoveSlice(o, 0, k);
    if (o.dict.size === 0) ctx.deleteKey(key);
    ctx.rewrite([a.max ? 'ZPOPMAX' : 'ZPOPMIN', key, String(k)]);
    ctx.touch(key);
    ctx.dirty(k);
    return array([bulk(key), array(popped.map((e) => array([bulk(e.member), scoreReply(e.score)])))]);
  }
  return null;
}

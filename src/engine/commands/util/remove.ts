/**
 * HDEL, SREM and ZREM share one body: remove each named element, count the ones that were
 * there, and delete the key with its last element (Redis stops the loop there too, so a name
 * repeated after the key is gone is simply not looked at).
 */
import type { RValue } from '../../keyspace';
import { ERR, int, type Reply } from '../../resp';
import type { Ctx } from '../types';

/** How one collection type removes an element and tells its size. */
export interface Removal<T extends RValue> {
  is(v: RValue): v is T;
  /** Remove `el`; whether it was there. */
  remove(o: T, el: string): boolean;
  size(o: T): number;
}

export function removeElements<T extends RValue>(ctx: Ctx, kind: Removal<T>): Reply {
  const argv = ctx.argv;
  const key = argv[1];
  const o = ctx.lookupWrite(key);
  if (o === undefined) return int(0);
  if (!kind.is(o)) return ERR.wrongType;
  let deleted = 0;
  for (let j = 2; j < argv.length; j++) {
    if (!kind.remove(o, argv[j])) continue;
    deleted++;
    if (kind.size(o) === 0) {
      ctx.deleteKey(key);
      break;
    }
  }
  if (deleted > 0) ctx.dirty(deleted);
  return int(deleted);
}

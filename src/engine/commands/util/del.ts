/** DEL and UNLINK share one body (delGenericCommand); lazy freeing changes nothing visible here. */
import { int, type Reply } from '../../resp';
import type { Ctx } from '../types';

/**
 * Delete every named key, counting the ones that existed. Each key first gets Redis's plain
 * expireIfNeeded (a read lookup that counts no keyspace hit or miss): on a master a due key is
 * expired the regular way (propagating its own DEL) and is not counted; on a replica it is only
 * hidden, so the physical delete that follows still counts it (a write lookup would force-delete
 * it first).
 */
export function delGeneric(ctx: Ctx): Reply {
  let n = 0;
  for (let j = 1; j < ctx.argv.length; j++) {
    const key = ctx.argv[j];
    ctx.expireIfNeeded(key);
    if (ctx.deleteKey(key)) n++;
  }
  if (n > 0) ctx.dirty(n);
  return int(n);
}

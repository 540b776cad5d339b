/** DEL and UNLINK share one body (delGenericCommand); lazy freeing changes nothing visible here. */
import { int, type Reply } from '../../resp';
import type { Ctx } from '../types';

/**
 * Delete every named key, counting the ones that existed. Each key is first looked up for
 * writing so a due key expires the regular way (propagating its own DEL) and is not counted.
 */
export function delGeneric(ctx: Ctx): Reply {
  let n = 0;
  for (let j = 1; j < ctx.argv.length; j++) {
    const key = ctx.argv[j];
    ctx.lookupWrite(key);
    if (ctx.deleteKey(key)) n++;
  }
  if (n > 0) ctx.dirty(n);
  return int(n);
}

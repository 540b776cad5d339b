/**
 * DEL and UNLINK share one body (delGenericCommand); lazy freeing changes nothing visible here.
 * They also share most of their command-table entry.
 */
import { int, type Reply } from '../../resp';
import type { Command, CommandFlag, Ctx } from '../types';

/**
 * The entry DEL and UNLINK share: arity, ACL category, the multi-key key spec, the cluster tips,
 * the arguments and the body. Their flags (UNLINK is fast) and complexity differ.
 */
export function delSpec(name: 'del' | 'unlink', flags: readonly CommandFlag[], complexity: string): Command {
  return {
    name,
    arity: -2,
    flags,
    acl: ['keyspace'],
    keySpecs: [{ flags: ['RM', 'delete'], index: 1, range: [-1, 1, 0] }],
    tips: ['request_policy:multi_shard', 'response_policy:agg_sum'],
    args: [{ name: 'key', type: 'key', keySpec: 0, multiple: true }],
    docs: { complexity },
    touchesOwnKeys: true,
    run: delGeneric,
  };
}

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
    if (ctx.deleteKey(key)) {
      ctx.touch(key);
      n++;
    }
  }
  if (n > 0) ctx.dirty(n);
  return int(n);
}

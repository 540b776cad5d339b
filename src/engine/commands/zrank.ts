// ZRANK key member
import { ERR, int, NIL } from '../resp';
import type { Command } from './types';
import { isZSet } from './util/types';
import { zsetRank } from './util/zset';

/**
 * ZRANK: the member's 0-based position in ascending (score, member) order;
 * nil when the key or the member is missing.
 */
export const zrankCommand: Command = {
  name: 'zrank',
  arity: 3,
  flags: ['readonly', 'fast'],
  acl: ['sortedset'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'member', type: 'string' },
  ],
  docs: { complexity: 'O(log(N))' },
  run(ctx) {
    const o = ctx.lookupRead(ctx.argv[1]);
    if (o === undefined) return NIL;
    if (!isZSet(o)) return ERR.wrongType;
    const rank = zsetRank(o, ctx.argv[2]);
    if (rank < 0) return NIL;
    return int(rank);
  },
};

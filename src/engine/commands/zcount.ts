// ZCOUNT key min max
import { ERR, int } from '../resp';
import type { Command } from './types';
import { isZSet } from './util/types';
import { parseScoreRange, pickByScore, SCORE_RANGE_ERR } from './util/zrange';

/**
 * ZCOUNT: how many members have scores in [min, max] ("(" excludes an end). The range is
 * parsed before the key is looked up; a missing key counts 0.
 */
export const zcountCommand: Command = {
  name: 'zcount',
  arity: 4,
  flags: ['readonly', 'fast'],
  acl: ['sortedset'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'min', type: 'double' },
    { name: 'max', type: 'double' },
  ],
  docs: { complexity: 'O(log(N)) with N being the number of elements in the sorted set.' },
  run(ctx) {
    const r = parseScoreRange(ctx.argv[2], ctx.argv[3]);
    if (r === null) return SCORE_RANGE_ERR;
    const o = ctx.lookupRead(ctx.argv[1]);
    if (o === undefined) return int(0);
    if (!isZSet(o)) return ERR.wrongType;
    return int(pickByScore(o, r, false).length);
  },
};

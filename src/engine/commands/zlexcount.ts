// ZLEXCOUNT key min max
import { ERR, int } from '../resp';
import type { Command } from './types';
import { isZSet } from './util/types';
import { LEX_RANGE_ERR, parseLexRange, pickByLex } from './util/zrange';

/**
 * ZLEXCOUNT: how many members lie between two lex bounds ("[m", "(m", "-", "+"). The range is
 * parsed before the key is looked up; a missing key counts 0.
 */
export const zlexcountCommand: Command = {
  name: 'zlexcount',
  arity: 4,
  flags: ['readonly', 'fast'],
  acl: ['sortedset'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'min', type: 'string' },
    { name: 'max', type: 'string' },
  ],
  docs: { complexity: 'O(log(N)) with N being the number of elements in the sorted set.' },
  run(ctx) {
    const r = parseLexRange(ctx.argv[2], ctx.argv[3]);
    if (r === null) return LEX_RANGE_ERR;
    const o = ctx.lookupRead(ctx.argv[1]);
    if (o === undefined) return int(0);
    if (!isZSet(o)) return ERR.wrongType;
    return int(pickByLex(o, r.min, r.max, false).length);
  },
};

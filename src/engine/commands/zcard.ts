// ZCARD key
import { ERR, int } from '../resp';
import type { Command } from './types';
import { isZSet } from './util/types';

/** ZCARD: the number of members, 0 when missing. */
export const zcardCommand: Command = {
  name: 'zcard',
  arity: 2,
  flags: ['readonly', 'fast'],
  run(ctx) {
    const o = ctx.lookupRead(ctx.argv[1]);
    if (o === undefined) return int(0);
    if (!isZSet(o)) return ERR.wrongType;
    return int(o.dict.size);
  },
};

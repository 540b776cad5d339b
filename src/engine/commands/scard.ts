// SCARD key
import { ERR, int } from '../resp';
import type { Command } from './types';
import { isSet } from './util/types';

/** SCARD: the number of members, 0 when missing. */
export const scardCommand: Command = {
  name: 'scard',
  arity: 2,
  flags: ['readonly', 'fast'],
  run(ctx) {
    const o = ctx.lookupRead(ctx.argv[1]);
    if (o === undefined) return int(0);
    if (!isSet(o)) return ERR.wrongType;
    return int(o.set.size);
  },
};

// SMEMBERS key
import { bulkArray, EMPTY_ARRAY, ERR } from '../resp';
import type { Command } from './types';
import { setMembers } from './util/set';
import { isSet } from './util/types';

/** SMEMBERS: every member (small integer sets in numeric order, as Redis's intset lists them). */
export const smembersCommand: Command = {
  name: 'smembers',
  arity: 2,
  flags: ['readonly'],
  run(ctx) {
    const o = ctx.lookupRead(ctx.argv[1]);
    if (o === undefined) return EMPTY_ARRAY;
    if (!isSet(o)) return ERR.wrongType;
    return bulkArray(setMembers(o));
  },
};

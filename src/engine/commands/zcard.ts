// ZCARD key
import { ERR, int } from '../resp';
import type { Command } from './types';
import { isZSet } from './util/types';

/** ZCARD: the number of members, 0 when missing. */
export const zcardCommand: Command = {
  name: 'zcard',
  arity: 2,
  flags: ['readonly', 'fast'],
  acl: ['sortedset'],
  keySpecs: [{ flags: ['RO'], index: 1, range: [0, 1, 0] }],
  args: [{ name: 'key', type: 'key', keySpec: 0 }],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const o = ctx.lookupRead(ctx.argv[1]);
    if (o === undefined) return int(0);
    if (!isZSet(o)) return ERR.wrongType;
    return int(o.dict.size);
  },
};

// SCARD key
import { ERR, int } from '../resp';
import type { Command } from './types';
import { isSet } from './util/types';

/** SCARD: the number of members, 0 when missing. */
export const scardCommand: Command = {
  name: 'scard',
  arity: 2,
  flags: ['readonly', 'fast'],
  acl: ['set'],
  keySpecs: [{ flags: ['RO'], index: 1, range: [0, 1, 0] }],
  args: [{ name: 'key', type: 'key', keySpec: 0 }],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const o = ctx.lookupRead(ctx.argv[1]);
    if (o === undefined) return int(0);
    if (!isSet(o)) return ERR.wrongType;
    return int(o.set.size);
  },
};

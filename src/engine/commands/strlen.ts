// STRLEN key
import { ERR, int } from '../resp';
import type { Command } from './types';
import { isString } from './util/types';

/** STRLEN: the string's length in bytes, 0 when missing. */
export const strlenCommand: Command = {
  name: 'strlen',
  arity: 2,
  flags: ['readonly', 'fast'],
  acl: ['string'],
  keySpecs: [{ flags: ['RO'], index: 1, range: [0, 1, 0] }],
  args: [{ name: 'key', type: 'key', keySpec: 0 }],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const o = ctx.lookupRead(ctx.argv[1]);
    if (o === undefined) return int(0);
    if (!isString(o)) return ERR.wrongType;
    return int(o.length);
  },
};

// SMISMEMBER key member [member ...]
import { array, ERR, int } from '../resp';
import type { Command } from './types';
import { isSet } from './util/types';

/** SMISMEMBER: 1 or 0 for each member (all 0 for a missing key). */
export const smismemberCommand: Command = {
  name: 'smismember',
  arity: -3,
  flags: ['readonly', 'fast'],
  versions: ['7.0'],
  acl: ['set'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'member', type: 'string', multiple: true },
  ],
  docs: { complexity: 'O(N) where N is the number of elements being checked for membership' },
  run(ctx) {
    const o = ctx.lookupRead(ctx.argv[1]);
    if (o !== undefined && !isSet(o)) return ERR.wrongType;
    return array(ctx.argv.slice(2).map((m) => int(o?.set.has(m) ? 1 : 0)));
  },
};

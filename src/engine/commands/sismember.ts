// SISMEMBER key member
import { ERR, int } from '../resp';
import type { Command } from './types';
import { isSet } from './util/types';

/** SISMEMBER: 1 when the member is in the set, else 0. */
export const sismemberCommand: Command = {
  name: 'sismember',
  arity: 3,
  flags: ['readonly', 'fast'],
  acl: ['set'],
  keySpecs: [{ flags: ['RO'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'member', type: 'string' },
  ],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const o = ctx.lookupRead(ctx.argv[1]);
    if (o === undefined) return int(0);
    if (!isSet(o)) return ERR.wrongType;
    return int(o.set.has(ctx.argv[2]) ? 1 : 0);
  },
};

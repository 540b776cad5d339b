// LLEN key
import { ERR, int } from '../resp';
import type { Command } from './types';
import { isList } from './util/types';

/** LLEN: the list's length, 0 when missing. */
export const llenCommand: Command = {
  name: 'llen',
  arity: 2,
  flags: ['readonly', 'fast'],
  acl: ['list'],
  keySpecs: [{ flags: ['RO'], index: 1, range: [0, 1, 0] }],
  args: [{ name: 'key', type: 'key', keySpec: 0 }],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const o = ctx.lookupRead(ctx.argv[1]);
    if (o === undefined) return int(0);
    if (!isList(o)) return ERR.wrongType;
    return int(o.items.length);
  },
};

// LINDEX key index
import { bulk, ERR, NIL } from '../resp';
import type { Command } from './types';
import { parseLL } from './util/int';
import { isList } from './util/types';

/** LINDEX: the element at an index (negative from the tail), nil out of range or for a missing key. */
export const lindexCommand: Command = {
  name: 'lindex',
  arity: 3,
  flags: ['readonly'],
  acl: ['list'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'index', type: 'integer' },
  ],
  docs: {
    complexity:
      'O(N) where N is the number of elements to traverse to get to the element at index. This makes asking for the first or the last element of the list O(1).',
  },
  run(ctx) {
    const o = ctx.lookupRead(ctx.argv[1]);
    if (o === undefined) return NIL;
    if (!isList(o)) return ERR.wrongType;
    const v = parseLL(ctx.argv[2]);
    if (v === null) return ERR.notInteger;
    const len = BigInt(o.items.length);
    const i = v < 0n ? len + v : v;
    return i < 0n || i >= len ? NIL : bulk(o.items[Number(i)]);
  },
};

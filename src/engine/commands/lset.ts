// LSET key index element
import { ERR, OK } from '../resp';
import type { Command } from './types';
import { parseLL } from './util/int';
import { isList } from './util/types';

/** LSET: replace the element at an index; `no such key` for a missing list, `index out of range` past its ends. */
export const lsetCommand: Command = {
  name: 'lset',
  arity: 4,
  flags: ['write', 'denyoom'],
  acl: ['list'],
  keySpecs: [{ flags: ['RW', 'update'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'index', type: 'integer' },
    { name: 'element', type: 'string' },
  ],
  docs: {
    complexity:
      'O(N) where N is the length of the list. Setting either the first or the last element of the list is O(1).',
  },
  run(ctx) {
    const o = ctx.lookupWrite(ctx.argv[1]);
    if (o === undefined) return ERR.noSuchKey;
    if (!isList(o)) return ERR.wrongType;
    const v = parseLL(ctx.argv[2]);
    if (v === null) return ERR.notInteger;
    const len = BigInt(o.items.length);
    const i = v < 0n ? len + v : v;
    if (i < 0n || i >= len) return ERR.outOfRange;
    o.items[Number(i)] = ctx.argv[3];
    ctx.dirty();
    return OK;
  },
};

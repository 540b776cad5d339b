// LINSERT key BEFORE|AFTER pivot element
import { ERR, int } from '../resp';
import type { Command } from './types';
import { eqi } from './util/args';
import { isList } from './util/types';

/**
 * LINSERT: insert before or after the first element equal to the pivot; replies the new length,
 * -1 when the pivot is not there, 0 for a missing key.
 */
export const linsertCommand: Command = {
  name: 'linsert',
  arity: 5,
  flags: ['write', 'denyoom'],
  acl: ['list'],
  keySpecs: [{ flags: ['RW', 'insert'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    {
      name: 'where',
      type: 'oneof',
      args: [
        { name: 'before', type: 'pure-token', token: 'BEFORE' },
        { name: 'after', type: 'pure-token', token: 'AFTER' },
      ],
    },
    { name: 'pivot', type: 'string' },
    { name: 'element', type: 'string' },
  ],
  docs: {
    complexity:
      'O(N) where N is the number of elements to traverse before seeing the value pivot. This means that inserting somewhere on the left end on the list (head) can be considered O(1) and inserting somewhere on the right end (tail) is O(N).',
  },
  run(ctx) {
    const [, key, pos, pivot, value] = ctx.argv;
    const after = eqi(pos, 'after');
    if (!after && !eqi(pos, 'before')) return ERR.syntax;
    const o = ctx.lookupWrite(key);
    if (o === undefined) return int(0);
    if (!isList(o)) return ERR.wrongType;
    const i = o.items.indexOf(pivot);
    if (i < 0) return int(-1);
    o.items.splice(after ? i + 1 : i, 0, value);
    ctx.dirty();
    return int(o.items.length);
  },
};

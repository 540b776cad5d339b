// LRANGE key start stop
import { bulkArray, EMPTY_ARRAY, ERR } from '../resp';
import type { Command } from './types';
import { clampToNumber, parseLL } from './util/int';
import { normalizeRange } from './util/range';
import { isList } from './util/types';

/** LRANGE: the elements from start to stop inclusive; negative indexes count from the end. */
export const lrangeCommand: Command = {
  name: 'lrange',
  arity: 4,
  flags: ['readonly'],
  acl: ['list'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'start', type: 'integer' },
    { name: 'stop', type: 'integer' },
  ],
  docs: {
    complexity:
      'O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD or TAIL) for large lists; and N is the number of elements in the specified range.',
  },
  run(ctx) {
    const [, key, startText, stopText] = ctx.argv;
    const start = parseLL(startText);
    const stop = parseLL(stopText);
    if (start === null || stop === null) return ERR.notInteger;
    const o = ctx.lookupRead(key);
    if (o === undefined) return EMPTY_ARRAY;
    if (!isList(o)) return ERR.wrongType;
    const r = normalizeRange(clampToNumber(start), clampToNumber(stop), o.items.length);
    if (r === null) return EMPTY_ARRAY;
    return bulkArray(o.items.slice(r[0], r[1] + 1));
  },
};

// LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]
import { array, EMPTY_ARRAY, ERR, error, int, NIL, type Reply } from '../resp';
import type { Command } from './types';
import { eqi } from './util/args';
import { clampToNumber, parseLL } from './util/int';
import { isList } from './util/types';

/**
 * LPOS: the index of the element (the RANK-th match, from the tail when negative), or with COUNT
 * the indexes of up to COUNT matches (0: all), looking at no more than MAXLEN elements.
 */
export const lposCommand: Command = {
  name: 'lpos',
  arity: -3,
  flags: ['readonly'],
  versions: ['7.0'],
  acl: ['list'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'element', type: 'string' },
    { name: 'rank', type: 'integer', token: 'RANK', optional: true },
    { name: 'num-matches', type: 'integer', token: 'COUNT', optional: true },
    { name: 'len', type: 'integer', token: 'MAXLEN', optional: true },
  ],
  docs: {
    complexity:
      'O(N) where N is the number of elements in the list, for the average case. When searching for elements near the head or the tail of the list, or when the MAXLEN option is provided, the command may run in constant time.',
  },
  run(ctx) {
    const argv = ctx.argv;
    let rank = 1n;
    let count = -1;
    let maxlen = 0;
    for (let j = 3; j < argv.length; j++) {
      const opt = argv[j];
      const more = j < argv.length - 1;
      if (eqi(opt, 'rank') && more) {
        const v = parseLL(argv[++j]);
        if (v === null) return ERR.notInteger;
        if (v === 0n) {
          return error(
            "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list",
          );
        }
        rank = v;
      } else if (eqi(opt, 'count') && more) {
        const v = parseLL(argv[++j]);
        if (v === null || v < 0n) return error("ERR COUNT can't be negative");
        count = clampToNumber(v);
      } else if (eqi(opt, 'maxlen') && more) {
        const v = parseLL(argv[++j]);
        if (v === null || v < 0n) return error("ERR MAXLEN can't be negative");
        maxlen = clampToNumber(v);
      } else return ERR.syntax;
    }
    const fromTail = rank < 0n;
    const want = clampToNumber(fromTail ? -rank : rank);
    const o = ctx.lookupRead(argv[1]);
    if (o === undefined) return count !== -1 ? EMPTY_ARRAY : NIL;
    if (!isList(o)) return ERR.wrongType;
    const items = o.items;
    const len = items.length;
    const found: Reply[] = [];
    let matches = 0;
    for (let n = 0; n < len && (maxlen === 0 || n < maxlen); n++) {
      const i = fromTail ? len - 1 - n : n;
      if (items[i] !== argv[2]) continue;
      matches++;
      if (matches < want) continue;
      if (count === -1) return int(i);
      found.push(int(i));
      if (count !== 0 && matches - want + 1 >= count) break;
    }
    return count === -1 ? NIL : array(found);
  },
};

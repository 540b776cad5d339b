// HKEYS key
import { bulkArray, EMPTY_ARRAY } from '../resp';
import type { Command } from './types';
import { hashForRead, isReply } from './util/hash';

/** HKEYS: the field names in insertion order. */
export const hkeysCommand: Command = {
  name: 'hkeys',
  arity: 2,
  flags: ['readonly'],
  flags40: ['readonly', 'sort-for-script'],
  acl: ['hash'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  tips: ['nondeterministic_output_order'],
  args: [{ name: 'key', type: 'key', keySpec: 0 }],
  docs: { complexity: 'O(N) where N is the size of the hash.' },
  run(ctx) {
    const h = hashForRead(ctx, ctx.argv[1]);
    if (h === undefined) return EMPTY_ARRAY;
    if (isReply(h)) return h;
    return bulkArray([...h.map.keys()]);
  },
};

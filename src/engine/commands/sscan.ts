// SSCAN key cursor [MATCH pattern] [COUNT count]
import { ERR } from '../resp';
import type { Command } from './types';
import { objectEncoding } from './util/encoding';
import { scanCollection } from './util/scan';
import { setMembers } from './util/set';
import { isSet } from './util/types';

/** SSCAN: iterate a set's members (scanCollection); a missing key is an empty one. */
export const sscanCommand: Command = {
  name: 'sscan',
  arity: -3,
  flags: ['readonly'],
  flags40: ['readonly', 'random'],
  acl: ['set'],
  tips: ['nondeterministic_output'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'cursor', type: 'integer' },
    { name: 'pattern', type: 'pattern', token: 'MATCH', optional: true },
    { name: 'count', type: 'integer', token: 'COUNT', optional: true },
  ],
  docs: {
    complexity:
      'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..',
  },
  run(ctx) {
    const key = ctx.argv[1];
    const o = ctx.lookupRead(key);
    if (o !== undefined && !isSet(o)) return ERR.wrongType;
    if (o === undefined) return scanCollection(ctx, [], true, null);
    const compact = objectEncoding(ctx.srv, ctx.db, key, o) === 'intset';
    return scanCollection(ctx, setMembers(o), compact, null);
  },
};

// ZSCAN key cursor [MATCH pattern] [COUNT count]
import { ERR } from '../resp';
import type { Command } from './types';
import { objectEncoding } from './util/encoding';
import { formatDouble17g } from './util/float';
import { scanCollection } from './util/scan';
import { isZSet } from './util/types';

/**
 * ZSCAN: iterate a sorted set's members, each followed by its score as "%.17g" text
 * (scanCollection). A listpack-encoded set comes whole, in score order, with cursor 0; a
 * missing key is an empty set.
 */
export const zscanCommand: Command = {
  name: 'zscan',
  arity: -3,
  flags: ['readonly'],
  flags40: ['readonly', 'random'],
  acl: ['sortedset'],
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
    if (o !== undefined && !isZSet(o)) return ERR.wrongType;
    if (o === undefined) return scanCollection(ctx, [], true, () => '');
    const compact = objectEncoding(ctx.srv, ctx.db, key, o) !== 'skiplist';
    return scanCollection(
      ctx,
      o.sorted.map((e) => e.member),
      compact,
      (m) => formatDouble17g(o.dict.get(m) as number),
    );
  },
};

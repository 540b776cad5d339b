// KEYS pattern
import { bulkArray } from '../resp';
import type { Command } from './types';
import { globMatch } from './util/glob';

/**
 * KEYS: every key matching the glob. Logically expired keys are skipped but not deleted
 * (keyIsExpired, not expireIfNeeded), so KEYS never propagates anything.
 */
export const keysCommand: Command = {
  name: 'keys',
  arity: 2,
  flags: ['readonly'],
  flags40: ['readonly', 'sort-for-script'],
  acl: ['keyspace', 'dangerous'],
  tips: ['request_policy:all_shards', 'nondeterministic_output_order'],
  args: [{ name: 'pattern', type: 'pattern' }],
  docs: {
    complexity:
      'O(N) with N being the number of keys in the database, under the assumption that the key names in the database and the given pattern have limited length.',
  },
  run(ctx) {
    const pattern = ctx.argv[1];
    const all = pattern === '*';
    const out: string[] = [];
    for (const key of ctx.db.dict.keys()) {
      if (!all && !globMatch(pattern, key)) continue;
      const when = ctx.getExpire(key);
      if (when !== -1 && ctx.now > when) continue;
      out.push(key);
    }
    return bulkArray(out);
  },
};

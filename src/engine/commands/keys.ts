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

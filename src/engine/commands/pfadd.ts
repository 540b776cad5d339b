// PFADD key [element [element ...]]
import { ERR, error, int } from '../resp';
import type { Command } from './types';
import { markString } from './util/encoding';
import {
  CORRUPT_HLL_MSG,
  type Hll,
  hllAdd,
  hllBytes,
  hllFromBytes,
  invalidateCache,
  isValidHll,
  NOT_HLL_MSG,
  newHll,
} from './util/hll';

/**
 * PFADD: add elements to the HyperLogLog at key (created sparse when missing, which counts as a
 * change by itself). Replies 1 when a register grew or the key was created; then the cached
 * count goes stale and the command propagates as typed (dirty moves by the changes in 7.0, by one
 * in 4.0). The value is rewritten in place, so its TTL stays.
 */
export const pfaddCommand: Command = {
  name: 'pfadd',
  arity: -2,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['hyperloglog'],
  keySpecs: [{ flags: ['RW', 'insert'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'element', type: 'string', optional: true, multiple: true },
  ],
  docs: { complexity: 'O(1) to add every element.' },
  run(ctx) {
    const [, key] = ctx.argv;
    const o = ctx.lookupWrite(key);
    let updated = 0;
    let h: Hll;
    if (o === undefined) {
      h = newHll();
      updated++;
    } else {
      if (typeof o !== 'string') return ERR.wrongType;
      if (!isValidHll(o)) return error(NOT_HLL_MSG);
      h = hllFromBytes(o);
    }
    let failed = false;
    for (let j = 2; j < ctx.argv.length && !failed; j++) {
      const r = hllAdd(h, ctx.argv[j]);
      if (r === 1) updated++;
      else if (r === -1) failed = true;
    }
    if (updated > 0 && !failed) invalidateCache(h);
    // Whatever was rewritten before a corrupt run was met stays, as in place in Redis.
    const value = hllBytes(h);
    if (o !== value) {
      ctx.setKey(key, value, true);
      markString(ctx.db, key, value, 'raw');
    }
    if (failed) return error(CORRUPT_HLL_MSG);
    if (updated > 0) ctx.dirty(ctx.version === '7.0' ? updated : 1);
    return int(updated > 0 ? 1 : 0);
  },
};

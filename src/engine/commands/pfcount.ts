// PFCOUNT key [key ...]
import { ERR, error, int } from '../resp';
import type { Command } from './types';
import { markString } from './util/encoding';
import {
  CORRUPT_HLL_MSG,
  cacheValid,
  count40,
  countRegisters,
  countRegisters40,
  HLL_REGISTERS,
  hllBytes,
  hllFromBytes,
  hllMerge,
  isValidHll,
  NOT_HLL_MSG,
  readCache,
  registers,
  writeCache,
} from './util/hll';

/**
 * PFCOUNT: the estimated cardinality of one HyperLogLog, or of the union of several (missing keys
 * count as empty). With one key a stale cached count is computed and written back into the
 * value's header: that changes the key, so the command propagates although it only reads.
4.0 estimated with LogLog-Beta, 5.0 and later with Ertl's estimator, so the two dialects count
the same registers differently.
 */
export const pfcountCommand: Command = {
  name: 'pfcount',
  arity: -2,
  flags: ['readonly', 'may-replicate'],
  flags40: ['readonly'],
  acl: ['hyperloglog'],
  keySpecs: [{ flags: ['RW', 'access'], index: 1, range: [-1, 1, 0] }],
  args: [{ name: 'key', type: 'key', keySpec: 0, multiple: true }],
  docs: {
    complexity:
      'O(1) with a very small average constant time when called with a single key. O(N) with N being the number of keys, and much bigger constant times, when called with multiple keys.',
  },
  run(ctx) {
    const argv = ctx.argv;
    if (argv.length > 2) {
      const max = new Uint8Array(HLL_REGISTERS);
      for (let j = 1; j < argv.length; j++) {
        const o = ctx.lookupRead(argv[j]);
        if (o === undefined) continue;
        if (typeof o !== 'string') return ERR.wrongType;
        if (!isValidHll(o)) return error(NOT_HLL_MSG);
        if (!hllMerge(max, hllFromBytes(o))) return error(CORRUPT_HLL_MSG);
      }
      return int(ctx.version === '7.0' ? countRegisters(max) : countRegisters40(max));
    }
    const key = argv[1];
    const o = ctx.lookupRead(key);
    if (o === undefined) return int(0);
    if (typeof o !== 'string') return ERR.wrongType;
    if (!isValidHll(o)) return error(NOT_HLL_MSG);
    const h = hllFromBytes(o);
    if (cacheValid(h)) return int(readCache(h));
    const regs = registers(h);
    const card = ctx.version === '7.0' ? (regs === null ? null : countRegisters(regs)) : count40(h);
    if (card === null) return error(CORRUPT_HLL_MSG);
    writeCache(h, card);
    const value = hllBytes(h);
    ctx.setKey(key, value, true);
    markString(ctx.db, key, value, 'raw');
    ctx.dirty(1);
    return int(card);
  },
};

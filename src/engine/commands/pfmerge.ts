// PFMERGE destkey sourcekey [sourcekey ...]
import { ERR, error, OK } from '../resp';
import type { Command } from './types';
import { markString } from './util/encoding';
import {
  CORRUPT_HLL_MSG,
  HLL_REGISTERS,
  hllBytes,
  hllFromBytes,
  hllMerge,
  hllSet,
  invalidateCache,
  isDense,
  isValidHll,
  NOT_HLL_MSG,
  newHll,
  toDense,
} from './util/hll';

/**
 * PFMERGE: the register-wise maximum of every named HyperLogLog (the destination included) into
 * the destination, created when missing. The destination turns dense when any input was dense,
 * and stays sparse otherwise until it outgrows it. Always a change: it propagates as typed.
 */
export const pfmergeCommand: Command = {
  name: 'pfmerge',
  arity: -2,
  flags: ['write', 'denyoom'],
  acl: ['hyperloglog'],
  keySpecs: [
    { flags: ['RW', 'access', 'insert'], index: 1, range: [0, 1, 0] },
    { flags: ['RO', 'access'], index: 2, range: [-1, 1, 0] },
  ],
  args: [
    { name: 'destkey', type: 'key', keySpec: 0 },
    { name: 'sourcekey', type: 'key', keySpec: 1, multiple: true },
  ],
  docs: { complexity: 'O(N) to merge N HyperLogLogs, but with high constant times.' },
  run(ctx) {
    const argv = ctx.argv;
    const max = new Uint8Array(HLL_REGISTERS);
    let useDense = false;
    for (let j = 1; j < argv.length; j++) {
      const o = ctx.lookupRead(argv[j]);
      if (o === undefined) continue;
      if (typeof o !== 'string') return ERR.wrongType;
      if (!isValidHll(o)) return error(NOT_HLL_MSG);
      const h = hllFromBytes(o);
      if (isDense(h)) useDense = true;
      if (!hllMerge(max, h)) return error(CORRUPT_HLL_MSG);
    }
    const key = argv[1];
    const cur = ctx.lookupWrite(key);
    const h = typeof cur === 'string' ? hllFromBytes(cur) : newHll();
    if (useDense && !toDense(h)) return error(CORRUPT_HLL_MSG);
    for (let j = 0; j < HLL_REGISTERS; j++) if (max[j] > 0) hllSet(h, j, max[j]);
    invalidateCache(h);
    const value = hllBytes(h);
    ctx.setKey(key, value, true);
    markString(ctx.db, key, value, 'raw');
    ctx.dirty(1);
    return OK;
  },
};

// PFDEBUG subcommand key
import { array, ERR, error, int, type Reply, status } from '../resp';
import type { Command } from './types';
import { markString } from './util/encoding';
import {
  CORRUPT_HLL_MSG,
  decodeSparse,
  HLL_REGISTERS,
  hllBytes,
  hllFromBytes,
  isDense,
  isValidHll,
  NOT_HLL_MSG,
  registers,
  toDense,
} from './util/hll';

/**
 * PFDEBUG GETREG / DECODE / ENCODING / TODENSE key: look inside a HyperLogLog. GETREG and
 * TODENSE turn a sparse value dense, which counts as a change (so they propagate); the key is
 * checked before the subcommand. 4.0 took any number of arguments and checked them per
 * subcommand.
 */
export const pfdebugCommand: Command = {
  name: 'pfdebug',
  arity: 3,
  flags: ['write', 'denyoom', 'admin'],
  acl: ['hyperloglog'],
  keySpecs: [{ flags: ['RW', 'access'], index: 2, range: [0, 1, 0] }],
  args: [
    { name: 'subcommand', type: 'string' },
    { name: 'key', type: 'key', keySpec: 0 },
  ],
  docs: { complexity: 'N/A', docFlags: ['syscmd'] },
  flags40: ['write'],
  arity40: -3,
  keys40: [0, 0, 0],
  run(ctx) {
    const [, sub, key] = ctx.argv;
    const o = ctx.lookupWrite(key);
    if (o === undefined) return error('ERR The specified key does not exist');
    if (typeof o !== 'string') return ERR.wrongType;
    if (!isValidHll(o)) return error(NOT_HLL_MSG);
    const h = hllFromBytes(o);
    const name = sub.toLowerCase();
    const known = ['getreg', 'decode', 'encoding', 'todense'].includes(name);
    if (known && ctx.argv.length !== 3) {
      return error(`ERR Wrong number of arguments for the '${sub}' subcommand`);
    }
    /** Make the value dense in place; whether it was sparse, or null when corrupt. */
    const densify = (): boolean | null => {
      if (isDense(h)) return false;
      if (!toDense(h)) return null;
      const value = hllBytes(h);
      ctx.setKey(key, value, true);
      markString(ctx.db, key, value, 'raw');
      ctx.dirty(1);
      return true;
    };
    switch (name) {
      case 'getreg': {
        if (densify() === null) return error(CORRUPT_HLL_MSG);
        const regs = registers(h) ?? new Uint8Array(HLL_REGISTERS);
        const out: Reply[] = [];
        for (const r of regs) out.push(int(r));
        return array(out);
      }
      case 'decode':
        if (isDense(h)) return error('ERR HLL encoding is not sparse');
        return { t: 'bulk', s: decodeSparse(h) };
      case 'encoding':
        return status(isDense(h) ? 'dense' : 'sparse');
      case 'todense': {
        const conv = densify();
        if (conv === null) return error(CORRUPT_HLL_MSG);
        return int(conv ? 1 : 0);
      }
      default:
        return error(`ERR Unknown PFDEBUG subcommand '${sub}'`);
    }
  },
};

// PFSELFTEST
import { error, OK } from '../resp';
import type { Command } from './types';
import { selfTest } from './util/hll';

/**
 * PFSELFTEST: check the HyperLogLog code against itself (register packing, sparse against
 * dense) and answer OK.
 */
export const pfselftestCommand: Command = {
  name: 'pfselftest',
  arity: 1,
  flags: ['admin'],
  acl: ['hyperloglog'],
  docs: { complexity: 'N/A', docFlags: ['syscmd'] },
  run() {
    const failed = selfTest();
    return failed === null ? OK : error(failed);
  },
};

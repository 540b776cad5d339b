// BZPOPMAX key [key ...] timeout
import type { Command } from './types';
import { blockingZpop } from './util/blockpop';

/** BZPOPMAX: ZPOPMAX of one entry from the first non-empty sorted set, or wait for one (blockingZpop). */
export const bzpopmaxCommand: Command = {
  name: 'bzpopmax',
  arity: -3,
  flags: ['write', 'noscript', 'blocking', 'fast'],
  versions: ['7.0'],
  acl: ['sortedset'],
  keySpecs: [{ flags: ['RW', 'access', 'delete'], index: 1, range: [-2, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0, multiple: true },
    { name: 'timeout', type: 'double' },
  ],
  docs: {
    complexity: 'O(log(N)) with N being the number of elements in the sorted set.',
    history: [['6.0.0', '`timeout` is interpreted as a double instead of an integer.']],
  },
  touchesOwnKeys: true,
  run(ctx) {
    return blockingZpop(ctx, true);
  },
};

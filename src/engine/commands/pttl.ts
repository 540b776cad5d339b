// PTTL key
import type { Command } from './types';
import { ttlGeneric } from './util/expire';

/** PTTL: milliseconds left, -1 without a TTL, -2 when missing. */
export const pttlCommand: Command = {
  name: 'pttl',
  arity: 2,
  flags: ['readonly', 'fast'],
  run(ctx) {
    return ttlGeneric(ctx, true);
  },
};

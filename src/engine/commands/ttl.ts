// TTL key
import type { Command } from './types';
import { ttlGeneric } from './util/expire';

/** TTL: seconds left (rounded to nearest), -1 without a TTL, -2 when missing. */
export const ttlCommand: Command = {
  name: 'ttl',
  arity: 2,
  flags: ['readonly', 'fast'],
  run(ctx) {
    return ttlGeneric(ctx, false);
  },
};

// HSET key field value [field value ...]
import type { Command } from './types';
import { hsetGeneric } from './util/hash';

/** HSET: set fields, replying how many were new. */
export const hsetCommand: Command = {
  name: 'hset',
  arity: -4,
  flags: ['write', 'denyoom', 'fast'],
  run(ctx) {
    return hsetGeneric(ctx, 'hset');
  },
};

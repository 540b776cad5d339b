// HMSET key field value [field value ...]
import type { Command } from './types';
import { hsetGeneric } from './util/hash';

/** HMSET (deprecated HSET): set fields, replying OK. */
export const hmsetCommand: Command = {
  name: 'hmset',
  arity: -4,
  flags: ['write', 'denyoom', 'fast'],
  run(ctx) {
    return hsetGeneric(ctx, 'hmset');
  },
};

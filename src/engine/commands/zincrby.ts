// ZINCRBY key increment member
import type { Command } from './types';
import { zaddGeneric } from './util/zset';

/** ZINCRBY: add to a member's score (missing = 0) and reply the new score. */
export const zincrbyCommand: Command = {
  name: 'zincrby',
  arity: 4,
  flags: ['write', 'denyoom', 'fast'],
  run(ctx) {
    return zaddGeneric(ctx, true);
  },
};

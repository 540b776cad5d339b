// ZADD key [NX | XX] [GT | LT] [CH] [INCR] score member [score member ...]
import type { Command } from './types';
import { zaddGeneric } from './util/zset';

/**
 * ZADD: add members or update scores; replies how many were added (with CH: added or
 * changed), or with INCR the new score (nil when NX/XX/GT/LT vetoed it). GT and LT are 6.2+.
 */
export const zaddCommand: Command = {
  name: 'zadd',
  arity: -4,
  flags: ['write', 'denyoom', 'fast'],
  run(ctx) {
    return zaddGeneric(ctx, false);
  },
};

// LPUSH key element [element ...]
import type { Command } from './types';
import { pushGeneric } from './util/list';

/** LPUSH: insert at the head, one by one (so `LPUSH k a b` leaves b first); replies the length. */
export const lpushCommand: Command = {
  name: 'lpush',
  arity: -3,
  flags: ['write', 'denyoom', 'fast'],
  run(ctx) {
    return pushGeneric(ctx, 'head');
  },
};

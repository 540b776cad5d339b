// RPUSH key element [element ...]
import type { Command } from './types';
import { pushGeneric } from './util/list';

/** RPUSH: append at the tail; replies the new length. */
export const rpushCommand: Command = {
  name: 'rpush',
  arity: -3,
  flags: ['write', 'denyoom', 'fast'],
  run(ctx) {
    return pushGeneric(ctx, 'tail');
  },
};

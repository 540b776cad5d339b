// RPOP key [count]
import type { Command } from './types';
import { popGeneric } from './util/list';

/** RPOP: remove and return from the tail; the count form is 6.2+ (4.0 takes exactly the key). */
export const rpopCommand: Command = {
  name: 'rpop',
  arity: -2,
  arity40: 2,
  flags: ['write', 'fast'],
  run(ctx) {
    return popGeneric(ctx, 'tail', 'rpop');
  },
};

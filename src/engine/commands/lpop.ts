// LPOP key [count]
import type { Command } from './types';
import { popGeneric } from './util/list';

/** LPOP: remove and return from the head; the count form is 6.2+ (4.0 takes exactly the key). */
export const lpopCommand: Command = {
  name: 'lpop',
  arity: -2,
  arity40: 2,
  flags: ['write', 'fast'],
  run(ctx) {
    return popGeneric(ctx, 'head', 'lpop');
  },
};

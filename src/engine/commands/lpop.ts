// LPOP key [count]
import type { Command } from './types';
import { popGeneric } from './util/list';

/** LPOP: remove and return from the head; the count form is 6.2+ (4.0 takes exactly the key). */
export const lpopCommand: Command = {
  name: 'lpop',
  arity: -2,
  arity40: 2,
  flags: ['write', 'fast'],
  acl: ['list'],
  keySpecs: [{ flags: ['RW', 'access', 'delete'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'count', type: 'integer', since: '6.2.0', optional: true },
  ],
  docs: {
    complexity: 'O(N) where N is the number of elements returned',
    history: [['6.2.0', 'Added the `count` argument.']],
  },
  run(ctx) {
    return popGeneric(ctx, 'head', 'lpop');
  },
};

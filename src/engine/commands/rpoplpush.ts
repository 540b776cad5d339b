// RPOPLPUSH source destination
import { lmoveGeneric } from './lmove';
import type { Command } from './types';

/** RPOPLPUSH: LMOVE source destination RIGHT LEFT, deprecated since 6.2 (lmoveGeneric). */
export const rpoplpushCommand: Command = {
  name: 'rpoplpush',
  arity: 3,
  flags: ['write', 'denyoom'],
  acl: ['list'],
  keySpecs: [
    { flags: ['RW', 'access', 'delete'], index: 1, range: [0, 1, 0] },
    { flags: ['RW', 'insert'], index: 2, range: [0, 1, 0] },
  ],
  args: [
    { name: 'source', type: 'key', keySpec: 0 },
    { name: 'destination', type: 'key', keySpec: 1 },
  ],
  docs: {
    complexity: 'O(1)',
    docFlags: ['deprecated'],
    deprecatedSince: '6.2.0',
    replacedBy: '`LMOVE` with the `RIGHT` and `LEFT` arguments',
  },
  run(ctx) {
    return lmoveGeneric(ctx, ctx.argv[1], ctx.argv[2], 'tail', 'head');
  },
};

// BRPOPLPUSH source destination timeout
import type { Command } from './types';
import { blockingMove } from './util/blockpop';

/** BRPOPLPUSH: RPOPLPUSH, or wait for the source list; deprecated since 6.2 (blockingMove). */
export const brpoplpushCommand: Command = {
  name: 'brpoplpush',
  arity: 4,
  flags: ['write', 'denyoom', 'noscript', 'blocking'],
  flags40: ['write', 'denyoom', 'noscript'],
  acl: ['list'],
  keySpecs: [
    { flags: ['RW', 'access', 'delete'], index: 1, range: [0, 1, 0] },
    { flags: ['RW', 'insert'], index: 2, range: [0, 1, 0] },
  ],
  args: [
    { name: 'source', type: 'key', keySpec: 0 },
    { name: 'destination', type: 'key', keySpec: 1 },
    { name: 'timeout', type: 'double' },
  ],
  docs: {
    complexity: 'O(1)',
    docFlags: ['deprecated'],
    deprecatedSince: '6.2.0',
    replacedBy: '`BLMOVE` with the `RIGHT` and `LEFT` arguments',
    history: [['6.0.0', '`timeout` is interpreted as a double instead of an integer.']],
  },
  run(ctx) {
    return blockingMove(ctx, true);
  },
};

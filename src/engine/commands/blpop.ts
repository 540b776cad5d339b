// BLPOP key [key ...] timeout
import type { Command } from './types';
import { blockingPop } from './util/blockpop';

/** BLPOP: LPOP from the first non-empty list, or wait for one (blockingPop). */
export const blpopCommand: Command = {
  name: 'blpop',
  arity: -3,
  flags: ['write', 'noscript', 'blocking'],
  flags40: ['write', 'noscript'],
  acl: ['list'],
  keySpecs: [{ flags: ['RW', 'access', 'delete'], index: 1, range: [-2, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0, multiple: true },
    { name: 'timeout', type: 'double' },
  ],
  docs: {
    complexity: 'O(N) where N is the number of provided keys.',
    history: [['6.0.0', '`timeout` is interpreted as a double instead of an integer.']],
  },
  touchesOwnKeys: true,
  run(ctx) {
    return blockingPop(ctx, 'head');
  },
};

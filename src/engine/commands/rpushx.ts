// RPUSHX key element [element ...]
import type { Command } from './types';
import { pushGeneric } from './util/list';

/** RPUSHX: RPUSH only onto an existing list (0 for a missing key). */
export const rpushxCommand: Command = {
  name: 'rpushx',
  arity: -3,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['list'],
  keySpecs: [{ flags: ['RW', 'insert'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'element', type: 'string', multiple: true },
  ],
  docs: {
    complexity:
      'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.',
    history: [['4.0.0', 'Accepts multiple `element` arguments.']],
  },
  run(ctx) {
    return pushGeneric(ctx, 'tail', true);
  },
};

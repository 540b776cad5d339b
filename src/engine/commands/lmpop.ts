// LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]
import type { Command } from './types';
import { mpopGeneric } from './util/list';

/**
 * LMPOP: pop up to COUNT elements from the first non-empty list of the keys; replies
 * [key, [elements]] (nil array when all are empty) and propagates as `LPOP|RPOP key n`.
 */
export const lmpopCommand: Command = {
  name: 'lmpop',
  arity: -4,
  flags: ['write'],
  versions: ['7.0'],
  acl: ['list'],
  keySpecs: [{ flags: ['RW', 'access', 'delete'], index: 1, range: [0, 1, 0], keynum: [0, 1, 1] }],
  args: [
    { name: 'numkeys', type: 'integer' },
    { name: 'key', type: 'key', keySpec: 0, multiple: true },
    {
      name: 'where',
      type: 'oneof',
      args: [
        { name: 'left', type: 'pure-token', token: 'LEFT' },
        { name: 'right', type: 'pure-token', token: 'RIGHT' },
      ],
    },
    { name: 'count', type: 'integer', token: 'COUNT', optional: true },
  ],
  docs: { complexity: 'O(N+M) where N is the number of provided keys and M is the number of elements returned.' },
  touchesOwnKeys: true,
  run(ctx) {
    return mpopGeneric(ctx, 1);
  },
};

// BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]
import type { Command } from './types';
import { blockingMpop } from './util/blockpop';

/** BLMPOP: LMPOP, or wait for one of the lists (blockingMpop). */
export const blmpopCommand: Command = {
  name: 'blmpop',
  arity: -5,
  flags: ['write', 'blocking'],
  versions: ['7.0'],
  acl: ['list'],
  keySpecs: [{ flags: ['RW', 'access', 'delete'], index: 2, range: [0, 1, 0], keynum: [0, 1, 1] }],
  args: [
    { name: 'timeout', type: 'double' },
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
    return blockingMpop(ctx);
  },
};

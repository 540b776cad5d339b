// BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout
import type { Command } from './types';
import { blockingMove } from './util/blockpop';

/** BLMOVE: LMOVE, or wait for the source list (blockingMove). */
export const blmoveCommand: Command = {
  name: 'blmove',
  arity: 6,
  flags: ['write', 'denyoom', 'noscript', 'blocking'],
  versions: ['7.0'],
  acl: ['list'],
  keySpecs: [
    { flags: ['RW', 'access', 'delete'], index: 1, range: [0, 1, 0] },
    { flags: ['RW', 'insert'], index: 2, range: [0, 1, 0] },
  ],
  args: [
    { name: 'source', type: 'key', keySpec: 0 },
    { name: 'destination', type: 'key', keySpec: 1 },
    {
      name: 'wherefrom',
      type: 'oneof',
      args: [
        { name: 'left', type: 'pure-token', token: 'LEFT' },
        { name: 'right', type: 'pure-token', token: 'RIGHT' },
      ],
    },
    {
      name: 'whereto',
      type: 'oneof',
      args: [
        { name: 'left', type: 'pure-token', token: 'LEFT' },
        { name: 'right', type: 'pure-token', token: 'RIGHT' },
      ],
    },
    { name: 'timeout', type: 'double' },
  ],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    return blockingMove(ctx, false);
  },
};

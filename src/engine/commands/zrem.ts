// ZREM key member [member ...]
import type { RZSet } from '../keyspace';
import type { Command } from './types';
import { type Removal, removeElements } from './util/remove';
import { isZSet } from './util/types';
import { zsetRemove } from './util/zset';

const members: Removal<RZSet> = { is: isZSet, remove: zsetRemove, size: (o) => o.dict.size };

/** ZREM: remove members, replying how many were there; the key goes with its last member. */
export const zremCommand: Command = {
  name: 'zrem',
  arity: -3,
  flags: ['write', 'fast'],
  acl: ['sortedset'],
  keySpecs: [{ flags: ['RW', 'delete'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'member', type: 'string', multiple: true },
  ],
  docs: {
    complexity:
      'O(M*log(N)) with N being the number of elements in the sorted set and M the number of elements to be removed.',
    history: [['2.4.0', 'Accepts multiple elements.']],
  },
  run: (ctx) => removeElements(ctx, members),
};

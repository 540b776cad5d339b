// SREM key member [member ...]
import type { RSet } from '../keyspace';
import type { Command } from './types';
import { type Removal, removeElements } from './util/remove';
import { isSet } from './util/types';

const members: Removal<RSet> = { is: isSet, remove: (o, m) => o.set.delete(m), size: (o) => o.set.size };

/** SREM: remove members, replying how many were there; the key goes with its last member. */
export const sremCommand: Command = {
  name: 'srem',
  arity: -3,
  flags: ['write', 'fast'],
  acl: ['set'],
  keySpecs: [{ flags: ['RW', 'delete'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'member', type: 'string', multiple: true },
  ],
  docs: {
    complexity: 'O(N) where N is the number of members to be removed.',
    history: [['2.4.0', 'Accepts multiple `member` arguments.']],
  },
  run: (ctx) => removeElements(ctx, members),
};

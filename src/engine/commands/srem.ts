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
  run: (ctx) => removeElements(ctx, members),
};

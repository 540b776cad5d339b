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
  run: (ctx) => removeElements(ctx, members),
};

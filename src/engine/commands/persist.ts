// PERSIST key
import { int } from '../resp';
import type { Command } from './types';

/** PERSIST: drop the key's TTL; 1 if there was one, else 0 (and nothing propagates). */
export const persistCommand: Command = {
  name: 'persist',
  arity: 2,
  flags: ['write', 'fast'],
  acl: ['keyspace'],
  keySpecs: [{ flags: ['RW', 'update'], index: 1, range: [0, 1, 0] }],
  args: [{ name: 'key', type: 'key', keySpec: 0 }],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const key = ctx.argv[1];
    const o = ctx.lookupWrite(key);
    if (o === undefined || ctx.getExpire(key) === -1) return int(0);
    // Storing the same value again without keepTtl is how Ctx removes a TTL.
    ctx.setKey(key, o, false);
    ctx.dirty(1);
    return int(1);
  },
};

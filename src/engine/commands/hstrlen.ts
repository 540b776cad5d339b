// HSTRLEN key field
import { int } from '../resp';
import type { Command } from './types';
import { hashForRead, isReply } from './util/hash';

/** HSTRLEN: the length of a field's value (0 when missing). */
export const hstrlenCommand: Command = {
  name: 'hstrlen',
  arity: 3,
  flags: ['readonly', 'fast'],
  acl: ['hash'],
  keySpecs: [{ flags: ['RO'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'field', type: 'string' },
  ],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const h = hashForRead(ctx, ctx.argv[1]);
    if (h === undefined) return int(0);
    if (isReply(h)) return h;
    return int(h.map.get(ctx.argv[2])?.length ?? 0);
  },
};

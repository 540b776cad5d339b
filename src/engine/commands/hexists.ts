// HEXISTS key field
import { int } from '../resp';
import type { Command } from './types';
import { hashForRead, isReply } from './util/hash';

/** HEXISTS: 1 when the field exists, else 0. */
export const hexistsCommand: Command = {
  name: 'hexists',
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
    return int(h.map.has(ctx.argv[2]) ? 1 : 0);
  },
};

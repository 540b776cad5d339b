// HLEN key
import { int } from '../resp';
import type { Command } from './types';
import { hashForRead, isReply } from './util/hash';

/** HLEN: number of fields, 0 when missing. */
export const hlenCommand: Command = {
  name: 'hlen',
  arity: 2,
  flags: ['readonly', 'fast'],
  acl: ['hash'],
  keySpecs: [{ flags: ['RO'], index: 1, range: [0, 1, 0] }],
  args: [{ name: 'key', type: 'key', keySpec: 0 }],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const h = hashForRead(ctx, ctx.argv[1]);
    if (h === undefined) return int(0);
    if (isReply(h)) return h;
    return int(h.map.size);
  },
};

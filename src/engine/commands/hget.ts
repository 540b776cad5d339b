// HGET key field
import { bulk, NIL } from '../resp';
import type { Command } from './types';
import { hashForRead, isReply } from './util/hash';

/** HGET: a field's value, nil when the key or field is missing. */
export const hgetCommand: Command = {
  name: 'hget',
  arity: 3,
  flags: ['readonly', 'fast'],
  acl: ['hash'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'field', type: 'string' },
  ],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const h = hashForRead(ctx, ctx.argv[1]);
    if (h === undefined) return NIL;
    if (isReply(h)) return h;
    const v = h.map.get(ctx.argv[2]);
    return v === undefined ? NIL : bulk(v);
  },
};

// HMGET key field [field ...]
import { array, bulk, NIL } from '../resp';
import type { Command } from './types';
import { hashForRead, isReply } from './util/hash';

/** HMGET: the values of the fields, nil for each missing one (all nil for a missing key). */
export const hmgetCommand: Command = {
  name: 'hmget',
  arity: -3,
  flags: ['readonly', 'fast'],
  acl: ['hash'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'field', type: 'string', multiple: true },
  ],
  docs: { complexity: 'O(N) where N is the number of fields being requested.' },
  run(ctx) {
    const h = hashForRead(ctx, ctx.argv[1]);
    if (h !== undefined && isReply(h)) return h;
    const out = [];
    for (let j = 2; j < ctx.argv.length; j++) {
      const v = h?.map.get(ctx.argv[j]);
      out.push(v === undefined ? NIL : bulk(v));
    }
    return array(out);
  },
};

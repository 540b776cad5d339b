// HGETALL key
import { bulk, map } from '../resp';
import type { Command } from './types';
import { hashForRead, isReply } from './util/hash';

/**
 * HGETALL: field, value, field, value... in insertion order (a small hash's listpack order); a map
 * in RESP3.
 */
export const hgetallCommand: Command = {
  name: 'hgetall',
  arity: 2,
  flags: ['readonly'],
  acl: ['hash'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  tips: ['nondeterministic_output_order'],
  args: [{ name: 'key', type: 'key', keySpec: 0 }],
  docs: { complexity: 'O(N) where N is the size of the hash.' },
  run(ctx) {
    const h = hashForRead(ctx, ctx.argv[1]);
    if (h === undefined) return map([]);
    if (isReply(h)) return h;
    const out = [];
    for (const [f, v] of h.map) out.push(bulk(f), bulk(v));
    return map(out);
  },
};

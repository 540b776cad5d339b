// HGETALL key
import { bulkArray, EMPTY_ARRAY } from '../resp';
import type { Command } from './types';
import { hashForRead, isReply } from './util/hash';

/** HGETALL: field, value, field, value... in insertion order (a small hash's listpack order). */
export const hgetallCommand: Command = {
  name: 'hgetall',
  arity: 2,
  flags: ['readonly'],
  run(ctx) {
    const h = hashForRead(ctx, ctx.argv[1]);
    if (h === undefined) return EMPTY_ARRAY;
    if (isReply(h)) return h;
    const out: string[] = [];
    for (const [f, v] of h.map) out.push(f, v);
    return bulkArray(out);
  },
};

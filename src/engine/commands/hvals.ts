// HVALS key
import { bulkArray, EMPTY_ARRAY } from '../resp';
import type { Command } from './types';
import { hashForRead, isReply } from './util/hash';

/** HVALS: the values in field insertion order. */
export const hvalsCommand: Command = {
  name: 'hvals',
  arity: 2,
  flags: ['readonly'],
  run(ctx) {
    const h = hashForRead(ctx, ctx.argv[1]);
    if (h === undefined) return EMPTY_ARRAY;
    if (isReply(h)) return h;
    return bulkArray([...h.map.values()]);
  },
};

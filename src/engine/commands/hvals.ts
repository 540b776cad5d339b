// HVALS key
import { bulkArray, EMPTY_ARRAY } from '../resp';
import { hkeysCommand } from './hkeys';
import type { Command } from './types';
import { hashForRead, isReply } from './util/hash';

/** HVALS: as HKEYS (same arguments, flags and key specs), the values in field insertion order. */
export const hvalsCommand: Command = {
  ...hkeysCommand,
  name: 'hvals',
  run(ctx) {
    const h = hashForRead(ctx, ctx.argv[1]);
    if (h === undefined) return EMPTY_ARRAY;
    if (isReply(h)) return h;
    return bulkArray([...h.map.values()]);
  },
};

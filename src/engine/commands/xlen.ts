// XLEN key
import { int } from '../resp';
import type { Command } from './types';
import { isReply, streamForRead } from './util/stream';

/** XLEN: the number of entries, 0 for a missing key. */
export const xlenCommand: Command = {
  name: 'xlen',
  versions: ['7.0'],
  arity: 2,
  flags: ['readonly', 'fast'],
  acl: ['stream'],
  keySpecs: [{ flags: ['RO'], index: 1, range: [0, 1, 0] }],
  args: [{ name: 'key', type: 'key', keySpec: 0 }],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const s = streamForRead(ctx, ctx.argv[1]);
    if (s === undefined) return int(0);
    if (isReply(s)) return s;
    return int(s.entries.size);
  },
};

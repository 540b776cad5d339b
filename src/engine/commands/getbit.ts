// GETBIT key offset
import { ERR, int } from '../resp';
import type { Command } from './types';
import { bitOffsetArg } from './util/bits';
import { isString } from './util/types';

/** GETBIT: the bit at an offset (0 past the end of the string or for a missing key). */
export const getbitCommand: Command = {
  name: 'getbit',
  arity: 3,
  flags: ['readonly', 'fast'],
  acl: ['bitmap'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'offset', type: 'integer' },
  ],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const offset = bitOffsetArg(ctx, ctx.argv[2]);
    if (typeof offset !== 'bigint') return offset;
    const o = ctx.lookupRead(ctx.argv[1]);
    if (o === undefined) return int(0);
    if (!isString(o)) return ERR.wrongType;
    const byte = Number(offset >> 3n);
    if (byte >= o.length) return int(0);
    return int((o.charCodeAt(byte) >> (7 - Number(offset & 7n))) & 1);
  },
};

// SETBIT key offset value
import { error, int } from '../resp';
import type { Command } from './types';
import { bitOffsetArg, storeBits, stringForBitWrite } from './util/bits';
import { parseLL } from './util/int';

/**
 * SETBIT: set or clear one bit, growing the string with zero bytes as needed; replies the bit's
 * old value. A write that changes nothing (same bit, same length) is not propagated.
 */
export const setbitCommand: Command = {
  name: 'setbit',
  arity: 4,
  flags: ['write', 'denyoom'],
  acl: ['bitmap'],
  keySpecs: [{ flags: ['RW', 'access', 'update'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'offset', type: 'integer' },
    { name: 'value', type: 'integer' },
  ],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const offset = bitOffsetArg(ctx, ctx.argv[2]);
    if (typeof offset !== 'bigint') return offset;
    const on = parseLL(ctx.argv[3]);
    if (on === null || (on !== 0n && on !== 1n)) return error('ERR bit is not an integer or out of range');
    const s = stringForBitWrite(ctx, offset);
    if ('t' in s) return s;
    const byte = Number(offset >> 3n);
    const mask = 1 << (7 - Number(offset & 7n));
    const old = (s.bytes[byte] & mask) !== 0 ? 1 : 0;
    if (s.grew || old !== Number(on)) {
      s.bytes[byte] = on === 1n ? s.bytes[byte] | mask : s.bytes[byte] & ~mask;
      storeBits(ctx, ctx.argv[1], s.bytes);
      ctx.dirty();
    }
    return int(old);
  },
};

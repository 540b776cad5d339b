// BITPOS key bit [start [end [BYTE|BIT]]]
import { ERR, error, int } from '../resp';
import type { Command } from './types';
import { eqi } from './util/args';
import { bitposIn } from './util/bits';
import { parseLL } from './util/int';
import { isString } from './util/types';

/**
 * BITPOS: the position of the first set (or clear) bit, in the whole string or a range of bytes
 * (7.0: or bits, with BIT). A missing key is all zeros. Looking for a clear bit with no end given
 * finds the first bit past the string (it is zero-padded); with an end given, -1.
 */
export const bitposCommand: Command = {
  name: 'bitpos',
  arity: -3,
  flags: ['readonly'],
  acl: ['bitmap'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'bit', type: 'integer' },
    {
      name: 'index',
      type: 'block',
      optional: true,
      args: [
        { name: 'start', type: 'integer' },
        {
          name: 'end_index',
          type: 'block',
          optional: true,
          args: [
            { name: 'end', type: 'integer' },
            {
              name: 'index_unit',
              type: 'oneof',
              since: '7.0.0',
              optional: true,
              args: [
                { name: 'byte', type: 'pure-token', token: 'BYTE' },
                { name: 'bit', type: 'pure-token', token: 'BIT' },
              ],
            },
          ],
        },
      ],
    },
  ],
  docs: { complexity: 'O(N)', history: [['7.0.0', 'Added the `BYTE|BIT` option.']] },
  run(ctx) {
    const argv = ctx.argv;
    const bit = parseLL(argv[2]);
    if (bit === null) return ERR.notInteger;
    if (bit !== 0n && bit !== 1n) return error('ERR The bit argument must be 1 or 0.');
    const want = bit === 1n ? 1 : 0;
    const o = ctx.lookupRead(argv[1]);
    if (o === undefined) return int(want ? -1 : 0);
    if (!isString(o)) return ERR.wrongType;
    const v7 = ctx.version === '7.0';
    let start = 0n;
    let end = BigInt(o.length) - 1n;
    let isbit = false;
    let endGiven = false;
    if (argv.length >= 4 && argv.length <= (v7 ? 6 : 5)) {
      const s = parseLL(argv[3]);
      if (s === null) return ERR.notInteger;
      start = s;
      if (argv.length === 6) {
        if (eqi(argv[5], 'bit')) isbit = true;
        else if (!eqi(argv[5], 'byte')) return ERR.syntax;
      }
      let total = BigInt(o.length);
      if (argv.length >= 5) {
        const e = parseLL(argv[4]);
        if (e === null) return ERR.notInteger;
        end = e;
        endGiven = true;
      } else end = isbit ? (total << 3n) + 7n : total - 1n;
      if (isbit) total <<= 3n;
      if (start < 0n) start += total;
      if (end < 0n) end += total;
      if (start < 0n) start = 0n;
      if (end < 0n) end = 0n;
      if (end >= total) end = total - 1n;
    } else if (argv.length !== 3) return ERR.syntax;
    if (start > end) return int(-1);
    // The bits of the range, as bytes; with BIT, the edge bits outside it read as "not wanted".
    let firstBit = 0;
    let lastBit = 7;
    if (isbit) {
      firstBit = Number(start & 7n);
      lastBit = Number(end & 7n);
      start >>= 3n;
      end >>= 3n;
    }
    const bytes: number[] = [];
    for (let i = Number(start); i <= Number(end); i++) bytes.push(o.charCodeAt(i));
    if (isbit) {
      const head = ~((1 << (8 - firstBit)) - 1) & 0xff;
      const tail = (1 << (7 - lastBit)) - 1;
      const fix = (b: number, m: number) => (want ? b & ~m : b | m) & 0xff;
      bytes[0] = fix(bytes[0], head);
      bytes[bytes.length - 1] = fix(bytes[bytes.length - 1], tail);
    }
    const pos = bitposIn(bytes, want);
    if (endGiven && want === 0 && pos === bytes.length * 8) return int(-1);
    return int(pos === -1 ? -1 : pos + Number(start) * 8);
  },
};

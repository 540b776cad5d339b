// BITCOUNT key [start end [BYTE|BIT]]
import { ERR, int } from '../resp';
import type { Command } from './types';
import { eqi } from './util/args';
import { popcount } from './util/bits';
import { parseLL } from './util/int';
import { isString } from './util/types';

/**
 * BITCOUNT: the set bits of the string, or of a range of bytes (7.0: or of bits, with BIT);
 * negative indexes count from the end. A missing key answers 0 before the range is read.
 */
export const bitcountCommand: Command = {
  name: 'bitcount',
  arity: -2,
  flags: ['readonly'],
  acl: ['bitmap'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    {
      name: 'index',
      type: 'block',
      optional: true,
      args: [
        { name: 'start', type: 'integer' },
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
  docs: { complexity: 'O(N)', history: [['7.0.0', 'Added the `BYTE|BIT` option.']] },
  run(ctx) {
    const argv = ctx.argv;
    const o = ctx.lookupRead(argv[1]);
    if (o === undefined) return int(0);
    if (!isString(o)) return ERR.wrongType;
    const v7 = ctx.version === '7.0';
    if (argv.length === 2) return int(popcount(o, 0, o.length - 1));
    if (argv.length !== 4 && !(v7 && argv.length === 5)) return ERR.syntax;
    const s = parseLL(argv[2]);
    if (s === null) return ERR.notInteger;
    const e = parseLL(argv[3]);
    if (e === null) return ERR.notInteger;
    if (s < 0n && e < 0n && s > e) return int(0);
    let isbit = false;
    if (argv.length === 5) {
      if (eqi(argv[4], 'bit')) isbit = true;
      else if (!eqi(argv[4], 'byte')) return ERR.syntax;
    }
    const total = BigInt(o.length) * (isbit ? 8n : 1n);
    let start = s < 0n ? total + s : s;
    let end = e < 0n ? total + e : e;
    if (start < 0n) start = 0n;
    if (end < 0n) end = 0n;
    if (end >= total) end = total - 1n;
    if (start > end) return int(0);
    if (!isbit) return int(popcount(o, Number(start), Number(end)));
    // Whole bytes, minus the bits of the first and last byte that fall outside the range.
    const first = Number(start >> 3n);
    const last = Number(end >> 3n);
    let n = popcount(o, first, last);
    const headMask = ~((1 << (8 - Number(start & 7n))) - 1) & 0xff;
    const tailMask = (1 << (7 - Number(end & 7n))) - 1;
    n -= popcount(String.fromCharCode(o.charCodeAt(first) & headMask, o.charCodeAt(last) & tailMask), 0, 1);
    return int(n);
  },
};

// SETRANGE key offset value
import { ERR, error, int } from '../resp';
import type { Command } from './types';
import { markString } from './util/encoding';
import { parseLL } from './util/int';
import { checkStringLength } from './util/string';
import { isString } from './util/types';

/**
 * SETRANGE: overwrite part of a string from `offset` on, padding with zero bytes; replies the new
 * length. Writing nothing changes nothing (a missing key stays missing, replying 0).
 */
export const setrangeCommand: Command = {
  name: 'setrange',
  arity: 4,
  flags: ['write', 'denyoom'],
  acl: ['string'],
  keySpecs: [{ flags: ['RW', 'update'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'offset', type: 'integer' },
    { name: 'value', type: 'string' },
  ],
  docs: {
    complexity:
      'O(1), not counting the time taken to copy the new string in place. Usually, this string is very small so the amortized complexity is O(1). Otherwise, complexity is O(M) with M being the length of the value argument.',
  },
  run(ctx) {
    const [, key, offText, value] = ctx.argv;
    const offset = parseLL(offText);
    if (offset === null) return ERR.notInteger;
    if (offset < 0n) return error('ERR offset is out of range');
    const o = ctx.lookupWrite(key);
    if (o !== undefined && !isString(o)) return ERR.wrongType;
    if (value.length === 0) return int(o === undefined ? 0 : o.length);
    const tooLong = checkStringLength(ctx, offset, value.length);
    if (tooLong !== null) return tooLong;
    const off = Number(offset);
    const cur = o ?? '';
    const head = cur.length >= off ? cur.slice(0, off) : cur + '\0'.repeat(off - cur.length);
    const next = head + value + cur.slice(off + value.length);
    ctx.setKey(key, next, true);
    // A new string, or an existing one unshared (dbUnshareStringValue): raw either way.
    markString(ctx.db, key, next, 'raw');
    ctx.dirty(1);
    return int(next.length);
  },
};

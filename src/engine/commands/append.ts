// APPEND key value
import { ERR, error, int } from '../resp';
import type { Command } from './types';
import { markString } from './util/encoding';
import { isString } from './util/types';

/** proto-max-bulk-len's default (4.0: a fixed limit): no string may grow past 512 MB. */
const MAX_STRING = 512 * 1024 * 1024;

/**
 * APPEND: concatenate onto the string (creating it), keeping the TTL; replies the new length.
 * 7.0 lets its master exceed the size limit (mustObeyClient), 4.0 checks everyone.
 */
export const appendCommand: Command = {
  name: 'append',
  arity: 3,
  flags: ['write', 'denyoom', 'fast'],
  flags40: ['write', 'denyoom'],
  acl: ['string'],
  keySpecs: [{ flags: ['RW', 'insert'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'value', type: 'string' },
  ],
  docs: {
    complexity:
      'O(1). The amortized time complexity is O(1) assuming the appended value is small and the already present value is of any size, since the dynamic string library used by Redis will double the free space available on every reallocation.',
  },
  run(ctx) {
    const [, key, tail] = ctx.argv;
    const o = ctx.lookupWrite(key);
    let next: string;
    if (o === undefined) {
      next = tail;
    } else {
      if (!isString(o)) return ERR.wrongType;
      if (o.length + tail.length > MAX_STRING) {
        if (ctx.version === '4.0') return error('ERR string exceeds maximum allowed size (512MB)');
        if (!ctx.client.isMaster) return error('ERR string exceeds maximum allowed size (proto-max-bulk-len)');
      }
      next = o + tail;
    }
    ctx.setKey(key, next, true);
    // Appending to an existing string unshares it into a raw string (dbUnshareStringValue).
    if (o !== undefined) markString(ctx.db, key, next, 'raw');
    ctx.dirty(1);
    return int(next.length);
  },
};

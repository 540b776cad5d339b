// GETSET key value
import type { Command } from './types';
import { unmarkString } from './util/encoding';
import { getGeneric } from './util/string';

/**
 * GETSET: store a new value (dropping any TTL) and reply with the old one. 7.0 propagates it
 * as `SET key value`.
 */
export const getsetCommand: Command = {
  name: 'getset',
  arity: 3,
  flags: ['write', 'denyoom', 'fast'],
  flags40: ['write', 'denyoom'],
  acl: ['string'],
  keySpecs: [{ flags: ['RW', 'access', 'update'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'value', type: 'string' },
  ],
  docs: {
    complexity: 'O(1)',
    docFlags: ['deprecated'],
    deprecatedSince: '6.2.0',
    replacedBy: '`SET` with the `!GET` argument',
  },
  run(ctx) {
    const [, key, value] = ctx.argv;
    const old = getGeneric(ctx, key);
    if (old.t === 'error') return old;
    // setKey's own write lookup (on a writable 7.0 replica it drops the hidden due key).
    ctx.lookupWrite(key);
    ctx.setKey(key, value);
    unmarkString(ctx.db, key);
    ctx.dirty(1);
    if (ctx.version === '7.0') ctx.rewrite(['SET', key, value]);
    return old;
  },
};

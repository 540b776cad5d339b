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

// HINCRBYFLOAT key field increment
import { bulk, ERR, error } from '../resp';
import type { Command } from './types';
import { noteHashWrite } from './util/encoding';
import {
  addLongDouble,
  formatLongDoubleHuman,
  parseLongDouble,
  parseLongDouble40,
  parseLongDoubleObj40,
} from './util/float';
import { hashForWrite, isReply } from './util/hash';

/**
 * HINCRBYFLOAT: long double addition on a field, printed like INCRBYFLOAT, and always
 * propagated as `HSET key field <result>`. 4.0 has no NaN/infinity checks, so "inf" can be
 * stored there.
 */
export const hincrbyfloatCommand: Command = {
  name: 'hincrbyfloat',
  arity: 4,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['hash'],
  keySpecs: [{ flags: ['RW', 'access', 'update'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'field', type: 'string' },
    { name: 'increment', type: 'double' },
  ],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const [, key, field, incrText] = ctx.argv;
    const v70 = ctx.version === '7.0';
    const incr = v70 ? parseLongDouble(incrText) : parseLongDoubleObj40(incrText);
    if (incr === null) return ERR.notFloat;
    if (v70 && incr.inf) return error('ERR value is NaN or Infinity');
    const h = hashForWrite(ctx, key);
    if (isReply(h)) return h;
    const stored = h.map.get(field);
    const cur = stored === undefined ? parseLongDouble('0') : v70 ? parseLongDouble(stored) : parseLongDouble40(stored);
    if (cur === null) return error('ERR hash value is not a float');
    const sum = addLongDouble(cur, incr);
    if (v70 && (sum === 'nan' || sum.inf)) return error('ERR increment would produce NaN or Infinity');
    // 4.0 has no such check: infinities print as "inf"/"-inf", and inf + -inf yields the x87
    // default NaN (sign bit set), which glibc prints as "-nan".
    const text = sum === 'nan' ? '-nan' : formatLongDoubleHuman(sum, ctx.version);
    h.map.set(field, text);
    noteHashWrite(ctx.srv, h, [field, text]);
    ctx.dirty(1);
    ctx.rewrite(['HSET', key, field, text]);
    return bulk(text);
  },
};

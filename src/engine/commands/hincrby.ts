// HINCRBY key field increment
import { ERR, error, int } from '../resp';
import type { Command } from './types';
import { noteHashWrite } from './util/encoding';
import { hashForWrite, isReply } from './util/hash';
import { intValue, LLONG_MAX, LLONG_MIN, parseLL } from './util/int';

/** HINCRBY: add a 64-bit increment to a field (missing = 0), refusing non-integers and overflow. */
export const hincrbyCommand: Command = {
  name: 'hincrby',
  arity: 4,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['hash'],
  keySpecs: [{ flags: ['RW', 'access', 'update'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'field', type: 'string' },
    { name: 'increment', type: 'integer' },
  ],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const [, key, field, incrText] = ctx.argv;
    const incr = parseLL(incrText);
    if (incr === null) return ERR.notInteger;
    const h = hashForWrite(ctx, key);
    if (isReply(h)) return h;
    const stored = h.map.get(field);
    const cur = stored === undefined ? 0n : parseLL(stored);
    if (cur === null) return error('ERR hash value is not an integer');
    if ((incr < 0n && cur < 0n && incr < LLONG_MIN - cur) || (incr > 0n && cur > 0n && incr > LLONG_MAX - cur)) {
      return error('ERR increment or decrement would overflow');
    }
    const next = cur + incr;
    h.map.set(field, next.toString());
    noteHashWrite(ctx.srv, h, [field]);
    ctx.dirty(1);
    return int(intValue(next));
  },
};

// INCRBYFLOAT key increment
import { bulk, ERR, error } from '../resp';
import type { Command } from './types';
import { markString, rawOrEmbstr } from './util/encoding';
import { addLongDouble, formatLongDoubleHuman, parseLongDouble, parseLongDoubleObj40 } from './util/float';
import { isString } from './util/types';

/**
 * INCRBYFLOAT: long double addition printed "%.17Lf"-trimmed (so 0.1 + 0.2 is "0.3"); the TTL
 * is kept. Always propagated as `SET key <result> KEEPTTL` (4.0: `SET key <result>`) so replicas
 * never redo the float math.
 */
export const incrbyfloatCommand: Command = {
  name: 'incrbyfloat',
  arity: 3,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['string'],
  keySpecs: [{ flags: ['RW', 'access', 'update'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'increment', type: 'double' },
  ],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const [, key, incrText] = ctx.argv;
    const parse = ctx.version === '7.0' ? parseLongDouble : parseLongDoubleObj40;
    const o = ctx.lookupWrite(key);
    if (o !== undefined && !isString(o)) return ERR.wrongType;
    const cur = o === undefined ? parse('0') : parse(o);
    const incr = parse(incrText);
    if (cur === null || incr === null) return ERR.notFloat;
    const sum = addLongDouble(cur, incr);
    if (sum === 'nan' || sum.inf) return error('ERR increment would produce NaN or Infinity');
    const text = formatLongDoubleHuman(sum, ctx.version);
    ctx.setKey(key, text, true);
    // createStringObjectFromLongDouble: no int encoding for the result.
    markString(ctx.db, key, text, rawOrEmbstr(text));
    ctx.dirty(1);
    ctx.rewrite(ctx.version === '7.0' ? ['SET', key, text, 'KEEPTTL'] : ['SET', key, text]);
    return bulk(text);
  },
};

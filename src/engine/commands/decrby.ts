// DECRBY key decrement
import { ERR, error } from '../resp';
import type { Command } from './types';
import { LLONG_MIN, parseLL, parseSmallInt, wrap64 } from './util/int';
import { incrDecr } from './util/string';

/**
 * DECRBY: subtract a signed 64-bit decrement. 7.0 refuses the one decrement whose negation
 * overflows (LLONG_MIN); 4.0 negates it in C, where it stays LLONG_MIN.
 */
export const decrbyCommand: Command = {
  name: 'decrby',
  arity: 3,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['string'],
  keySpecs: [{ flags: ['RW', 'access', 'update'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'decrement', type: 'integer' },
  ],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    // A short decrement goes negated as a number (incrDecr's fast path; 0 - 0 is +0, not -0).
    const small = parseSmallInt(ctx.argv[2]);
    if (!Number.isNaN(small)) return incrDecr(ctx, ctx.argv[1], 0 - small);
    const decr = parseLL(ctx.argv[2]);
    if (decr === null) return ERR.notInteger;
    if (decr === LLONG_MIN && ctx.version === '7.0') return error('ERR decrement would overflow');
    return incrDecr(ctx, ctx.argv[1], wrap64(-decr));
  },
};

// INCRBY key increment
import { ERR } from '../resp';
import type { Command } from './types';
import { parseLL, parseSmallInt } from './util/int';
import { incrDecr } from './util/string';

/** INCRBY: add a signed 64-bit increment, refusing overflow. */
export const incrbyCommand: Command = {
  name: 'incrby',
  arity: 3,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['string'],
  keySpecs: [{ flags: ['RW', 'access', 'update'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'increment', type: 'integer' },
  ],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    // A short increment goes as a number (incrDecr's fast path), any other through parseLL.
    const small = parseSmallInt(ctx.argv[2]);
    if (!Number.isNaN(small)) return incrDecr(ctx, ctx.argv[1], small);
    const incr = parseLL(ctx.argv[2]);
    if (incr === null) return ERR.notInteger;
    return incrDecr(ctx, ctx.argv[1], incr);
  },
};

// MGET key [key ...]
import { array, bulk, NIL } from '../resp';
import type { Command } from './types';

/** MGET: each key's string value; missing keys and non-strings read as nil. */
export const mgetCommand: Command = {
  name: 'mget',
  arity: -2,
  flags: ['readonly', 'fast'],
  run(ctx) {
    const out = [];
    for (let j = 1; j < ctx.argv.length; j++) {
      const o = ctx.lookupRead(ctx.argv[j]);
      out.push(typeof o === 'string' ? bulk(o) : NIL);
    }
    return array(out);
  },
};

// EXISTS key [key ...]
import { int } from '../resp';
import type { Command } from './types';

/** EXISTS: how many of the arguments exist; a key named twice counts twice. */
export const existsCommand: Command = {
  name: 'exists',
  arity: -2,
  flags: ['readonly', 'fast'],
  run(ctx) {
    let n = 0;
    for (let j = 1; j < ctx.argv.length; j++) if (ctx.lookupRead(ctx.argv[j]) !== undefined) n++;
    return int(n);
  },
};

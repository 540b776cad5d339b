// GET key
import type { Command } from './types';
import { getGeneric } from './util/string';

/** GET: the string value, nil when missing, WRONGTYPE for other types. */
export const getCommand: Command = {
  name: 'get',
  arity: 2,
  flags: ['readonly', 'fast'],
  run(ctx) {
    return getGeneric(ctx, ctx.argv[1]);
  },
};

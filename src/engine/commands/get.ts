// GET key
import type { Command } from './types';
import { getGeneric } from './util/string';

/** GET: the string value, nil when missing, WRONGTYPE for other types. */
export const getCommand: Command = {
  name: 'get',
  arity: 2,
  flags: ['readonly', 'fast'],
  acl: ['string'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [{ name: 'key', type: 'key', keySpec: 0 }],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    return getGeneric(ctx, ctx.argv[1]);
  },
};

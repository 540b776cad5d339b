// GETDEL key
import type { Command } from './types';
import { getGeneric } from './util/string';

/** GETDEL (6.2+): reply with the string and delete the key, propagated as `DEL key`. */
export const getdelCommand: Command = {
  name: 'getdel',
  arity: 2,
  flags: ['write', 'fast'],
  versions: ['7.0'],
  acl: ['string'],
  keySpecs: [{ flags: ['RW', 'access', 'delete'], index: 1, range: [0, 1, 0] }],
  args: [{ name: 'key', type: 'key', keySpec: 0 }],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const key = ctx.argv[1];
    const r = getGeneric(ctx, key);
    if (r.t === 'error') return r;
    if (ctx.deleteKey(key)) {
      ctx.rewrite(['DEL', key]);
      ctx.dirty(1);
    }
    return r;
  },
};

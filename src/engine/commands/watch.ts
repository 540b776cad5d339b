// WATCH key [key ...]
import { error, OK } from '../resp';
import { watchKey } from '../watch';
import type { Command } from './types';

/**
 * WATCH: watch the keys, so that the next EXEC fails (nil) if any of them changes first. Refused
 * inside MULTI (without aborting it); a client already marked dirty watches nothing more.
 */
export const watchCommand: Command = {
  name: 'watch',
  arity: -2,
  flags: ['noscript', 'loading', 'stale', 'fast', 'allow-busy'],
  flags40: ['noscript', 'fast'],
  acl: ['transaction'],
  keySpecs: [{ flags: ['RO'], index: 1, range: [-1, 1, 0] }],
  args: [{ name: 'key', type: 'key', keySpec: 0, multiple: true }],
  docs: { complexity: 'O(1) for every key.' },
  run(ctx) {
    const c = ctx.client;
    if (c.multi) return error('ERR WATCH inside MULTI is not allowed');
    if (c.dirtyCas) return OK;
    const is7 = ctx.version === '7.0';
    for (let j = 1; j < ctx.argv.length; j++) watchKey(c, ctx.db, ctx.argv[j], ctx.now, is7);
    return OK;
  },
};

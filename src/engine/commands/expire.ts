// EXPIRE key seconds [NX | XX | GT | LT]
import type { Command } from './types';
import { expireGeneric } from './util/expire';

/** EXPIRE: set a TTL in seconds from now. Replies 1 when set, 0 when the key is missing or a flag vetoed it. */
export const expireCommand: Command = {
  name: 'expire',
  arity: -3,
  arity40: 3,
  flags: ['write', 'fast'],
  run(ctx) {
    return expireGeneric(ctx, { name: 'expire', relative: true, seconds: true });
  },
};

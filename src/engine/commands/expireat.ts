// EXPIREAT key unix-time-seconds [NX | XX | GT | LT]
import type { Command } from './types';
import { expireGeneric } from './util/expire';

/** EXPIREAT: set an absolute deadline in unix seconds. Replies 1 when set, 0 when the key is missing or a flag vetoed it. */
export const expireatCommand: Command = {
  name: 'expireat',
  arity: -3,
  arity40: 3,
  flags: ['write', 'fast'],
  run(ctx) {
    return expireGeneric(ctx, { name: 'expireat', relative: false, seconds: true });
  },
};

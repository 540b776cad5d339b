// PEXPIREAT key unix-time-milliseconds [NX | XX | GT | LT]
import type { Command } from './types';
import { expireGeneric } from './util/expire';

/** PEXPIREAT: set an absolute deadline in unix milliseconds. Replies 1 when set, 0 when the key is missing or a flag vetoed it. */
export const pexpireatCommand: Command = {
  name: 'pexpireat',
  arity: -3,
  arity40: 3,
  flags: ['write', 'fast'],
  run(ctx) {
    return expireGeneric(ctx, { name: 'pexpireat', relative: false, seconds: false });
  },
};

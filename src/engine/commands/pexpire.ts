// PEXPIRE key milliseconds [NX | XX | GT | LT]
import type { Command } from './types';
import { expireGeneric } from './util/expire';

/** PEXPIRE: set a TTL in milliseconds from now. Replies 1 when set, 0 when the key is missing or a flag vetoed it. */
export const pexpireCommand: Command = {
  name: 'pexpire',
  arity: -3,
  arity40: 3,
  flags: ['write', 'fast'],
  run(ctx) {
    return expireGeneric(ctx, { name: 'pexpire', relative: true, seconds: false });
  },
};

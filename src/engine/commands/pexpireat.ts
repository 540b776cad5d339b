// PEXPIREAT key unix-time-milliseconds [NX | XX | GT | LT]
import type { Command } from './types';
import { expireSpec } from './util/expire';

/** PEXPIREAT: set an absolute deadline in unix milliseconds. Replies 1 when set, 0 when the key is missing or a flag vetoed it. */
export const pexpireatCommand: Command = expireSpec(
  { name: 'pexpireat', relative: false, seconds: false },
  { name: 'unix-time-milliseconds', type: 'unix-time' },
);

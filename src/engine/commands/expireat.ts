// EXPIREAT key unix-time-seconds [NX | XX | GT | LT]
import type { Command } from './types';
import { expireSpec } from './util/expire';

/** EXPIREAT: set an absolute deadline in unix seconds. Replies 1 when set, 0 when the key is missing or a flag vetoed it. */
export const expireatCommand: Command = expireSpec(
  { name: 'expireat', relative: false, seconds: true },
  { name: 'unix-time-seconds', type: 'unix-time' },
);

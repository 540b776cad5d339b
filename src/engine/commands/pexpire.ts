// PEXPIRE key milliseconds [NX | XX | GT | LT]
import type { Command } from './types';
import { expireSpec } from './util/expire';

/** PEXPIRE: set a TTL in milliseconds from now. Replies 1 when set, 0 when the key is missing or a flag vetoed it. */
export const pexpireCommand: Command = expireSpec(
  { name: 'pexpire', relative: true, seconds: false },
  { name: 'milliseconds', type: 'integer' },
);

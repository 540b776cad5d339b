// EXPIRE key seconds [NX | XX | GT | LT]
import type { Command } from './types';
import { expireSpec } from './util/expire';

/** EXPIRE: set a TTL in seconds from now. Replies 1 when set, 0 when the key is missing or a flag vetoed it. */
export const expireCommand: Command = expireSpec(
  { name: 'expire', relative: true, seconds: true },
  { name: 'seconds', type: 'integer' },
);

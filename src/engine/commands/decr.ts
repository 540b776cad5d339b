// DECR key
import type { Command } from './types';
import { incrDecrSpec } from './util/string';

/** DECR: subtract 1 from the integer at the key (missing = 0); the TTL is kept. */
export const decrCommand: Command = incrDecrSpec('decr', -1);

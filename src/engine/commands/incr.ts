// INCR key
import type { Command } from './types';
import { incrDecrSpec } from './util/string';

/** INCR: add 1 to the integer at the key (missing = 0); the TTL is kept. */
export const incrCommand: Command = incrDecrSpec('incr', 1);

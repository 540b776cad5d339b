// PTTL key
import type { Command } from './types';
import { ttlSpec } from './util/expire';

/** PTTL: milliseconds left, -1 without a TTL, -2 when missing. */
export const pttlCommand: Command = ttlSpec('pttl', true);

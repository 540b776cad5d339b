// TTL key
import type { Command } from './types';
import { ttlSpec } from './util/expire';

/** TTL: seconds left (rounded to nearest), -1 without a TTL, -2 when missing. */
export const ttlCommand: Command = ttlSpec('ttl', false);

// HMSET key field value [field value ...]
import type { Command } from './types';
import { hsetSpec } from './util/hash';

/** HMSET (deprecated HSET): set fields, replying OK. */
export const hmsetCommand: Command = hsetSpec('hmset', {
  complexity: 'O(N) where N is the number of fields being set.',
  docFlags: ['deprecated'],
  deprecatedSince: '4.0.0',
  replacedBy: '`HSET` with multiple field-value pairs',
});

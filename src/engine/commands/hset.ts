// HSET key field value [field value ...]
import type { Command } from './types';
import { hsetSpec } from './util/hash';

/** HSET: set fields, replying how many were new. */
export const hsetCommand: Command = hsetSpec('hset', {
  complexity:
    'O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is called with multiple field/value pairs.',
  history: [['4.0.0', 'Accepts multiple `field` and `value` arguments.']],
});

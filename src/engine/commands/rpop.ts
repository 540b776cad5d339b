// RPOP key [count]
import type { Command } from './types';
import { popSpec } from './util/list';

/** RPOP: remove and return from the tail; the count form is 6.2+ (4.0 takes exactly the key). */
export const rpopCommand: Command = popSpec('rpop', 'tail');

// LPOP key [count]
import type { Command } from './types';
import { popSpec } from './util/list';

/** LPOP: remove and return from the head; the count form is 6.2+ (4.0 takes exactly the key). */
export const lpopCommand: Command = popSpec('lpop', 'head');

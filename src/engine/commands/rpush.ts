// RPUSH key element [element ...]
import type { Command } from './types';
import { pushSpec } from './util/list';

/** RPUSH: append at the tail; replies the new length. */
export const rpushCommand: Command = pushSpec('rpush', 'tail');

// LPUSH key element [element ...]
import type { Command } from './types';
import { pushSpec } from './util/list';

/** LPUSH: insert at the head, one by one (so `LPUSH k a b` leaves b first); replies the length. */
export const lpushCommand: Command = pushSpec('lpush', 'head');

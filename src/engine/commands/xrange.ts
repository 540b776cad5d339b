// XRANGE key start end [COUNT count]
import type { Command } from './types';
import { xrangeSpec } from './util/xrange';

/** XRANGE: entries between two IDs (`-`, `+`, `(` for exclusive, a bare ms), oldest first. */
export const xrangeCommand: Command = xrangeSpec('xrange');

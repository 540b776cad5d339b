// XREVRANGE key end start [COUNT count]
import type { Command } from './types';
import { xrangeSpec } from './util/xrange';

/** XREVRANGE: XRANGE newest first, the bounds given end first. */
export const xrevrangeCommand: Command = xrangeSpec('xrevrange');

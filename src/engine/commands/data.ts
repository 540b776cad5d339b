import type { Command } from './types';
/** Data-type commands (being written). */
export const dataCommands: Command[] = [];

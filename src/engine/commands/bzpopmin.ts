// BZPOPMIN key [key ...] timeout
import { bzpopmaxCommand } from './bzpopmax';
import type { Command } from './types';
import { blockingZpop } from './util/blockpop';

/** BZPOPMIN: as BZPOPMAX (same arguments, flags and key specs), popping the lowest score (blockingZpop). */
export const bzpopminCommand: Command = {
  ...bzpopmaxCommand,
  name: 'bzpopmin',
  run(ctx) {
    return blockingZpop(ctx, false);
  },
};

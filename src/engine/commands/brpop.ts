// BRPOP key [key ...] timeout
import { blpopCommand } from './blpop';
import type { Command } from './types';
import { blockingPop } from './util/blockpop';

/** BRPOP: as BLPOP (same arguments, flags and key specs), popping from the tail (blockingPop). */
export const brpopCommand: Command = {
  ...blpopCommand,
  name: 'brpop',
  run(ctx) {
    return blockingPop(ctx, 'tail');
  },
};

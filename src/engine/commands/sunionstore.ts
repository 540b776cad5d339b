// SUNIONSTORE destination key [key ...]
import { sdiffstoreCommand } from './sdiffstore';
import type { Command } from './types';
import { sunionDiffGeneric } from './util/setops';

/** SUNIONSTORE: as SDIFFSTORE (same arguments, flags and key specs), storing the union (sunionDiffGeneric). */
export const sunionstoreCommand: Command = {
  ...sdiffstoreCommand,
  name: 'sunionstore',
  run(ctx) {
    return sunionDiffGeneric(ctx, ctx.argv.slice(2), ctx.argv[1], 'union');
  },
};

// ZUNIONSTORE destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX]
import type { Command } from './types';
import { zsetOpGeneric } from './util/zsetops';
import { zinterstoreCommand } from './zinterstore';

/** ZUNIONSTORE: as ZINTERSTORE (same arguments, flags and key specs), storing the union. */
export const zunionstoreCommand: Command = {
  ...zinterstoreCommand,
  name: 'zunionstore',
  docs: {
    complexity:
      'O(N)+O(M log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.',
  },
  run(ctx) {
    return zsetOpGeneric(ctx, 2, ctx.argv[1], 'union', false);
  },
};

// ZUNION numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX] [WITHSCORES]
import type { Command } from './types';
import { zsetOpGeneric } from './util/zsetops';
import { zinterCommand } from './zinter';

/** ZUNION: as ZINTER (same arguments, flags and key specs), every member of the inputs, its (weighted) scores aggregated. */
export const zunionCommand: Command = {
  ...zinterCommand,
  name: 'zunion',
  docs: {
    complexity:
      'O(N)+O(M*log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.',
  },
  run(ctx) {
    return zsetOpGeneric(ctx, 1, null, 'union', false);
  },
};

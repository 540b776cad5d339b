// XREAD [COUNT count] [BLOCK milliseconds] STREAMS key [key ...] id [id ...]
import type { Command } from './types';
import { STREAMS_ARG, streamsKeySpec, xreadGeneric, xreadKeys } from './util/xread';

/**
 * XREAD: for each stream, the entries after the given ID (`$`: after its last one), at most
 * COUNT each; streams with nothing new are left out, and a nil array when none has anything.
 * Never propagated. BLOCK with nothing to serve waits for an XADD on one of the keys (or the
 * timeout; 0 waits for ever), except inside MULTI where it answers the nil array at once.
 */
export const xreadCommand: Command = {
  name: 'xread',
  versions: ['7.0'],
  arity: -4,
  flags: ['blocking', 'readonly'],
  acl: ['stream'],
  keySpecs: streamsKeySpec(1),
  getKeys: xreadKeys,
  args: [
    { name: 'count', type: 'integer', token: 'COUNT', optional: true },
    { name: 'milliseconds', type: 'integer', token: 'BLOCK', optional: true },
    STREAMS_ARG,
  ],
  docs: {
    complexity:
      'For each stream mentioned: O(N) with N being the number of elements being returned, it means that XREAD-ing with a fixed COUNT is O(1). Note that when the BLOCK option is used, XADD will pay O(M) time in order to serve the M clients blocked on the stream getting new data.',
  },
  run(ctx) {
    return xreadGeneric(ctx, false);
  },
};

// XREADGROUP GROUP group consumer [COUNT count] [BLOCK milliseconds] [NOACK] STREAMS key [key ...] id [id ...]
import type { Command } from './types';
import { STREAMS_ARG, streamsKeySpec, xreadGeneric, xreadKeys } from './util/xread';

/**
 * XREADGROUP: read through a consumer group. `>` gives the entries the group has not delivered
 * yet (they enter the PEL for this consumer unless NOACK; the consumer is made on first use);
 * any other ID gives this consumer's own pending entries after it. BLOCK waits as XREAD does.
 * Propagated as what it changed: an XCLAIM per delivered entry (XGROUP SETID with NOACK).
 */
export const xreadgroupCommand: Command = {
  name: 'xreadgroup',
  versions: ['7.0'],
  arity: -7,
  flags: ['write', 'blocking'],
  acl: ['stream'],
  keySpecs: streamsKeySpec(4),
  getKeys: xreadKeys,
  args: [
    {
      name: 'group_consumer',
      type: 'block',
      token: 'GROUP',
      args: [
        { name: 'group', type: 'string' },
        { name: 'consumer', type: 'string' },
      ],
    },
    { name: 'count', type: 'integer', token: 'COUNT', optional: true },
    { name: 'milliseconds', type: 'integer', token: 'BLOCK', optional: true },
    { name: 'noack', type: 'pure-token', token: 'NOACK', optional: true },
    STREAMS_ARG,
  ],
  docs: {
    complexity:
      'For each stream mentioned: O(M) with M being the number of elements returned. If M is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1). On the other side when XREADGROUP blocks, XADD will pay the O(N) time in order to serve the N clients blocked on the stream getting new data.',
  },
  run(ctx) {
    return xreadGeneric(ctx, true);
  },
};

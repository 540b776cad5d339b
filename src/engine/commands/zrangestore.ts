// ZRANGESTORE dst src min max [BYSCORE | BYLEX] [REV] [LIMIT offset count]
import type { Command } from './types';
import { zrangeGeneric } from './util/zrange';

/**
 * ZRANGESTORE: ZRANGE's selection stored at dst (replacing it, TTL and all), replying its size;
 * an empty selection deletes dst. Propagated as typed.
 */
export const zrangestoreCommand: Command = {
  name: 'zrangestore',
  arity: -5,
  flags: ['write', 'denyoom'],
  acl: ['sortedset'],
  keySpecs: [
    { flags: ['OW', 'update'], index: 1, range: [0, 1, 0] },
    { flags: ['RO', 'access'], index: 2, range: [0, 1, 0] },
  ],
  args: [
    { name: 'dst', type: 'key', keySpec: 0 },
    { name: 'src', type: 'key', keySpec: 1 },
    { name: 'min', type: 'string' },
    { name: 'max', type: 'string' },
    {
      name: 'sortby',
      type: 'oneof',
      optional: true,
      args: [
        { name: 'byscore', type: 'pure-token', token: 'BYSCORE' },
        { name: 'bylex', type: 'pure-token', token: 'BYLEX' },
      ],
    },
    { name: 'rev', type: 'pure-token', token: 'REV', optional: true },
    {
      name: 'offset_count',
      type: 'block',
      token: 'LIMIT',
      optional: true,
      args: [
        { name: 'offset', type: 'integer' },
        { name: 'count', type: 'integer' },
      ],
    },
  ],
  docs: {
    complexity:
      'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements stored into the destination key.',
  },
  versions: ['7.0'],
  run(ctx) {
    return zrangeGeneric(ctx, { argStart: 2, store: true });
  },
};

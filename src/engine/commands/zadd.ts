// ZADD key [NX | XX] [GT | LT] [CH] [INCR] score member [score member ...]
import type { Command } from './types';
import { zaddGeneric } from './util/zset';

/**
 * ZADD: add members or update scores; replies how many were added (with CH: added or
 * changed), or with INCR the new score (nil when NX/XX/GT/LT vetoed it). GT and LT are 6.2+.
 */
export const zaddCommand: Command = {
  name: 'zadd',
  arity: -4,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['sortedset'],
  keySpecs: [{ flags: ['RW', 'update'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    {
      name: 'condition',
      type: 'oneof',
      since: '3.0.2',
      optional: true,
      args: [
        { name: 'nx', type: 'pure-token', token: 'NX' },
        { name: 'xx', type: 'pure-token', token: 'XX' },
      ],
    },
    {
      name: 'comparison',
      type: 'oneof',
      since: '6.2.0',
      optional: true,
      args: [
        { name: 'gt', type: 'pure-token', token: 'GT' },
        { name: 'lt', type: 'pure-token', token: 'LT' },
      ],
    },
    { name: 'change', type: 'pure-token', token: 'CH', since: '3.0.2', optional: true },
    { name: 'increment', type: 'pure-token', token: 'INCR', since: '3.0.2', optional: true },
    {
      name: 'score_member',
      type: 'block',
      multiple: true,
      args: [
        { name: 'score', type: 'double' },
        { name: 'member', type: 'string' },
      ],
    },
  ],
  docs: {
    complexity: 'O(log(N)) for each item added, where N is the number of elements in the sorted set.',
    history: [
      ['2.4.0', 'Accepts multiple elements.'],
      ['3.0.2', 'Added the `XX`, `NX`, `CH` and `INCR` options.'],
      ['6.2.0', 'Added the `GT` and `LT` options.'],
    ],
  },
  run(ctx) {
    return zaddGeneric(ctx, false);
  },
};

// EXPIRE key seconds [NX | XX | GT | LT]
import type { Command } from './types';
import { expireGeneric } from './util/expire';

/** EXPIRE: set a TTL in seconds from now. Replies 1 when set, 0 when the key is missing or a flag vetoed it. */
export const expireCommand: Command = {
  name: 'expire',
  arity: -3,
  arity40: 3,
  flags: ['write', 'fast'],
  acl: ['keyspace'],
  keySpecs: [{ flags: ['RW', 'update'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'seconds', type: 'integer' },
    {
      name: 'condition',
      type: 'oneof',
      since: '7.0.0',
      optional: true,
      args: [
        { name: 'nx', type: 'pure-token', token: 'NX' },
        { name: 'xx', type: 'pure-token', token: 'XX' },
        { name: 'gt', type: 'pure-token', token: 'GT' },
        { name: 'lt', type: 'pure-token', token: 'LT' },
      ],
    },
  ],
  docs: { complexity: 'O(1)', history: [['7.0.0', 'Added options: `NX`, `XX`, `GT` and `LT`.']] },
  run(ctx) {
    return expireGeneric(ctx, { name: 'expire', relative: true, seconds: true });
  },
};

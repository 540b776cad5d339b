// BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count]
import type { Command } from './types';
import { blockingZmpop } from './util/blockpop';

/** BZMPOP: ZMPOP, or wait for one of the sorted sets (blockingZmpop). */
export const bzmpopCommand: Command = {
  name: 'bzmpop',
  arity: -5,
  flags: ['write', 'blocking'],
  versions: ['7.0'],
  acl: ['sortedset'],
  keySpecs: [{ flags: ['RW', 'access', 'delete'], index: 2, range: [0, 1, 0], keynum: [0, 1, 1] }],
  args: [
    { name: 'timeout', type: 'double' },
    { name: 'numkeys', type: 'integer' },
    { name: 'key', type: 'key', keySpec: 0, multiple: true },
    {
      name: 'where',
      type: 'oneof',
      args: [
        { name: 'min', type: 'pure-token', token: 'MIN' },
        { name: 'max', type: 'pure-token', token: 'MAX' },
      ],
    },
    { name: 'count', type: 'integer', token: 'COUNT', optional: true },
  ],
  docs: {
    complexity:
      'O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.',
  },
  touchesOwnKeys: true,
  run(ctx) {
    return blockingZmpop(ctx);
  },
};

// ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]
import { NIL_ARRAY } from '../resp';
import type { Command } from './types';
import { parseZmpop, zpopFirstNonEmpty } from './util/zmpop';

/**
 * ZMPOP: pop up to COUNT members from the first non-empty sorted set of the keys; replies
 * [key, [[member, score], ...]] (nil array when all are empty), propagated as `ZPOPMIN|ZPOPMAX key n`.
 */
export const zmpopCommand: Command = {
  name: 'zmpop',
  arity: -4,
  flags: ['write'],
  versions: ['7.0'],
  acl: ['sortedset'],
  keySpecs: [{ flags: ['RW', 'access', 'delete'], index: 1, range: [0, 1, 0], keynum: [0, 1, 1] }],
  args: [
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
    const a = parseZmpop(ctx, 1);
    if ('t' in a) return a;
    return zpopFirstNonEmpty(ctx, a) ?? NIL_ARRAY;
  },
};

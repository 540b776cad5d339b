// SORT_RO key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]] [ASC|DESC] [ALPHA]
import type { Command } from './types';
import { sortGeneric } from './util/sort';

/** SORT_RO: SORT without STORE, for read-only replicas (sortGeneric). */
export const sortRoCommand: Command = {
  name: 'sort_ro',
  arity: -2,
  flags: ['readonly'],
  versions: ['7.0'],
  acl: ['set', 'sortedset', 'list', 'dangerous'],
  keySpecs: [
    { flags: ['RO', 'access'], index: 1, range: [0, 1, 0] },
    {
      notes:
        "For the optional BY/GET keyword. It is marked 'unknown' because the key names derive from the content of the key we sort",
      flags: ['RO', 'access'],
      index: 0,
      unknown: true,
      range: [0, 0, 0],
    },
  ],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'pattern', type: 'pattern', keySpec: 1, token: 'BY', optional: true },
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
    { name: 'pattern', type: 'pattern', keySpec: 1, token: 'GET', optional: true, multiple: true, multipleToken: true },
    {
      name: 'order',
      type: 'oneof',
      optional: true,
      args: [
        { name: 'asc', type: 'pure-token', token: 'ASC' },
        { name: 'desc', type: 'pure-token', token: 'DESC' },
      ],
    },
    { name: 'sorting', type: 'pure-token', token: 'ALPHA', optional: true },
  ],
  docs: {
    complexity:
      'O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).',
  },
  // sortROGetKeys: only the sorted key.
  getKeys: () => [{ pos: 1, flags: ['RO', 'access'] }],
  run(ctx) {
    return sortGeneric(ctx, true);
  },
};

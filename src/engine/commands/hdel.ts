// HDEL key field [field ...]
import type { RHash } from '../keyspace';
import type { Command } from './types';
import { type Removal, removeElements } from './util/remove';
import { isHash } from './util/types';

const fields: Removal<RHash> = { is: isHash, remove: (o, f) => o.map.delete(f), size: (o) => o.map.size };

/** HDEL: remove fields, replying how many existed; the key goes with its last field. */
export const hdelCommand: Command = {
  name: 'hdel',
  arity: -3,
  flags: ['write', 'fast'],
  acl: ['hash'],
  keySpecs: [{ flags: ['RW', 'delete'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'field', type: 'string', multiple: true },
  ],
  docs: {
    complexity: 'O(N) where N is the number of fields to be removed.',
    history: [['2.4.0', 'Accepts multiple `field` arguments.']],
  },
  run: (ctx) => removeElements(ctx, fields),
};

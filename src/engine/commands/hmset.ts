// HMSET key field value [field value ...]
import type { Command } from './types';
import { hsetGeneric } from './util/hash';

/** HMSET (deprecated HSET): set fields, replying OK. */
export const hmsetCommand: Command = {
  name: 'hmset',
  arity: -4,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['hash'],
  keySpecs: [{ flags: ['RW', 'update'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    {
      name: 'field_value',
      type: 'block',
      multiple: true,
      args: [
        { name: 'field', type: 'string' },
        { name: 'value', type: 'string' },
      ],
    },
  ],
  docs: {
    complexity: 'O(N) where N is the number of fields being set.',
    docFlags: ['deprecated'],
    deprecatedSince: '4.0.0',
    replacedBy: '`HSET` with multiple field-value pairs',
  },
  run(ctx) {
    return hsetGeneric(ctx, 'hmset');
  },
};

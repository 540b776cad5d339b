// HSET key field value [field value ...]
import type { Command } from './types';
import { hsetGeneric } from './util/hash';

/** HSET: set fields, replying how many were new. */
export const hsetCommand: Command = {
  name: 'hset',
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
    complexity:
      'O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is called with multiple field/value pairs.',
    history: [['4.0.0', 'Accepts multiple `field` and `value` arguments.']],
  },
  run(ctx) {
    return hsetGeneric(ctx, 'hset');
  },
};

// BITFIELD key [GET encoding offset|[OVERFLOW WRAP|SAT|FAIL] SET encoding offset value|INCRBY encoding offset increment [GET encoding offset|[OVERFLOW WRAP|SAT|FAIL] SET encoding offset value|INCRBY encoding offset increment ...]]
import type { Command } from './types';
import { eqi } from './util/args';
import { bitfieldGeneric } from './util/bits';

/** BITFIELD: read and write integers of any width at any bit offset of a string (bitfieldGeneric). */
export const bitfieldCommand: Command = {
  name: 'bitfield',
  arity: -2,
  flags: ['write', 'denyoom'],
  acl: ['bitmap'],
  keySpecs: [
    {
      notes: 'This command allows both access and modification of the key',
      flags: ['RW', 'access', 'update', 'variable_flags'],
      index: 1,
      range: [0, 1, 0],
    },
  ],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    {
      name: 'operation',
      type: 'oneof',
      optional: true,
      multiple: true,
      args: [
        {
          name: 'encoding_offset',
          type: 'block',
          token: 'GET',
          args: [
            { name: 'encoding', type: 'string' },
            { name: 'offset', type: 'integer' },
          ],
        },
        {
          name: 'write',
          type: 'block',
          args: [
            {
              name: 'wrap_sat_fail',
              type: 'oneof',
              token: 'OVERFLOW',
              optional: true,
              args: [
                { name: 'wrap', type: 'pure-token', token: 'WRAP' },
                { name: 'sat', type: 'pure-token', token: 'SAT' },
                { name: 'fail', type: 'pure-token', token: 'FAIL' },
              ],
            },
            {
              name: 'write_operation',
              type: 'oneof',
              args: [
                {
                  name: 'encoding_offset_value',
                  type: 'block',
                  token: 'SET',
                  args: [
                    { name: 'encoding', type: 'string' },
                    { name: 'offset', type: 'integer' },
                    { name: 'value', type: 'integer' },
                  ],
                },
                {
                  name: 'encoding_offset_increment',
                  type: 'block',
                  token: 'INCRBY',
                  args: [
                    { name: 'encoding', type: 'string' },
                    { name: 'offset', type: 'integer' },
                    { name: 'increment', type: 'integer' },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
  ],
  docs: { complexity: 'O(1) for each subcommand specified' },
  // bitfieldGetKeys: with GET and OVERFLOW only, the key is only read.
  getKeys: (argv) => [{ pos: 1, flags: bitfieldOnlyGets(argv) ? ['RO', 'access'] : ['RW', 'access', 'update'] }],
  run(ctx) {
    return bitfieldGeneric(ctx, false);
  },
};

/** bitfieldGetKeys's scan: GET and OVERFLOW only (a syntax error counts as a write). */
function bitfieldOnlyGets(argv: readonly string[]): boolean {
  for (let i = 2; i < argv.length; i++) {
    const rem = argv.length - i - 1;
    if (eqi(argv[i], 'get') && rem >= 2) i += 2;
    else if (eqi(argv[i], 'overflow') && rem >= 1) i += 1;
    else return false;
  }
  return true;
}

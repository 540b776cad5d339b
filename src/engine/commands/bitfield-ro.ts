// BITFIELD_RO key [GET encoding offset [GET encoding offset ...]]
import type { Command } from './types';
import { bitfieldGeneric } from './util/bits';

/** BITFIELD_RO: BITFIELD with GET operations only, for read-only replicas (bitfieldGeneric). */
export const bitfieldRoCommand: Command = {
  name: 'bitfield_ro',
  arity: -2,
  flags: ['readonly', 'fast'],
  versions: ['7.0'],
  acl: ['bitmap'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    {
      name: 'encoding_offset',
      type: 'block',
      token: 'GET',
      optional: true,
      multiple: true,
      multipleToken: true,
      args: [
        { name: 'encoding', type: 'string' },
        { name: 'offset', type: 'integer' },
      ],
    },
  ],
  docs: { complexity: 'O(1) for each subcommand specified' },
  run(ctx) {
    return bitfieldGeneric(ctx, true);
  },
};

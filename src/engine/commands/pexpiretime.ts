// PEXPIRETIME key
import type { Command } from './types';
import { expiretimeGeneric } from './util/expire';

/** PEXPIRETIME: the unix time in milliseconds the key expires at; -1 without a TTL, -2 when missing. */
export const pexpiretimeCommand: Command = {
  name: 'pexpiretime',
  arity: 2,
  flags: ['readonly', 'fast'],
  versions: ['7.0'],
  acl: ['keyspace'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [{ name: 'key', type: 'key', keySpec: 0 }],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    return expiretimeGeneric(ctx, true);
  },
};

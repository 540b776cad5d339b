// EXPIRETIME key
import type { Command } from './types';
import { expiretimeGeneric } from './util/expire';

/** EXPIRETIME: the unix time in seconds the key expires at; -1 without a TTL, -2 when missing. */
export const expiretimeCommand: Command = {
  name: 'expiretime',
  arity: 2,
  flags: ['readonly', 'fast'],
  versions: ['7.0'],
  acl: ['keyspace'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [{ name: 'key', type: 'key', keySpec: 0 }],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    return expiretimeGeneric(ctx, false);
  },
};

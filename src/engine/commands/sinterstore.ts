// SINTERSTORE destination key [key ...]
import type { Command } from './types';
import { sinterGeneric } from './util/setops';

/** SINTERSTORE: SINTER stored at the destination; replies its size (sinterGeneric). */
export const sinterstoreCommand: Command = {
  name: 'sinterstore',
  arity: -3,
  flags: ['write', 'denyoom'],
  acl: ['set'],
  keySpecs: [
    { flags: ['RW', 'update'], index: 1, range: [0, 1, 0] },
    { flags: ['RO', 'access'], index: 2, range: [-1, 1, 0] },
  ],
  args: [
    { name: 'destination', type: 'key', keySpec: 0 },
    { name: 'key', type: 'key', keySpec: 1, multiple: true },
  ],
  docs: { complexity: 'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.' },
  touchesOwnKeys: true,
  run(ctx) {
    return sinterGeneric(ctx, ctx.argv.slice(2), ctx.argv[1], null);
  },
};

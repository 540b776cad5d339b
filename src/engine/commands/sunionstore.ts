// SUNIONSTORE destination key [key ...]
import type { Command } from './types';
import { sunionDiffGeneric } from './util/setops';

/** SUNIONSTORE: SUNION stored at the destination; replies its size (sunionDiffGeneric). */
export const sunionstoreCommand: Command = {
  name: 'sunionstore',
  arity: -3,
  flags: ['write', 'denyoom'],
  acl: ['set'],
  keySpecs: [
    { flags: ['OW', 'update'], index: 1, range: [0, 1, 0] },
    { flags: ['RO', 'access'], index: 2, range: [-1, 1, 0] },
  ],
  args: [
    { name: 'destination', type: 'key', keySpec: 0 },
    { name: 'key', type: 'key', keySpec: 1, multiple: true },
  ],
  docs: { complexity: 'O(N) where N is the total number of elements in all given sets.' },
  touchesOwnKeys: true,
  run(ctx) {
    return sunionDiffGeneric(ctx, ctx.argv.slice(2), ctx.argv[1], 'union');
  },
};

// SDIFF key [key ...]
import type { Command } from './types';
import { sunionDiffGeneric } from './util/setops';

/** SDIFF: the members of the first set that no other set has (sunionDiffGeneric). */
export const sdiffCommand: Command = {
  name: 'sdiff',
  arity: -2,
  flags: ['readonly'],
  flags40: ['readonly', 'sort-for-script'],
  acl: ['set'],
  tips: ['nondeterministic_output_order'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [-1, 1, 0] }],
  args: [{ name: 'key', type: 'key', keySpec: 0, multiple: true }],
  docs: { complexity: 'O(N) where N is the total number of elements in all given sets.' },
  run(ctx) {
    return sunionDiffGeneric(ctx, ctx.argv.slice(1), null, 'diff');
  },
};

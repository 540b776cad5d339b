// SUNION key [key ...]
import type { Command } from './types';
import { sunionDiffGeneric } from './util/setops';

/** SUNION: the members of any of the sets (sunionDiffGeneric). */
export const sunionCommand: Command = {
  name: 'sunion',
  arity: -2,
  flags: ['readonly'],
  flags40: ['readonly', 'sort-for-script'],
  acl: ['set'],
  tips: ['nondeterministic_output_order'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [-1, 1, 0] }],
  args: [{ name: 'key', type: 'key', keySpec: 0, multiple: true }],
  docs: { complexity: 'O(N) where N is the total number of elements in all given sets.' },
  run(ctx) {
    return sunionDiffGeneric(ctx, ctx.argv.slice(1), null, 'union');
  },
};

// SINTER key [key ...]
import type { Command } from './types';
import { sinterGeneric } from './util/setops';

/** SINTER: the members every set has (sinterGeneric). */
export const sinterCommand: Command = {
  name: 'sinter',
  arity: -2,
  flags: ['readonly'],
  flags40: ['readonly', 'sort-for-script'],
  acl: ['set'],
  tips: ['nondeterministic_output_order'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [-1, 1, 0] }],
  args: [{ name: 'key', type: 'key', keySpec: 0, multiple: true }],
  docs: { complexity: 'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.' },
  run(ctx) {
    return sinterGeneric(ctx, ctx.argv.slice(1), null, null);
  },
};

// UNLINK key [key ...]
import type { Command } from './types';
import { delGeneric } from './util/del';

/** UNLINK: DEL with the memory reclaimed in the background, which is invisible here. */
export const unlinkCommand: Command = {
  name: 'unlink',
  arity: -2,
  flags: ['write', 'fast'],
  acl: ['keyspace'],
  keySpecs: [{ flags: ['RM', 'delete'], index: 1, range: [-1, 1, 0] }],
  tips: ['request_policy:multi_shard', 'response_policy:agg_sum'],
  args: [{ name: 'key', type: 'key', keySpec: 0, multiple: true }],
  docs: {
    complexity:
      'O(1) for each key removed regardless of its size. Then the command does O(N) work in a different thread in order to reclaim memory, where N is the number of allocations the deleted objects where composed of.',
  },
  run: delGeneric,
};

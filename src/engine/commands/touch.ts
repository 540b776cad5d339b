// TOUCH key [key ...]
import { int } from '../resp';
import type { Command } from './types';

/** TOUCH: how many of the keys exist, updating their access time (a read lookup each). */
export const touchCommand: Command = {
  name: 'touch',
  arity: -2,
  flags: ['readonly', 'fast'],
  keys40: [1, 1, 1],
  acl: ['keyspace'],
  tips: ['request_policy:multi_shard', 'response_policy:agg_sum'],
  keySpecs: [{ flags: ['RO'], index: 1, range: [-1, 1, 0] }],
  args: [{ name: 'key', type: 'key', keySpec: 0, multiple: true }],
  docs: { complexity: 'O(N) where N is the number of keys that will be touched.' },
  run(ctx) {
    let n = 0;
    for (let j = 1; j < ctx.argv.length; j++) if (ctx.lookupRead(ctx.argv[j]) !== undefined) n++;
    return int(n);
  },
};

// EXISTS key [key ...]
import { int } from '../resp';
import type { Command } from './types';

/** EXISTS: how many of the arguments exist; a key named twice counts twice. */
export const existsCommand: Command = {
  name: 'exists',
  arity: -2,
  flags: ['readonly', 'fast'],
  acl: ['keyspace'],
  keySpecs: [{ flags: ['RO'], index: 1, range: [-1, 1, 0] }],
  tips: ['request_policy:multi_shard', 'response_policy:agg_sum'],
  args: [{ name: 'key', type: 'key', keySpec: 0, multiple: true }],
  docs: {
    complexity: 'O(N) where N is the number of keys to check.',
    history: [['3.0.3', 'Accepts multiple `key` arguments.']],
  },
  run(ctx) {
    let n = 0;
    for (let j = 1; j < ctx.argv.length; j++) if (ctx.lookupRead(ctx.argv[j]) !== undefined) n++;
    return int(n);
  },
};

// MGET key [key ...]
import { array, bulk, NIL } from '../resp';
import type { Command } from './types';

/** MGET: each key's string value; missing keys and non-strings read as nil. */
export const mgetCommand: Command = {
  name: 'mget',
  arity: -2,
  flags: ['readonly', 'fast'],
  acl: ['string'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [-1, 1, 0] }],
  tips: ['request_policy:multi_shard'],
  args: [{ name: 'key', type: 'key', keySpec: 0, multiple: true }],
  docs: { complexity: 'O(N) where N is the number of keys to retrieve.' },
  run(ctx) {
    const out = [];
    for (let j = 1; j < ctx.argv.length; j++) {
      const o = ctx.lookupRead(ctx.argv[j]);
      out.push(typeof o === 'string' ? bulk(o) : NIL);
    }
    return array(out);
  },
};

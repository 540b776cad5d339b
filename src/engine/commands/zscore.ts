// ZSCORE key member
import { ERR, NIL } from '../resp';
import type { Command } from './types';
import { isZSet } from './util/types';
import { scoreReply } from './util/zset';

/** ZSCORE: the member's score as "%.17g" text, nil when the key or member is missing. */
export const zscoreCommand: Command = {
  name: 'zscore',
  arity: 3,
  flags: ['readonly', 'fast'],
  acl: ['sortedset'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'member', type: 'string' },
  ],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const o = ctx.lookupRead(ctx.argv[1]);
    if (o === undefined) return NIL;
    if (!isZSet(o)) return ERR.wrongType;
    const s = o.dict.get(ctx.argv[2]);
    return s === undefined ? NIL : scoreReply(s);
  },
};

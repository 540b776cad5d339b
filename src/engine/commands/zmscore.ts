// ZMSCORE key member [member ...]
import { array, ERR, NIL, type Reply } from '../resp';
import type { Command } from './types';
import { isZSet } from './util/types';
import { scoreReply } from './util/zset';

/**
 * ZMSCORE: the score of each named member, nil for a missing one (all nil when the key is missing).
 */
export const zmscoreCommand: Command = {
  name: 'zmscore',
  arity: -3,
  flags: ['readonly', 'fast'],
  acl: ['sortedset'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'member', type: 'string', multiple: true },
  ],
  docs: { complexity: 'O(N) where N is the number of members being requested.' },
  versions: ['7.0'],
  run(ctx) {
    const o = ctx.lookupRead(ctx.argv[1]);
    if (o !== undefined && !isZSet(o)) return ERR.wrongType;
    const out: Reply[] = [];
    for (let j = 2; j < ctx.argv.length; j++) {
      const s = o?.dict.get(ctx.argv[j]);
      out.push(s === undefined ? NIL : scoreReply(s));
    }
    return array(out);
  },
};

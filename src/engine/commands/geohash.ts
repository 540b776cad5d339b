// GEOHASH key member [member ...]
import { array, bulk, ERR, NIL, type Reply } from '../resp';
import type { Command } from './types';
import { standardGeohash } from './util/geo';
import { isZSet } from './util/types';

/**
 * GEOHASH: each member's standard 11-character geohash (its cell centre re-encoded over latitude
 * [-90, 90]), nil for a missing member.
 */
export const geohashCommand: Command = {
  name: 'geohash',
  arity: -2,
  flags: ['readonly'],
  acl: ['geo'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'member', type: 'string', multiple: true },
  ],
  docs: { complexity: 'O(log(N)) for each member requested, where N is the number of elements in the sorted set.' },
  run(ctx) {
    const o = ctx.lookupRead(ctx.argv[1]);
    if (o !== undefined && !isZSet(o)) return ERR.wrongType;
    const out: Reply[] = [];
    for (let j = 2; j < ctx.argv.length; j++) {
      const score = o?.dict.get(ctx.argv[j]);
      out.push(score === undefined ? NIL : bulk(standardGeohash(score, ctx.version)));
    }
    return array(out);
  },
};

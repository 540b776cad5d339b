// GEOPOS key member [member ...]
import { array, double, ERR, NIL_ARRAY, type Reply } from '../resp';
import type { Command } from './types';
import { formatDoubleHuman } from './util/float';
import { decodeScore } from './util/geo';
import { isZSet } from './util/types';

/**
 * GEOPOS: each member's position as [longitude, latitude] — the centre of its geohash cell,
 * printed as "%.17Lf" with trailing zeros trimmed (RESP3: as doubles) — or a nil array for a
 * missing member.
 */
export const geoposCommand: Command = {
  name: 'geopos',
  arity: -2,
  flags: ['readonly'],
  acl: ['geo'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'member', type: 'string', multiple: true },
  ],
  docs: { complexity: 'O(N) where N is the number of members requested.' },
  run(ctx) {
    const o = ctx.lookupRead(ctx.argv[1]);
    if (o !== undefined && !isZSet(o)) return ERR.wrongType;
    const out: Reply[] = [];
    for (let j = 2; j < ctx.argv.length; j++) {
      const score = o?.dict.get(ctx.argv[j]);
      if (score === undefined) {
        out.push(NIL_ARRAY);
        continue;
      }
      const ll = decodeScore(score, ctx.version);
      out.push(array(ll.map((c) => double(formatDoubleHuman(c, ctx.version)))));
    }
    return array(out);
  },
};

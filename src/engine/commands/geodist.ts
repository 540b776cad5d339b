// GEODIST key member1 member2 [M | KM | FT | MI]
import { bulk, ERR, NIL } from '../resp';
import type { Command } from './types';
import { decodeScore, distance, distanceText, unitToMeters } from './util/geo';
import { UNIT_ARG } from './util/georadius';
import { isZSet } from './util/types';

/**
 * GEODIST: the distance between two members' cell centres in metres (or the unit asked for),
 * with four decimals; nil when the key or either member is missing. The unit is checked first
 * (4.0: lowercase names only).
 */
export const geodistCommand: Command = {
  name: 'geodist',
  arity: -4,
  flags: ['readonly'],
  acl: ['geo'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'member1', type: 'string' },
    { name: 'member2', type: 'string' },
    { ...UNIT_ARG, optional: true },
  ],
  docs: { complexity: 'O(log(N))' },
  run(ctx) {
    const argv = ctx.argv;
    let toMeters = 1;
    if (argv.length === 5) {
      const u = unitToMeters(argv[4], ctx.version);
      if (typeof u !== 'number') return u;
      toMeters = u;
    } else if (argv.length > 5) {
      return ERR.syntax;
    }
    const o = ctx.lookupRead(argv[1]);
    if (o === undefined) return NIL;
    if (!isZSet(o)) return ERR.wrongType;
    const s1 = o.dict.get(argv[2]);
    const s2 = o.dict.get(argv[3]);
    if (s1 === undefined || s2 === undefined) return NIL;
    const [lon1, lat1] = decodeScore(s1, ctx.version);
    const [lon2, lat2] = decodeScore(s2, ctx.version);
    return bulk(distanceText(distance(lon1, lat1, lon2, lat2, ctx.version) / toMeters, ctx.version));
  },
};

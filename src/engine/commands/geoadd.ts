// GEOADD key [NX | XX] [CH] longitude latitude member [longitude latitude member ...]
import { ERR, error } from '../resp';
import type { Command } from './types';
import { eqi } from './util/args';
import { geoScore, parseLonLat } from './util/geo';
import { zaddGeneric } from './util/zset';

/**
 * GEOADD: each point becomes a sorted-set member scored by its 52-bit geohash. Redis turns the
 * command into the ZADD it amounts to (options kept, each point's score as an integer) and runs
 * that, so ZADD is what replicas receive. 4.0 had no NX, XX or CH.
 */
export const geoaddCommand: Command = {
  name: 'geoadd',
  arity: -5,
  flags: ['write', 'denyoom'],
  acl: ['geo'],
  keySpecs: [{ flags: ['RW', 'update'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    {
      name: 'condition',
      type: 'oneof',
      since: '6.2.0',
      optional: true,
      args: [
        { name: 'nx', type: 'pure-token', token: 'NX' },
        { name: 'xx', type: 'pure-token', token: 'XX' },
      ],
    },
    { name: 'change', type: 'pure-token', token: 'CH', since: '6.2.0', optional: true },
    {
      name: 'longitude_latitude_member',
      type: 'block',
      multiple: true,
      args: [
        { name: 'longitude', type: 'double' },
        { name: 'latitude', type: 'double' },
        { name: 'member', type: 'string' },
      ],
    },
  ],
  docs: {
    complexity: 'O(log(N)) for each item added, where N is the number of elements in the sorted set.',
    history: [['6.2.0', 'Added the `CH`, `NX` and `XX` options.']],
  },
  run(ctx) {
    const argv = ctx.argv;
    let nx = false;
    let xx = false;
    let at = 2;
    if (ctx.version === '7.0') {
      for (; at < argv.length; at++) {
        if (eqi(argv[at], 'nx')) nx = true;
        else if (eqi(argv[at], 'xx')) xx = true;
        else if (!eqi(argv[at], 'ch')) break;
      }
      if ((argv.length - at) % 3 !== 0 || (nx && xx)) return ERR.syntax;
    } else if ((argv.length - at) % 3 !== 0) {
      return error('ERR syntax error. Try GEOADD key [x1] [y1] [name1] [x2] [y2] [name2] ... ');
    }
    const zadd = ['zadd', ...argv.slice(1, at)];
    for (let j = at; j < argv.length; j += 3) {
      const p = parseLonLat(argv[j], argv[j + 1]);
      if (!Array.isArray(p)) return p;
      zadd.push(String(geoScore(p[0], p[1])), argv[j + 2]);
    }
    ctx.rewrite(zadd);
    return zaddGeneric(ctx, false, zadd);
  },
};

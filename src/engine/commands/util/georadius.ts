/**
 * The one body behind GEORADIUS, GEORADIUSBYMEMBER, their _RO variants, GEOSEARCH and
 * GEOSEARCHSTORE (georadiusGeneric): the arguments in Redis's order with its errors, the search
 * (util/geo.ts), the sort by distance, and either the reply (members, with WITHDIST / WITHHASH /
 * WITHCOORD each as its own nested item) or the sorted set written with STORE / STOREDIST /
 * GEOSEARCHSTORE (geohash scores, or distances in the unit asked for). A store is propagated as
 * typed when it changed something; a search that finds nothing deletes the destination.
 * Also the argument descriptions the six commands share (COMMAND DOCS).
 */
import { cmpBin, newZSet } from '../../keyspace';
import { array, bulk, double, EMPTY_ARRAY, ERR, error, int, type Reply } from '../../resp';
import type { Arg, Ctx } from '../types';
import { eqi } from './args';
import { formatDoubleHuman, parseDouble } from './float';
import { decodeScore, distanceText, type GeoPoint, geoSearch, parseLonLat, type Shape, unitToMeters } from './geo';
import { intValue, parseLL } from './int';
import { partialSort } from './pqsort';
import { isZSet } from './types';

/** Which command: where the centre comes from and what may be stored. */
export type GeoKind = 'radius' | 'radius_ro' | 'member' | 'member_ro' | 'search' | 'searchstore';

const tok = (name: string, token = name.toUpperCase()): Arg => ({ name, type: 'pure-token', token });
const oneof = (name: string, args: Arg[], optional = false): Arg => ({ name, type: 'oneof', optional, args });

/** `m | km | ft | mi` (COMMAND DOCS prints the tokens in capitals). */
export const UNIT_ARG: Arg = oneof(
  'unit',
  ['m', 'km', 'ft', 'mi'].map((u) => tok(u)),
);
const ORDER: Arg = oneof('order', [tok('asc'), tok('desc')], true);
const COUNT = (anySince?: string): Arg => ({
  name: 'count',
  type: 'block',
  optional: true,
  args: [
    { name: 'count', type: 'integer', token: 'COUNT' },
    { name: 'any', type: 'pure-token', token: 'ANY', optional: true, ...(anySince ? { since: anySince } : {}) },
  ],
});
const WITH: Arg[] = ['withcoord', 'withdist', 'withhash'].map((n) => ({ ...tok(n), optional: true }));

/** GEORADIUS*'s arguments after the key: centre, radius, unit, options; STORE / STOREDIST unless _RO. */
export function radiusArgs(byMember: boolean, store: boolean, anySince?: string): Arg[] {
  const centre: Arg[] = byMember
    ? [{ name: 'member', type: 'string' }]
    : [
        { name: 'longitude', type: 'double' },
        { name: 'latitude', type: 'double' },
      ];
  const stores: Arg[] = store
    ? [
        { name: 'key', type: 'key', token: 'STORE', keySpec: 1, optional: true },
        { name: 'key', type: 'key', token: 'STOREDIST', keySpec: 2, optional: true },
      ]
    : [];
  return [
    { name: 'key', type: 'key', keySpec: 0 },
    ...centre,
    { name: 'radius', type: 'double' },
    UNIT_ARG,
    ...WITH,
    COUNT(anySince),
    ORDER,
    ...stores,
  ];
}

/** GEOSEARCH / GEOSEARCHSTORE's FROM… BY… [ASC|DESC] [COUNT n [ANY]] and what follows. */
export function searchArgs(store: boolean): Arg[] {
  return [
    oneof('from', [
      { name: 'member', type: 'string', token: 'FROMMEMBER' },
      {
        name: 'longitude_latitude',
        type: 'block',
        token: 'FROMLONLAT',
        args: [
          { name: 'longitude', type: 'double' },
          { name: 'latitude', type: 'double' },
        ],
      },
    ]),
    oneof('by', [
      { name: 'circle', type: 'block', args: [{ name: 'radius', type: 'double', token: 'BYRADIUS' }, UNIT_ARG] },
      {
        name: 'box',
        type: 'block',
        args: [{ name: 'width', type: 'double', token: 'BYBOX' }, { name: 'height', type: 'double' }, UNIT_ARG],
      },
    ]),
    ORDER,
    COUNT(),
    ...(store ? [{ ...tok('storedist'), optional: true }] : WITH),
  ];
}

/** The history line of the commands that took uppercase units in 7.0. */
export const UPPERCASE_UNITS: readonly [string, string] = ['7.0.0', 'Added support for uppercase unit names.'];

/** getDoubleFromObjectOrReply with Redis's own message ("need numeric radius"). */
function numeric(arg: string, what: string): number | Reply {
  const v = parseDouble(arg);
  if (v === null) return error(`ERR need numeric ${what}`);
  return v;
}

/** extractDistanceOrReply: radius and unit into the shape, or the error. */
function radiusInto(s: Shape, r: string, unit: string, version: '4.0' | '7.0'): Reply | null {
  const v = numeric(r, 'radius');
  if (typeof v !== 'number') return v;
  if (v < 0) return error('ERR radius cannot be negative');
  const u = unitToMeters(unit, version);
  if (typeof u !== 'number') return u;
  s.radius = v;
  s.conversion = u;
  s.width = undefined;
  return null;
}

const isReply = (x: unknown): x is Reply => typeof x === 'object' && x !== null && 't' in x;

/**
 * georadiusGeneric: the source key first (WRONGTYPE), the fixed centre and radius of the GEORADIUS
 * forms, then the options left to right, each checked as it comes, then the combinations.
 */
export function georadiusGeneric(ctx: Ctx, kind: GeoKind): Reply {
  const argv = ctx.argv;
  const v7 = ctx.version === '7.0';
  const search = kind === 'search' || kind === 'searchstore';
  const byMember = kind === 'member' || kind === 'member_ro';
  const srcIdx = kind === 'searchstore' ? 2 : 1;
  const zobj = ctx.lookupRead(argv[srcIdx]);
  // 4.0 answered a missing key at once, before reading any argument (STORE included).
  if (zobj === undefined && !v7) return EMPTY_ARRAY;
  if (zobj !== undefined && !isZSet(zobj)) return ERR.wrongType;
  const shape: Shape = { lon: 0, lat: 0, conversion: 1 };
  const base = kind === 'searchstore' ? 3 : search ? 2 : byMember ? 5 : 6;
  if (!search) {
    if (byMember) {
      if (zobj !== undefined) {
        const score = zobj.dict.get(argv[2]);
        if (score === undefined) return error('ERR could not decode requested zset member');
        [shape.lon, shape.lat] = decodeScore(score, ctx.version);
      }
    } else {
      const p = parseLonLat(argv[2], argv[3]);
      if (isReply(p)) return p;
      [shape.lon, shape.lat] = p;
    }
    // 7.0 skips the radius of a member search on a missing key (the reply is empty anyway).
    if (zobj !== undefined || !byMember) {
      const e = radiusInto(shape, argv[base - 2], argv[base - 1], ctx.version);
      if (e) return e;
    }
  }
  let withDist = false;
  let withHash = false;
  let withCoord = false;
  let any = false;
  let sort: 'none' | 'asc' | 'desc' = 'none';
  let count = 0;
  let storeKey: string | null = kind === 'searchstore' ? argv[1] : null;
  let storeDist = false;
  let fromMember = false;
  let fromLoc = false;
  let byRadius = false;
  let byBox = false;
  const canStore = kind === 'radius' || kind === 'member';
  for (let i = base; i < argv.length; i++) {
    const a = argv[i];
    const left = argv.length - i - 1;
    if (eqi(a, 'withdist')) withDist = true;
    else if (eqi(a, 'withhash')) withHash = true;
    else if (eqi(a, 'withcoord')) withCoord = true;
    else if (v7 && eqi(a, 'any')) any = true;
    else if (eqi(a, 'asc')) sort = 'asc';
    else if (eqi(a, 'desc')) sort = 'desc';
    else if (eqi(a, 'count') && left >= 1) {
      const n = parseLL(argv[++i]);
      if (n === null) return ERR.notInteger;
      if (n <= 0n) return error('ERR COUNT must be > 0');
      count = n > 2n ** 53n ? 2 ** 53 : Number(n);
    } else if ((eqi(a, 'store') || eqi(a, 'storedist')) && left >= 1 && canStore) {
      storeKey = argv[++i];
      storeDist = eqi(a, 'storedist');
    } else if (kind === 'searchstore' && eqi(a, 'storedist')) storeDist = true;
    else if (search && eqi(a, 'frommember') && left >= 1 && !fromLoc) {
      const m = argv[++i];
      fromMember = true;
      if (zobj === undefined) continue;
      const score = zobj.dict.get(m);
      if (score === undefined) return error('ERR could not decode requested zset member');
      [shape.lon, shape.lat] = decodeScore(score, ctx.version);
    } else if (search && eqi(a, 'fromlonlat') && left >= 2 && !fromMember) {
      const p = parseLonLat(argv[i + 1], argv[i + 2]);
      if (isReply(p)) return p;
      [shape.lon, shape.lat] = p;
      fromLoc = true;
      i += 2;
    } else if (search && eqi(a, 'byradius') && left >= 2 && !byBox) {
      const e = radiusInto(shape, argv[i + 1], argv[i + 2], ctx.version);
      if (e) return e;
      byRadius = true;
      i += 2;
    } else if (search && eqi(a, 'bybox') && left >= 3 && !byRadius) {
      const w = numeric(argv[i + 1], 'width');
      if (isReply(w)) return w;
      const h = numeric(argv[i + 2], 'height');
      if (isReply(h)) return h;
      if (h < 0 || w < 0) return error('ERR height or width cannot be negative');
      const u = unitToMeters(argv[i + 3], ctx.version);
      if (isReply(u)) return u;
      Object.assign(shape, { width: w, height: h, conversion: u, radius: undefined });
      byBox = true;
      i += 3;
    } else return ERR.syntax;
  }
  if (storeKey !== null && (withDist || withHash || withCoord)) {
    if (!v7) {
      return error('ERR STORE option in GEORADIUS is not compatible with WITHDIST, WITHHASH and WITHCOORDS options');
    }
    const who = kind === 'searchstore' ? 'GEOSEARCHSTORE' : 'STORE option in GEORADIUS';
    return error(`ERR ${who} is not compatible with WITHDIST, WITHHASH and WITHCOORD options`);
  }
  if (search && !(fromMember || fromLoc)) {
    return error(`ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for ${argv[0]}`);
  }
  if (search && !(byRadius || byBox)) {
    return error(`ERR exactly one of BYRADIUS and BYBOX can be specified for ${argv[0]}`);
  }
  if (any && !count) return error('ERR the ANY argument requires COUNT argument');
  if (zobj === undefined) {
    if (storeKey === null) return EMPTY_ARRAY;
    if (ctx.deleteKey(storeKey)) {
      ctx.touch(storeKey);
      ctx.dirty(1);
    }
    return int(0);
  }
  // COUNT returns the nearest ones, so it sorts (ANY takes whichever came first).
  if (count && sort === 'none' && !any) sort = 'asc';
  const found = geoSearch(zobj, shape, any ? count : 0, ctx.version);
  if (found.length === 0 && storeKey === null) return EMPTY_ARRAY;
  const n = count && count < found.length ? count : found.length;
  if (sort !== 'none') {
    const cmp = sort === 'asc' ? byDist : (x: GeoPoint, y: GeoPoint) => -byDist(x, y);
    // glibc's qsort is a stable merge sort (equal distances keep the order they were found in);
    // 7.0 sorts only the first COUNT with its partial quicksort, which leaves ties otherwise.
    if (n < found.length && v7) partialSort(found, cmp, 0, n - 1);
    else found.sort(cmp);
  }
  const picked = n < found.length ? found.slice(0, n) : found;
  for (const p of picked) p.dist /= shape.conversion;
  if (storeKey === null) return array(picked.map((p) => pointReply(ctx, p, withDist, withHash, withCoord)));
  return storeResult(ctx, storeKey, picked, storeDist);
}

/** Redis's comparator: by distance, equal ones compare equal. */
const byDist = (x: GeoPoint, y: GeoPoint) => (x.dist > y.dist ? 1 : x.dist === y.dist ? 0 : -1);

/** addReplyLongLong of a double score: truncated; out of range, x86's "integer indefinite". */
const longLong = (s: number): number | bigint =>
  Math.abs(s) < 2 ** 63 ? intValue(BigInt(Math.trunc(s))) : -(2n ** 63n);

/** One result: the bare member, or [member, distance?, hash?, [lon, lat]?]. */
function pointReply(ctx: Ctx, p: GeoPoint, withDist: boolean, withHash: boolean, withCoord: boolean): Reply {
  if (!withDist && !withHash && !withCoord) return bulk(p.member);
  const out: Reply[] = [bulk(p.member)];
  if (withDist) out.push(bulk(distanceText(p.dist, ctx.version)));
  if (withHash) out.push(int(longLong(p.score)));
  // addReplyHumanLongDouble: a bulk string in RESP2, a double in RESP3.
  if (withCoord) out.push(array([p.lon, p.lat].map((c) => double(formatDoubleHuman(c, ctx.version)))));
  return array(out);
}

/** STORE / STOREDIST / GEOSEARCHSTORE: the found points as a new sorted set, or the key deleted. */
function storeResult(ctx: Ctx, key: string, picked: readonly GeoPoint[], storeDist: boolean): Reply {
  if (picked.length === 0) {
    if (ctx.deleteKey(key)) {
      ctx.touch(key);
      ctx.dirty(1);
    }
    return int(0);
  }
  // Built in one go (a result can be large): a member found twice keeps its last score.
  const z = newZSet();
  for (const p of picked) z.dict.set(p.member, storeDist ? p.dist : p.score);
  for (const [member, score] of z.dict) z.sorted.push({ member, score });
  z.sorted.sort((a, b) => a.score - b.score || cmpBin(a.member, b.member));
  ctx.lookupWrite(key);
  ctx.setKey(key, z);
  ctx.touch(key);
  ctx.dirty(picked.length);
  return int(picked.length);
}

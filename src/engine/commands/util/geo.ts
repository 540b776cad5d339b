/**
 * Geo points as Redis keeps them (geohash.c, geohash_helper.c, geo.c), written from the published
 * geohash scheme: a point is a member of a sorted set whose score is a 52-bit interleaved geohash
 * (26 bits of latitude over [-85.05112878, 85.05112878] on the even bits, 26 of longitude over
 * [-180, 180] on the odd ones). Decoding gives the centre of the hash's cell; distances are
 * haversine on Redis's earth radius; GEOHASH re-encodes the decoded point on the standard
 * [-90, 90] latitude range as 11 base-32 characters.
 *
 * A search (GEORADIUS*, GEOSEARCH*) does what Redis does, so the same members come back in the
 * same order: it picks a geohash precision from the radius, takes the cell of the centre and its
 * eight neighbours (dropping those the bounding box does not reach), reads each cell's score range
 * off the sorted set in order and keeps the points inside the circle or box. 4.0 estimated the
 * area differently (a plain bounding box, neighbours checked by distance) and its distance had no
 * same-meridian shortcut; both are kept per dialect.
 */
import type { RZSet } from '../../keyspace';
import { error, type Reply } from '../../resp';
import { formatDoubleFixed, parseDouble } from './float';

export const LAT_MIN = -85.05112878;
export const LAT_MAX = 85.05112878;
export const LONG_MIN = -180;
export const LONG_MAX = 180;
const STEP = 26;
const EARTH_RADIUS_IN_METERS = 6372797.560856;
const MERCATOR_MAX = 20037726.37;
const D_R = Math.PI / 180.0;
const degRad = (a: number) => a * D_R;
const radDeg = (a: number) => a / D_R;

type Version = '4.0' | '7.0';

/** A geohash of `step` bits per coordinate; step 0 (and bits 0) is Redis's "zeroed" cell. */
interface Hash {
  bits: bigint;
  step: number;
}

/** The cell a hash covers. */
interface Area {
  latMin: number;
  latMax: number;
  lonMin: number;
  lonMax: number;
}

/** Spread the low 32 bits of `x` onto the even bits and of `y` onto the odd ones. */
function interleave(x: number, y: number): bigint {
  let out = 0n;
  for (let i = 31; i >= 0; i--) {
    out = (out << 2n) | (BigInt((y >>> i) & 1) << 1n) | BigInt((x >>> i) & 1);
  }
  return out;
}

/** The inverse: [even bits, odd bits]. */
function deinterleave(bits: bigint): [number, number] {
  let x = 0;
  let y = 0;
  for (let i = 31; i >= 0; i--) {
    x = x * 2 + Number((bits >> BigInt(2 * i)) & 1n);
    y = y * 2 + Number((bits >> BigInt(2 * i + 1)) & 1n);
  }
  return [x, y];
}

/** geohashEncode over the given latitude range; null outside the valid area. */
function encode(lon: number, lat: number, step: number, latMin = LAT_MIN, latMax = LAT_MAX): bigint | null {
  if (lon > LONG_MAX || lon < LONG_MIN || lat > LAT_MAX || lat < LAT_MIN) return null;
  if (lat < latMin || lat > latMax) return null;
  const latOffset = ((lat - latMin) / (latMax - latMin)) * 2 ** step;
  const longOffset = ((lon - LONG_MIN) / (LONG_MAX - LONG_MIN)) * 2 ** step;
  // The C conversion to uint32_t truncates.
  return interleave(Math.trunc(latOffset) >>> 0, Math.trunc(longOffset) >>> 0);
}

/** The 52-bit score GEOADD stores for a point. */
export function geoScore(lon: number, lat: number): bigint | null {
  return encode(lon, lat, STEP);
}

/** geohashDecode: the cell of a hash. */
function area(h: Hash): Area {
  const [ilat, ilon] = deinterleave(h.bits);
  const scale = 2 ** h.step;
  return {
    latMin: LAT_MIN + (ilat / scale) * (LAT_MAX - LAT_MIN),
    latMax: LAT_MIN + ((ilat + 1) / scale) * (LAT_MAX - LAT_MIN),
    lonMin: LONG_MIN + (ilon / scale) * (LONG_MAX - LONG_MIN),
    lonMax: LONG_MIN + ((ilon + 1) / scale) * (LONG_MAX - LONG_MIN),
  };
}

/**
 * A score as the uint64_t C gets from `(uint64_t)score` on x86-64: fractions truncated, a
 * negative wrapped, anything out of range (inf included) the "integer indefinite" value.
 */
function scoreBits(score: number): bigint {
  const TWO63 = 2 ** 63;
  const MASK = (1n << 64n) - 1n;
  if (Number.isNaN(score)) return 1n << 63n;
  if (score < TWO63) {
    if (score < -TWO63) return 1n << 63n;
    return BigInt(Math.trunc(score)) & MASK;
  }
  const hi = score - TWO63;
  return hi < TWO63 ? (BigInt(Math.trunc(hi)) ^ (1n << 63n)) & MASK : 0n;
}

/** The centre of a score's cell as [longitude, latitude] (7.0 clamps it to the valid area). */
export function decodeScore(score: number, version: Version = '7.0'): [number, number] {
  const a = area({ bits: scoreBits(score), step: STEP });
  const lon = (a.lonMin + a.lonMax) / 2;
  const lat = (a.latMin + a.latMax) / 2;
  if (version === '4.0') return [lon, lat];
  return [Math.min(LONG_MAX, Math.max(LONG_MIN, lon)), Math.min(LAT_MAX, Math.max(LAT_MIN, lat))];
}

const ALPHABET = '0123456789bcdefghjkmnpqrstuvwxyz';

/** GEOHASH's 11 characters for a stored score (the last one always '0'). */
export function standardGeohash(score: number, version: Version = '7.0'): string {
  const [lon, lat] = decodeScore(score, version);
  const bits = encode(lon, lat, STEP, -90, 90) ?? 0n;
  let out = '';
  for (let i = 0; i < 11; i++) {
    const idx = i === 10 ? 0 : Number((bits >> BigInt(52 - (i + 1) * 5)) & 0x1fn);
    out += ALPHABET[idx];
  }
  return out;
}

/** Distance along a meridian (7.0's shortcut when the longitudes agree). */
const latDistance = (lat1: number, lat2: number) => EARTH_RADIUS_IN_METERS * Math.abs(degRad(lat2) - degRad(lat1));

/** Haversine distance in metres; 7.0 takes the meridian shortcut when the longitudes agree. */
export function distance(lon1: number, lat1: number, lon2: number, lat2: number, version: Version = '7.0'): number {
  const v = Math.sin((degRad(lon2) - degRad(lon1)) / 2);
  if (v === 0 && version === '7.0') return latDistance(lat1, lat2);
  const lat1r = degRad(lat1);
  const lat2r = degRad(lat2);
  const u = Math.sin((lat2r - lat1r) / 2);
  const a = u * u + Math.cos(lat1r) * Math.cos(lat2r) * v * v;
  return 2.0 * EARTH_RADIUS_IN_METERS * Math.asin(Math.sqrt(a));
}

const UNITS = new Map([
  ['m', 1],
  ['km', 1000],
  ['ft', 0.3048],
  ['mi', 1609.34],
]);

/** Metres per unit (extractUnitOrReply), or the error reply. 4.0 knew the lowercase names only. */
export function unitToMeters(unit: string, version: Version = '7.0'): number | Reply {
  const f = UNITS.get(version === '7.0' ? unit.toLowerCase() : unit);
  if (f !== undefined) return f;
  return error(`ERR unsupported unit provided. please use ${version === '7.0' ? 'M, KM, FT, MI' : 'm, km, ft, mi'}`);
}

/** extractLongLatOrReply: two floats inside the valid area, or the error reply. */
export function parseLonLat(lonArg: string, latArg: string): [number, number] | Reply {
  const lon = parseDouble(lonArg);
  if (lon === null) return error('ERR value is not a valid float');
  const lat = parseDouble(latArg);
  if (lat === null) return error('ERR value is not a valid float');
  if (lon < LONG_MIN || lon > LONG_MAX || lat < LAT_MIN || lat > LAT_MAX) {
    return error(`ERR invalid longitude,latitude pair ${formatDoubleFixed(lon, 6)},${formatDoubleFixed(lat, 6)}`);
  }
  return [lon, lat];
}

/**
 * A distance as the replies print it: 7.0 rounds distance × 10^4 to the nearest integer (ties to
 * even, llrint) and writes four decimals; 4.0 printed "%.4f" (the exact value, rounded).
 */
export function distanceText(d: number, version: Version = '7.0'): string {
  if (version === '4.0') return formatDoubleFixed(d, 4);
  if (d === 0) return '0.0000';
  const x = d * 10000;
  let r = Math.round(x);
  if (r - x === 0.5 && r % 2 !== 0) r -= 1; // Math.round sends .5 up; llrint to the even one
  const neg = r < 0;
  const digits = String(Math.abs(r)).padStart(5, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -4)}.${digits.slice(-4)}`;
}

// ---- searching ----

/** The search area: a circle (radius) or an axis-aligned box (width × height), in the unit given. */
export interface Shape {
  lon: number;
  lat: number;
  /** Metres per unit. */
  conversion: number;
  radius?: number;
  width?: number;
  height?: number;
}

/** A point found: the member, its score, its cell centre and its distance from the centre in metres. */
export interface GeoPoint {
  member: string;
  score: number;
  lon: number;
  lat: number;
  dist: number;
}

/** geohashEstimateStepsByRadius: fewer bits for a wider search, fewer still near the poles. */
function estimateSteps(rangeMeters: number, lat: number): number {
  if (rangeMeters === 0) return 26;
  let step = 1;
  while (rangeMeters < MERCATOR_MAX) {
    rangeMeters *= 2;
    step++;
  }
  step -= 2;
  if (lat > 66 || lat < -66) {
    step--;
    if (lat > 80 || lat < -80) step--;
  }
  return Math.min(26, Math.max(1, step));
}

/** Move a hash one cell east/west (dx) or north/south (dy), wrapping as Redis's bit arithmetic does. */
function move(h: Hash, dx: number, dy: number): Hash {
  const EVEN = 0x5555555555555555n;
  const ODD = 0xaaaaaaaaaaaaaaaan;
  const shift = BigInt(64 - h.step * 2);
  let bits = h.bits;
  for (const [d, own, other] of [
    [dx, ODD, EVEN],
    [dy, EVEN, ODD],
  ] as const) {
    if (d === 0) continue;
    let c = bits & own;
    const rest = bits & other;
    const zz = other >> shift;
    c = d > 0 ? c + (zz + 1n) : (c | zz) - (zz + 1n);
    bits = (c & (own >> shift)) | rest;
  }
  return { bits, step: h.step };
}

/** [lonMin, latMin, lonMax, latMax] of the search area. */
function boundingBox(s: Shape, version: Version): [number, number, number, number] {
  const circle = s.radius !== undefined;
  const height = s.conversion * (circle ? (s.radius as number) : (s.height as number) / 2);
  const width = s.conversion * (circle ? (s.radius as number) : (s.width as number) / 2);
  const latDelta = radDeg(height / EARTH_RADIUS_IN_METERS);
  if (version === '4.0') {
    const lonDelta = radDeg(width / EARTH_RADIUS_IN_METERS / Math.cos(degRad(s.lat)));
    return [s.lon - lonDelta, s.lat - latDelta, s.lon + lonDelta, s.lat + latDelta];
  }
  // The box is wider on the side nearer the equator.
  const edgeLat = s.lat < 0 ? s.lat - latDelta : s.lat + latDelta;
  const lonDelta = radDeg(width / EARTH_RADIUS_IN_METERS / Math.cos(degRad(edgeLat)));
  return [s.lon - lonDelta, s.lat - latDelta, s.lon + lonDelta, s.lat + latDelta];
}

/**
 * The cells to read (geohashCalculateAreasByShapeWGS84, 4.0's geohashGetAreasByRadius): the
 * centre's cell and its neighbours in Redis's order N, S, E, W, NE, NW, SE, SW, a neighbour the
 * bounding box does not reach zeroed.
 */
function searchCells(s: Shape, version: Version): Hash[] {
  const [minLon, minLat, maxLon, maxLat] = boundingBox(s, version);
  const radiusMeters =
    s.conversion *
    (s.radius !== undefined ? s.radius : Math.sqrt((s.width as number) ** 2 / 4 + (s.height as number) ** 2 / 4));
  let steps = estimateSteps(radiusMeters, s.lat);
  const at = (step: number): Hash => ({ bits: encode(s.lon, s.lat, step) ?? 0n, step });
  let hash = at(steps);
  const north = area(move(hash, 0, 1));
  const south = area(move(hash, 0, -1));
  const east = area(move(hash, 1, 0));
  const west = area(move(hash, -1, 0));
  const decrease =
    version === '7.0'
      ? north.latMax < maxLat || south.latMin > minLat || east.lonMax < maxLon || west.lonMin > minLon
      : distance(s.lon, s.lat, s.lon, north.latMax, version) < radiusMeters ||
        distance(s.lon, s.lat, s.lon, south.latMin, version) < radiusMeters ||
        distance(s.lon, s.lat, east.lonMax, s.lat, version) < radiusMeters ||
        distance(s.lon, s.lat, west.lonMin, s.lat, version) < radiusMeters;
  if (steps > 1 && decrease) hash = at(--steps);
  const a = area(hash);
  const cut = steps >= 2;
  const noS = cut && a.latMin < minLat;
  const noN = cut && a.latMax > maxLat;
  const noW = cut && a.lonMin < minLon;
  const noE = cut && a.lonMax > maxLon;
  const ZERO: Hash = { bits: 0n, step: 0 };
  const n = (dx: number, dy: number, gone: boolean) => (gone ? ZERO : move(hash, dx, dy));
  return [
    hash,
    n(0, 1, noN),
    n(0, -1, noS),
    n(1, 0, noE),
    n(-1, 0, noW),
    n(1, 1, noN || noE),
    n(-1, 1, noN || noW),
    n(1, -1, noS || noE),
    n(-1, -1, noS || noW),
  ];
}

/** The point's distance from the centre when it lies inside the shape, else null. */
function within(s: Shape, lon: number, lat: number, version: Version): number | null {
  if (s.radius !== undefined) {
    const d = distance(s.lon, s.lat, lon, lat, version);
    return d > s.radius * s.conversion ? null : d;
  }
  if (latDistance(lat, s.lat) > ((s.height as number) * s.conversion) / 2) return null;
  if (distance(lon, lat, s.lon, lat, version) > ((s.width as number) * s.conversion) / 2) return null;
  return distance(s.lon, s.lat, lon, lat, version);
}

/** First position in the sorted set whose score is >= min. */
function firstAtLeast(z: RZSet, min: number): number {
  let lo = 0;
  let hi = z.sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (z.sorted[mid].score < min) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * membersOfAllNeighbors: every point of the sorted set inside the shape, cell by cell in Redis's
 * order (a cell equal to the last one read is skipped; with `limit` (COUNT … ANY) the reading
 * stops once that many were found).
 */
export function geoSearch(z: RZSet, s: Shape, limit: number, version: Version): GeoPoint[] {
  const out: GeoPoint[] = [];
  const cells = searchCells(s, version);
  let last = 0;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c.step === 0 && c.bits === 0n) continue;
    if (last !== 0 && c.bits === cells[last].bits && c.step === cells[last].step) continue;
    if (limit && out.length >= limit) break;
    const shift = BigInt(52 - c.step * 2);
    const min = Number(c.bits << shift);
    const max = Number((c.bits + 1n) << shift);
    for (let j = firstAtLeast(z, min); j < z.sorted.length && z.sorted[j].score < max; j++) {
      const { member, score } = z.sorted[j];
      const [lon, lat] = decodeScore(score, version);
      const dist = within(s, lon, lat, version);
      if (dist !== null) out.push({ member, score, lon, lat, dist });
      if (limit && out.length >= limit) break;
    }
    last = i;
  }
  return out;
}

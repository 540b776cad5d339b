/**
 * Geo points as Redis keeps them (geohash.c, geohash_helper.c, geo.c), written from the published
 * geohash scheme: a point is a member of a sorted set whose score is a 52-bit interleaved geohash
 * (26 bits of latitude over [-85.05112878, 85.05112878] on the even bits, 26 of longitude over
 * [-180, 180] on the odd ones). Decoding gives the centre of the hash's cell; distances are
 * haversine on Redis's earth radius; GEOHASH re-encodes the decoded point on the standard
 * [-90, 90] latitude range as 11 base-32 characters.
 */
import { error, type Reply } from '../../resp';
import { parseDouble } from './float';

export const LAT_MIN = -85.05112878;
export const LAT_MAX = 85.05112878;
export const LONG_MIN = -180;
export const LONG_MAX = 180;
const STEP = 26;
const EARTH_RADIUS_IN_METERS = 6372797.560856;
const D_R = Math.PI / 180.0;

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

/** geohashEncode over the given latitude range at 26 steps; null outside the valid area. */
function encode(lon: number, lat: number, latMin: number, latMax: number): bigint | null {
  if (lon > LONG_MAX || lon < LONG_MIN || lat > LAT_MAX || lat < LAT_MIN) return null;
  if (lat < latMin || lat > latMax) return null;
  const latOffset = ((lat - latMin) / (latMax - latMin)) * 2 ** STEP;
  const longOffset = ((lon - LONG_MIN) / (LONG_MAX - LONG_MIN)) * 2 ** STEP;
  // The C conversion to uint32_t truncates.
  return interleave(Math.trunc(latOffset) >>> 0, Math.trunc(longOffset) >>> 0);
}

/** The 52-bit score GEOADD stores for a point. */
export function geoScore(lon: number, lat: number): bigint | null {
  return encode(lon, lat, LAT_MIN, LAT_MAX);
}

/** The centre of a score's cell as [longitude, latitude], clamped to the valid area. */
export function decodeScore(score: number): [number, number] {
  const [ilat, ilon] = deinterleave(BigInt(score));
  const scale = 2 ** STEP;
  const latMin = LAT_MIN + (ilat / scale) * (LAT_MAX - LAT_MIN);
  const latMax = LAT_MIN + ((ilat + 1) / scale) * (LAT_MAX - LAT_MIN);
  const lonMin = LONG_MIN + (ilon / scale) * (LONG_MAX - LONG_MIN);
  const lonMax = LONG_MIN + ((ilon + 1) / scale) * (LONG_MAX - LONG_MIN);
  const lon = Math.min(LONG_MAX, Math.max(LONG_MIN, (lonMin + lonMax) / 2));
  const lat = Math.min(LAT_MAX, Math.max(LAT_MIN, (latMin + latMax) / 2));
  return [lon, lat];
}

const ALPHABET = '0123456789bcdefghjkmnpqrstuvwxyz';

/** GEOHASH's 11 characters for a stored score (the last one always '0'). */
export function standardGeohash(score: number): string {
  const [lon, lat] = decodeScore(score);
  const bits = encode(lon, lat, -90, 90) ?? 0n;
  let out = '';
  for (let i = 0; i < 11; i++) {
    const idx = i === 10 ? 0 : Number((bits >> BigInt(52 - (i + 1) * 5)) & 0x1fn);
    out += ALPHABET[idx];
  }
  return out;
}

/** Haversine distance in metres, with Redis's shortcut when the longitudes agree. */
export function distance(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const v = Math.sin((lon2 * D_R - lon1 * D_R) / 2);
  if (v === 0) return EARTH_RADIUS_IN_METERS * Math.abs(lat2 * D_R - lat1 * D_R);
  const lat1r = lat1 * D_R;
  const lat2r = lat2 * D_R;
  const u = Math.sin((lat2r - lat1r) / 2);
  const a = u * u + Math.cos(lat1r) * Math.cos(lat2r) * v * v;
  return 2.0 * EARTH_RADIUS_IN_METERS * Math.asin(Math.sqrt(a));
}

/** Metres per unit (extractUnitOrReply), or the error reply. */
export function unitToMeters(unit: string): number | Reply {
  switch (unit.toLowerCase()) {
    case 'm':
      return 1;
    case 'km':
      return 1000;
    case 'ft':
      return 0.3048;
    case 'mi':
      return 1609.34;
    default:
      return error('ERR unsupported unit provided. please use M, KM, FT, MI');
  }
}

/** C's "%f": six decimals, "inf" / "-inf" / "nan" spelled out. */
function cFixed6(v: number): string {
  if (Number.isNaN(v)) return v < 0 ? '-nan' : 'nan';
  if (!Number.isFinite(v)) return v < 0 ? '-inf' : 'inf';
  if (Math.abs(v) < 1e21) return v.toFixed(6);
  return `${BigInt(Math.trunc(v))}.000000`;
}

/** extractLongLatOrReply: two floats inside the valid area, or the error reply. */
export function parseLonLat(lonArg: string, latArg: string): [number, number] | Reply {
  const lon = parseDouble(lonArg);
  if (lon === null) return error('ERR value is not a valid float');
  const lat = parseDouble(latArg);
  if (lat === null) return error('ERR value is not a valid float');
  if (lon < LONG_MIN || lon > LONG_MAX || lat < LAT_MIN || lat > LAT_MAX) {
    return error(`ERR invalid longitude,latitude pair ${cFixed6(lon)},${cFixed6(lat)}`);
  }
  return [lon, lat];
}

/** addReplyHumanLongDouble: "%.17Lf" with the trailing zeros (and a bare '.') trimmed. */
export function humanDouble(v: number): string {
  let s = v.toFixed(17);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '-0' : s;
}

/** addReplyDoubleDistance: "%.4f". */
export const distanceText = (d: number) => d.toFixed(4);

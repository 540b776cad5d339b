/**
 * Timeout arguments: getTimeoutFromObjectOrReply in milliseconds (WAIT, CLIENT PAUSE) and in
 * seconds (the blocking list commands).
 */
import { ERR, error, type Reply } from '../../resp';
import { parseLongDouble } from './float';
import { parseLL } from './int';

/** The timeout in ms (0 = none), or Redis's error. */
export function timeoutArg(s: string): number | Reply {
  const v = parseLL(s);
  if (v === null) return error('ERR timeout is not an integer or out of range');
  if (v < 0n) return error('ERR timeout is negative');
  return Number(v);
}

/** getLongFromObjectOrReply: a string2ll, or "value is not an integer or out of range". */
export function longArg(s: string): number | Reply {
  const v = parseLL(s);
  return v === null ? ERR.notInteger : Number(v);
}

/**
 * getTimeoutFromObjectOrReply in seconds (BLPOP and the other blocking commands): the absolute
 * deadline in unix ms (0 = wait forever), or Redis's error. 7.0 reads a long double and takes
 * ceill(seconds * 1000) — the product rounded to the x87's 64-bit mantissa first, so `0.1` is
 * 100 ms — converted to a 64-bit integer (inf and huge values come out as LLONG_MIN: negative);
 * 4.0 reads whole seconds.
 */
export function secondsTimeoutArg(s: string, now: number, version: '4.0' | '7.0'): number | Reply {
  let ms: bigint;
  if (version === '4.0') {
    const v = parseLL(s);
    if (v === null) return error('ERR timeout is not an integer or out of range');
    ms = BigInt.asIntN(64, v * 1000n);
  } else {
    const f = parseLongDouble(s);
    if (f === null) return error('ERR timeout is not a float or out of range');
    ms = f.inf ? LLONG_MIN : ceilTimes1000(f.neg, f.m, f.e);
  }
  if (ms < 0n) return error('ERR timeout is negative');
  if (ms === 0n) return 0;
  return Number(BigInt.asIntN(64, ms + BigInt(now)));
}

const LLONG_MIN = -(2n ** 63n);

/** (long long) ceill(±m·2^e · 1000) with the product rounded to 64 significant bits (ties to even). */
function ceilTimes1000(neg: boolean, m: bigint, e: number): bigint {
  let n = m * 1000n;
  const bits = n.toString(2).length;
  if (n !== 0n && bits > 64) {
    const shift = BigInt(bits - 64);
    const q = n >> shift;
    const rem = n - (q << shift);
    const half = 1n << (shift - 1n);
    n = rem > half || (rem === half && (q & 1n) === 1n) ? q + 1n : q;
    e += Number(shift);
  }
  let whole: bigint;
  let frac = false;
  if (e >= 0) whole = n << BigInt(e);
  else {
    whole = n >> BigInt(-e);
    frac = whole << BigInt(-e) !== n;
  }
  // ceil: up for a positive fraction, toward zero for a negative one.
  const v = neg ? -whole : frac ? whole + 1n : whole;
  // Out of the long long range: the x86 conversion gives LLONG_MIN.
  return v >= 2n ** 63n || v < LLONG_MIN ? LLONG_MIN : v;
}

/**
 * Floating point the way Redis sees it, bit for bit.
 *
 * INCRBYFLOAT and HINCRBYFLOAT compute in C `long double`, which on x86-64 is the 80-bit x87
 * format (64-bit mantissa), and print with "%.17Lf": that is why 0.1 + 0.2 replies "0.3" in
 * Redis where a JS double would give 0.30000000000000004. Sorted-set scores are C doubles printed
 * with "%.17g" (glibc rounds the exact binary value half-to-even, JS's toPrecision rounds ties
 * up). Both are modelled here exactly with BigInt arithmetic on the binary value: parsing
 * (strtod/strtold grammar incl. hex floats, inf, nan), rounding to the target precision
 * (denormals included), addition, and decimal printing.
 */

/** A binary float: (-1)^neg × m × 2^e when finite (m = 0 is a zero), or ±infinity. */
export interface BinFloat {
  readonly neg: boolean;
  readonly m: bigint;
  readonly e: number;
  readonly inf: boolean;
}

/** Precision and range of a binary format. */
interface Format {
  /** Mantissa bits. */
  readonly prec: number;
  /** Exponent of the smallest denormal's unit in the last place. */
  readonly minUlp: number;
  /** Values at or above 2^maxExp overflow to infinity. */
  readonly maxExp: number;
}

/** x87 80-bit extended precision: the `long double` of x86-64 Linux. */
const FP80: Format = { prec: 64, minUlp: -16445, maxExp: 16384 };
/** IEEE 754 binary64. */
const FP64: Format = { prec: 53, minUlp: -1074, maxExp: 1024 };

const ZERO: BinFloat = { neg: false, m: 0n, e: 0, inf: false };

function bitLength(v: bigint): number {
  return v === 0n ? 0 : v.toString(2).length;
}

const pow10Cache = new Map<number, bigint>();
function pow10(k: number): bigint {
  let p = pow10Cache.get(k);
  if (p === undefined) {
    p = 10n ** BigInt(k);
    if (k <= 64) pow10Cache.set(k, p);
  }
  return p;
}

/**
 * Round the exact value M × 2^q (plus a nonzero tail below it when `sticky`) to the format,
 * half-to-even, as the FPU does in its default mode. Callers with a tail pass at least prec+2
 * significant bits so the tail only ever breaks ties.
 */
function roundTo(fmt: Format, neg: boolean, M: bigint, q: number, sticky: boolean): BinFloat {
  if (M === 0n) return { neg, m: 0n, e: 0, inf: false };
  const L = bitLength(M);
  const u = Math.max(q + L - fmt.prec, fmt.minUlp);
  let m = M;
  let e = q;
  if (u > q) {
    const shift = BigInt(u - q);
    let kept = M >> shift;
    const rem = M - (kept << shift);
    const half = 1n << (shift - 1n);
    if (rem > half || (rem === half && (sticky || (kept & 1n) === 1n))) kept += 1n;
    m = kept;
    e = u;
  }
  if (m !== 0n && bitLength(m) + e > fmt.maxExp) return { neg, m: 0n, e: 0, inf: true };
  return { neg, m, e, inf: false };
}

/** The outcome of scanning a number with the strtod grammar. */
interface Scanned {
  readonly v: BinFloat;
  readonly nan: boolean;
  /** strtod would set errno = ERANGE: overflow to infinity or underflow to zero. */
  readonly erange: boolean;
}

const DEC_RE = /^([+-]?)(?:(\d+)\.?(\d*)|\.(\d+))(?:[eE]([+-]?\d+))?$/;
const HEX_RE = /^([+-]?)0[xX](?:([0-9a-fA-F]+)\.?([0-9a-fA-F]*)|\.([0-9a-fA-F]+))(?:[pP]([+-]?\d+))?$/;
const INF_RE = /^([+-]?)(?:inf|infinity)$/i;
const NAN_RE = /^[+-]?nan(?:\([0-9A-Za-z_]*\))?$/i;

/**
 * Scan a whole string (no leading blanks: callers deal with those) as strtod would, rounding
 * to `fmt`. Returns null when strtod would not consume every byte.
 */
function scan(s: string, fmt: Format): Scanned | null {
  if (NAN_RE.test(s)) return { v: ZERO, nan: true, erange: false };
  const inf = INF_RE.exec(s);
  if (inf) return { v: { neg: inf[1] === '-', m: 0n, e: 0, inf: true }, nan: false, erange: false };
  const dec = DEC_RE.exec(s);
  if (dec) {
    const neg = dec[1] === '-';
    const intPart = dec[2] ?? '';
    const fracPart = dec[3] ?? dec[4] ?? '';
    // Decimal exponents of absurd length still just mean "huge" or "tiny".
    const expText = dec[5] ?? '0';
    const expNum = expText.replace(/^[+-]/, '').length > 12 ? (expText[0] === '-' ? -1e13 : 1e13) : Number(expText);
    let digits = (intPart + fracPart).replace(/^0+/, '');
    let exp10 = expNum - fracPart.length;
    if (digits === '') return { v: { neg, m: 0n, e: 0, inf: false }, nan: false, erange: false };
    // Trailing zeros only inflate the BigInts.
    const trimmed = digits.replace(/0+$/, '');
    exp10 += digits.length - trimmed.length;
    digits = trimmed;
    return { ...decimalToBin(fmt, neg, digits, exp10), nan: false };
  }
  const hex = HEX_RE.exec(s);
  if (hex) {
    const neg = hex[1] === '-';
    const intPart = hex[2] ?? '';
    const fracPart = hex[3] ?? hex[4] ?? '';
    const expText = hex[5] ?? '0';
    const expNum = expText.replace(/^[+-]/, '').length > 12 ? (expText[0] === '-' ? -1e13 : 1e13) : Number(expText);
    const M = BigInt(`0x${intPart + fracPart}`);
    if (M === 0n) return { v: { neg, m: 0n, e: 0, inf: false }, nan: false, erange: false };
    const q = expNum - 4 * fracPart.length;
    const top = q + bitLength(M);
    if (top > fmt.maxExp + 1) return { v: { neg, m: 0n, e: 0, inf: true }, nan: false, erange: true };
    if (top < fmt.minUlp - 1) return { v: { neg, m: 0n, e: 0, inf: false }, nan: false, erange: true };
    const v = roundTo(fmt, neg, M, q, false);
    return { v, nan: false, erange: v.inf || v.m === 0n };
  }
  return null;
}

/** digits × 10^exp10 (digits without leading/trailing zeros, nonzero) rounded to `fmt`. */
function decimalToBin(fmt: Format, neg: boolean, digits: string, exp10: number): { v: BinFloat; erange: boolean } {
  // Bounds wide enough for both formats: beyond them the value surely overflows / underflows.
  const mag = digits.length + exp10; // value is in [10^(mag-1), 10^mag)
  const maxDec = Math.ceil(fmt.maxExp * Math.LOG10E * Math.LN2) + 1;
  const minDec = Math.floor(fmt.minUlp * Math.LOG10E * Math.LN2) - 1;
  if (mag > maxDec) return { v: { neg, m: 0n, e: 0, inf: true }, erange: true };
  if (mag < minDec) return { v: { neg, m: 0n, e: 0, inf: false }, erange: true };
  const D = BigInt(digits);
  let v: BinFloat;
  if (exp10 >= 0) {
    v = roundTo(fmt, neg, D * pow10(exp10), 0, false);
  } else {
    const den = pow10(-exp10);
    const s = Math.max(0, fmt.prec + 3 + bitLength(den) - bitLength(D));
    const N = D << BigInt(s);
    const M = N / den;
    v = roundTo(fmt, neg, M, -s, N - M * den !== 0n);
  }
  return { v, erange: v.inf || v.m === 0n };
}

const isCSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

/** Accept a scan the way string2ld/string2d do: no NaN, no overflow, no underflow to zero. */
function acceptStrict(r: Scanned | null): BinFloat | null {
  if (r === null || r.nan) return null;
  if (r.erange && (r.v.inf || r.v.m === 0n)) return null;
  return r.v;
}

/**
 * Redis 7.0 string2ld / getLongDoubleFromObject: the whole string must be a number, no leading
 * blank, under 5 KiB, not NaN, no overflow/underflow to zero. "inf" itself is accepted.
 */
export function parseLongDouble(s: string): BinFloat | null {
  if (s.length === 0 || s.length >= 5 * 1024) return null;
  if (isCSpace(s.charCodeAt(0))) return null;
  return acceptStrict(scan(s, FP80));
}

/**
 * Redis 4.0 getLongDoubleFromObject (INCRBYFLOAT's operands, HINCRBYFLOAT's increment): like
 * 7.0's rule without the length cap.
 */
export function parseLongDoubleObj40(s: string): BinFloat | null {
  if (s.length === 0 || isCSpace(s.charCodeAt(0))) return null;
  return acceptStrict(scan(s, FP80));
}

/**
 * Redis 4.0 string2ld (HINCRBYFLOAT's stored value): copied into a 256-byte buffer, parsed up
 * to the first NUL byte, and an empty string reads as 0.
 */
export function parseLongDouble40(s: string): BinFloat | null {
  if (s.length >= 256) return null;
  const nul = s.indexOf('\0');
  const p = nul < 0 ? s : s.slice(0, nul);
  if (p === '') return ZERO;
  if (isCSpace(p.charCodeAt(0))) return null;
  return acceptStrict(scan(p, FP80));
}

/** BinFloat (FP64) → JS number. */
function binToNumber(v: BinFloat): number {
  if (v.inf) return v.neg ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (v.m === 0n) return v.neg ? -0 : 0;
  // m < 2^54 and the result is representable, so this product is exact.
  const x = Number(v.m) * 2 ** v.e;
  return v.neg ? -x : x;
}

/**
 * getDoubleFromObject / string2d (ZADD and ZINCRBY scores): the whole string must be a number,
 * no leading blank, not NaN, no overflow, no underflow to zero.
 */
export function parseDouble(s: string): number | null {
  if (s.length === 0 || isCSpace(s.charCodeAt(0))) return null;
  const v = acceptStrict(scanDouble(s));
  return v === null ? null : binToNumber(v);
}

/**
 * A ZRANGE BYSCORE bound after its optional '(' (bare strtod + "nothing left, not NaN"): leading
 * blanks and the empty string (0) are fine, overflow gives ±inf, and parsing stops at a NUL byte.
 */
export function parseDoubleLoose(s: string): number | null {
  const nul = s.indexOf('\0');
  const p = nul < 0 ? s : s.slice(0, nul);
  // Nothing at all converts to 0 with the end pointer on the terminator: accepted.
  if (p === '') return 0;
  let i = 0;
  while (i < p.length && isCSpace(p.charCodeAt(i))) i++;
  // Blanks alone: no conversion, the end pointer stays on the first blank: refused.
  if (i === p.length) return null;
  const r = scanDouble(p.slice(i));
  if (r === null || r.nan) return null;
  return binToNumber(r.v);
}

const PREFIX_DEC_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const PREFIX_HEX_RE = /^[+-]?0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?\d+)?/;
const PREFIX_SPECIAL_RE = /^[+-]?(?:infinity|inf|nan(?:\([0-9A-Za-z_]*\))?)/i;

/**
 * A bare strtod(s, NULL): leading blanks skipped, the longest numeric prefix converted, 0 when
 * there is none (DEBUG SLEEP's argument, for one).
 */
function strtodPrefix(s: string): number {
  let i = 0;
  while (i < s.length && isCSpace(s.charCodeAt(i))) i++;
  const rest = s.slice(i);
  const m = PREFIX_HEX_RE.exec(rest) ?? PREFIX_SPECIAL_RE.exec(rest) ?? PREFIX_DEC_RE.exec(rest);
  if (!m) return 0;
  const r = scanDouble(m[0]);
  if (r === null) return 0;
  return r.nan ? Number.NaN : binToNumber(r.v);
}

/**
 * DEBUG SLEEP's duration: Redis reads the argument with a bare strtod (a numeric prefix, anything
 * else is 0), converts seconds to whole microseconds in a long long and hands them to nanosleep,
 * which refuses negative times — as it does the out-of-range conversions of inf, nan and huge
 * values — so those do not sleep at all.
 */
export function debugSleepMs(arg: string): number {
  const seconds = strtodPrefix(arg);
  const micros = Math.trunc(seconds * 1e6);
  if (!Number.isFinite(micros) || micros < 0 || micros >= 2 ** 63) return 0;
  return micros / 1000;
}

/** strtod on a full string, using the engine's correctly rounded decimal parser where it can. */
function scanDouble(s: string): Scanned | null {
  const dec = DEC_RE.exec(s);
  if (dec) {
    const n = Number(s.replace(/^\+/, ''));
    const mant = (dec[2] ?? '') + (dec[3] ?? dec[4] ?? '');
    const nonzero = /[1-9]/.test(mant);
    const v = numberToBin(n);
    return { v, nan: false, erange: nonzero && (v.inf || v.m === 0n) };
  }
  return scan(s, FP64);
}

/** Exact decomposition of a JS number. */
function numberToBin(x: number): BinFloat {
  const neg = x < 0 || Object.is(x, -0);
  if (!Number.isFinite(x)) return { neg, m: 0n, e: 0, inf: true };
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, x);
  const hi = dv.getUint32(0);
  const lo = dv.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (bexp === 0) return { neg, m: frac, e: -1074, inf: false };
  return { neg, m: frac | (1n << 52n), e: bexp - 1075, inf: false };
}

/** Exact sum of two finite-or-infinite values rounded to x87 extended; NaN for inf - inf. */
export function addLongDouble(a: BinFloat, b: BinFloat): BinFloat | 'nan' {
  if (a.inf || b.inf) {
    if (a.inf && b.inf && a.neg !== b.neg) return 'nan';
    return a.inf ? a : b;
  }
  if (a.m === 0n && b.m === 0n) {
    // IEEE: (-0) + (-0) = -0, any other zero sum is +0.
    return { neg: a.neg && b.neg, m: 0n, e: 0, inf: false };
  }
  if (a.m === 0n) return b;
  if (b.m === 0n) return a;
  const e = Math.min(a.e, b.e);
  const sa = (a.neg ? -a.m : a.m) << BigInt(a.e - e);
  const sb = (b.neg ? -b.m : b.m) << BigInt(b.e - e);
  const sum = sa + sb;
  if (sum === 0n) return { neg: false, m: 0n, e: 0, inf: false };
  return roundTo(FP80, sum < 0n, sum < 0n ? -sum : sum, e, false);
}

/**
 * |v| × 10^digits rounded half-to-even to an integer, as glibc's printf rounds for
 * "%.<digits>f" (it works on the exact binary value).
 */
function scaledRounded(v: BinFloat, digits: number): bigint {
  const N = v.m * pow10(digits);
  if (v.e >= 0) return N << BigInt(v.e);
  const sh = BigInt(-v.e);
  const q = N >> sh;
  const rem = N - (q << sh);
  const half = 1n << (sh - 1n);
  return rem > half || (rem === half && (q & 1n) === 1n) ? q + 1n : q;
}

/** printf("%.<digits>f") of a finite value. */
function formatFixed(v: BinFloat, digits: number): string {
  const r = scaledRounded(v, digits)
    .toString()
    .padStart(digits + 1, '0');
  const body = digits > 0 ? `${r.slice(0, r.length - digits)}.${r.slice(r.length - digits)}` : r;
  return v.neg ? `-${body}` : body;
}

/**
 * ld2string(LD_STR_HUMAN): "%.17Lf" with trailing zeros (and a bare '.') trimmed; "inf"/"-inf".
 * 7.0 turns the "-0" a tiny negative leaves into "0"; 4.0 keeps it.
 */
export function formatLongDoubleHuman(v: BinFloat, version: '4.0' | '7.0'): string {
  if (v.inf) return v.neg ? '-inf' : 'inf';
  let s = formatFixed(v, 17);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  if (s === '-0' && version === '7.0') return '0';
  return s;
}

/** printf("%.<digits>f") of a double (the geo replies' "%.4f" and "%f"): "inf", "-inf", "nan" spelled out. */
export function formatDoubleFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  return formatFixed(numberToBin(x), digits);
}

/** addReplyHumanLongDouble of a double: "%.17Lf" trimmed (a double widens to long double exactly). */
export const formatDoubleHuman = (x: number, version: '4.0' | '7.0'): string =>
  formatLongDoubleHuman(numberToBin(x), version);

/** printf("%.17g") of a double, exactly as glibc prints it (addReplyDouble). */
export function formatDouble17g(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const P = 17;
  const v = numberToBin(x);
  // Decimal exponent X with 10^X <= |x| < 10^(X+1), estimated then corrected exactly.
  let X = Math.floor(Math.log10(Math.abs(x)));
  const cmpPow = (k: number): number => {
    // sign of |x| - 10^k
    let a = v.m;
    let b = 1n;
    if (v.e >= 0) a <<= BigInt(v.e);
    else b <<= BigInt(-v.e);
    if (k >= 0) b *= pow10(k);
    else a *= pow10(-k);
    return a < b ? -1 : a > b ? 1 : 0;
  };
  while (cmpPow(X) < 0) X--;
  while (cmpPow(X + 1) >= 0) X++;
  // Round to P significant digits: |x| × 10^(P-1-X), half-to-even on the exact value.
  let digitsInt = roundScaled(v, P - 1 - X);
  if (digitsInt >= pow10(P)) {
    X += 1;
    digitsInt = roundScaled(v, P - 1 - X);
  }
  let ds = digitsInt.toString();
  let out: string;
  if (X < -4 || X >= P) {
    ds = ds.replace(/0+$/, '');
    const mant = ds.length > 1 ? `${ds[0]}.${ds.slice(1)}` : ds;
    const ax = Math.abs(X);
    out = `${mant}e${X < 0 ? '-' : '+'}${ax < 10 ? `0${ax}` : ax}`;
  } else {
    const decimals = P - 1 - X;
    if (decimals > 0) {
      ds = ds.padStart(decimals + 1, '0');
      out = `${ds.slice(0, ds.length - decimals)}.${ds.slice(ds.length - decimals)}`;
      out = out.replace(/0+$/, '').replace(/\.$/, '');
    } else {
      out = ds;
    }
  }
  return v.neg ? `-${out}` : out;
}

/** |v| × 10^k rounded half-to-even to an integer (k may be negative). */
function roundScaled(v: BinFloat, k: number): bigint {
  let num = v.m;
  let den = 1n;
  if (v.e >= 0) num <<= BigInt(v.e);
  else den <<= BigInt(-v.e);
  if (k >= 0) num *= pow10(k);
  else den *= pow10(-k);
  const q = num / den;
  const rem2 = (num - q * den) * 2n;
  return rem2 > den || (rem2 === den && (q & 1n) === 1n) ? q + 1n : q;
}

/**
 * 64-bit integers the way Redis reads and checks them (util.c string2ll, object.c
 * getLongLongFromObject and friends). Values travel as BigInt because counters, TTLs and
 * timestamps may use the whole signed 64-bit range, far beyond what a JS number holds exactly.
 */
import { error } from '../../resp';

/** getIntFromObjectOrReply's error for a 64-bit integer outside C's int. */
export const INT_RANGE = error('ERR value is out of range, value must between -2147483648 and 2147483647');

/** C's LLONG_MAX, LLONG_MIN and ULONG_MAX (64-bit). */
export const LLONG_MAX = 0x7fffffffffffffffn;
export const LLONG_MIN = -0x8000000000000000n;
const ULONG_MAX = 0xffffffffffffffffn;
/** ±2^53: the integers a double holds exactly (computed once: BigInt powers allocate). */
const TWO_53 = 2n ** 53n;
const MINUS_TWO_53 = -TWO_53;

/**
 * Strict signed 64-bit parse (string2ll): optional '-', no '+', no spaces, no leading zeros
 * except the lone "0", nothing after the digits, and no overflow. Returns null when Redis would
 * say "value is not an integer or out of range".
 */
export function parseLL(s: string): bigint | null {
  const n = s.length;
  // Redis refuses anything of 21 bytes or more outright (LONG_STR_SIZE).
  if (n === 0 || n >= 21) return null;
  const small = parseSmallInt(s);
  if (!Number.isNaN(small)) return BigInt(small); // exact, and what the loop below reads
  if (n === 1 && s === '0') return 0n;
  let i = 0;
  const neg = s.charCodeAt(0) === 45; // '-'
  if (neg) {
    i = 1;
    if (n === 1) return null;
  }
  const first = s.charCodeAt(i);
  if (first < 49 || first > 57) return null; // must be 1-9
  for (let j = i + 1; j < n; j++) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) return null;
  }
  const v = BigInt(neg ? s : s.slice(i));
  if (v > LLONG_MAX || v < LLONG_MIN) return null;
  return v;
}

/** Digits a small integer may have: every integer below 10^15 in magnitude is exact in a double. */
const SMALL_DIGITS = 15;

/** OBJ_SHARED_INTEGERS: the small integers Redis keeps one shared object for. */
const SHARED_INTEGERS = 10_000;
const sharedIntegers: (string | undefined)[] = [];

/**
 * The decimal string of an integer-valued number. 0..9999 come from a table filled on first use,
 * as Redis stores such counters as one shared object (shared.integers): a small counter's INCR
 * then stores a string that already lives in the old generation instead of a fresh one, which
 * every later young-generation collection would have to copy and promote (a string is immutable,
 * so sharing it changes nothing a command can see).
 */
export function counterString(n: number): string {
  if (n >= 0 && n < SHARED_INTEGERS) {
    const s = sharedIntegers[n];
    if (s !== undefined) return s;
    if (sharedIntegers.length === 0) sharedIntegers.length = SHARED_INTEGERS;
    return (sharedIntegers[n] = String(n));
  }
  return String(n);
}

/**
 * parseLL for the common case, without BigInt: the value of `s` as a number when `s` is what
 * parseLL accepts AND has at most 15 digits (so the number is exact, and any sum of two such
 * numbers is exact too, far from the 64-bit limits). NaN for everything else — longer numbers
 * and every string parseLL refuses — so callers fall back to parseLL, which decides.
 */
export function parseSmallInt(s: string): number {
  const n = s.length;
  if (n === 0 || n > SMALL_DIGITS + 1) return Number.NaN;
  let i = 0;
  if (s.charCodeAt(0) === 45) i = 1; // '-'
  if (n === i || n - i > SMALL_DIGITS) return Number.NaN;
  let c = s.charCodeAt(i);
  // The first digit is 1-9; "0" alone is zero ("-0", "01" and "" are refused by parseLL).
  if (c < 49 || c > 57) return n === 1 && c === 48 ? 0 : Number.NaN;
  let v = c - 48;
  for (let j = i + 1; j < n; j++) {
    c = s.charCodeAt(j);
    if (c < 48 || c > 57) return Number.NaN;
    v = v * 10 + (c - 48);
  }
  return i === 1 ? -v : v;
}

/**
 * A long index or count as a JS number. Any 64-bit value is accepted; magnitudes beyond 2^53
 * are clamped, which never changes the outcome because every collection is far smaller.
 */
export function clampToNumber(v: bigint): number {
  if (v > TWO_53) return Number(TWO_53);
  if (v < MINUS_TWO_53) return -Number(TWO_53);
  return Number(v);
}

/** Two's-complement wrap to 64 bits, for the 4.0 code paths that overflow silently in C. */
export function wrap64(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

/** An integer reply value: a number when exactly representable, else the BigInt itself. */
export function intValue(v: bigint): number | bigint {
  return v >= MINUS_TWO_53 && v <= TWO_53 ? Number(v) : v;
}

const isCSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

/**
 * SCAN's cursor parse (strtoul base 10 plus Redis's checks): a leading space is refused,
 * a sign is allowed ("-1" wraps to 2^64-1, as strtoul does), the empty string is cursor 0,
 * anything left unparsed or out of range is "invalid cursor". Returns null on error.
 */
export function parseCursor(s: string): bigint | null {
  if (s.length > 0 && isCSpace(s.charCodeAt(0))) return null;
  const m = /^([+-]?)(\d*)$/.exec(s);
  if (!m) {
    // strtoul stops at the first non-digit; Redis then sees a leftover byte and refuses.
    return null;
  }
  if (m[2] === '') {
    // No digits at all: strtoul consumes nothing and eptr points at the (empty) end only
    // when the string is empty; a lone sign leaves the sign unconsumed.
    return m[1] === '' ? 0n : null;
  }
  const v = BigInt(m[2]);
  if (v > ULONG_MAX) return null;
  return m[1] === '-' ? (ULONG_MAX + 1n - v) % (ULONG_MAX + 1n) : v;
}

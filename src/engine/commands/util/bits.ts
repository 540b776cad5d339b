/**
 * The bitmap helpers (bitops.c): bit offsets as Redis parses them, counting and finding bits in
 * a byte string, growing a string for a bit write, and BITFIELD's integers of 1 to 64 bits at
 * any bit offset (big-endian bit order: bit 0 is the most significant bit of the first byte).
 */
import { array, ERR, error, int, NIL, type Reply } from '../../resp';
import type { Ctx } from '../types';
import { eqi } from './args';
import { markString } from './encoding';
import { intValue, parseLL } from './int';
import { MAX_JS_STRING, MAX_STRING } from './string';
import { isString } from './types';

const BIT_OFFSET_ERR = error('ERR bit offset is not an integer or out of range');

/**
 * getBitOffsetFromArgument: a bit offset, refused when negative or past the 512 MB string limit
 * (7.0 lets its master through). With `bits`, BITFIELD's `#n` form means n * bits.
 */
export function bitOffsetArg(ctx: Ctx, s: string, bits = 0): bigint | Reply {
  const hash = bits > 0 && s.charCodeAt(0) === 35; // '#'
  let v = parseLL(hash ? s.slice(1) : s);
  if (v === null) return BIT_OFFSET_ERR;
  if (hash) v = BigInt.asIntN(64, v * BigInt(bits));
  const obeys = ctx.version === '7.0' && ctx.client.isMaster;
  if (v < 0n || (!obeys && v >> 3n >= BigInt(MAX_STRING))) return BIT_OFFSET_ERR;
  return v;
}

const POP = new Uint8Array(256);
for (let i = 1; i < 256; i++) POP[i] = (i & 1) + POP[i >> 1];

/** The set bits of s[start..end] (byte offsets, inclusive). */
export function popcount(s: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i <= end; i++) n += POP[s.charCodeAt(i)];
  return n;
}

/**
 * redisBitpos: the first bit equal to `bit` in `bytes`, counting from 0; when looking for a clear
 * bit and finding none, the bit just past the end (a string is zero-padded on the right); -1
 * when looking for a set bit and finding none.
 */
export function bitposIn(bytes: readonly number[], bit: 0 | 1): number {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (bit === 1 ? b !== 0 : b !== 0xff) {
      for (let k = 0; k < 8; k++) if (((b >> (7 - k)) & 1) === bit) return i * 8 + k;
    }
  }
  return bit === 1 ? -1 : bytes.length * 8;
}

/**
 * lookupStringForBitCommand: the string at ctx.argv[1] as bytes, grown with zero bytes so that
 * bit `maxbit` exists (a missing key becomes a new string); `grew` tells whether the key was
 * created or lengthened. The WRONGTYPE reply for another type.
 */
export function stringForBitWrite(ctx: Ctx, maxbit: bigint): { bytes: Uint8Array; grew: boolean } | Reply {
  const o = ctx.lookupWrite(ctx.argv[1]);
  if (o !== undefined && !isString(o)) return ERR.wrongType;
  const need = Number(maxbit >> 3n) + 1;
  if (need > MAX_JS_STRING) return error('ERR string exceeds maximum allowed size (proto-max-bulk-len)');
  const cur = o ?? '';
  const bytes = new Uint8Array(Math.max(need, cur.length));
  for (let i = 0; i < cur.length; i++) bytes[i] = cur.charCodeAt(i);
  return { bytes, grew: o === undefined || need > cur.length };
}

/** Store bytes as the key's string (an unshared, raw string), keeping its TTL unless told not to. */
export function storeBits(ctx: Ctx, key: string, bytes: Uint8Array, keepTtl = true): void {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  ctx.setKey(key, s, keepTtl);
  markString(ctx.db, key, s, 'raw');
}

/** getUnsignedBitfield: `bits` bits from bit `offset` of `bytes` (zero past the end). */
export function getBits(bytes: Uint8Array | string, offset: bigint, bits: number): bigint {
  let v = 0n;
  for (let j = 0n; j < BigInt(bits); j++) {
    const pos = offset + j;
    const byte = Number(pos >> 3n);
    const b = typeof bytes === 'string' ? (byte < bytes.length ? bytes.charCodeAt(byte) : 0) : (bytes[byte] ?? 0);
    const bit = (b >> (7 - Number(pos & 7n))) & 1;
    v = (v << 1n) | BigInt(bit);
  }
  return v;
}

/** setUnsignedBitfield: write the low `bits` bits of `v` at bit `offset` (the bytes exist). */
export function setBits(bytes: Uint8Array, offset: bigint, bits: number, v: bigint): void {
  for (let j = 0; j < bits; j++) {
    const bit = Number((v >> BigInt(bits - 1 - j)) & 1n);
    const pos = offset + BigInt(j);
    const byte = Number(pos >> 3n);
    const mask = 1 << (7 - Number(pos & 7n));
    bytes[byte] = bit ? bytes[byte] | mask : bytes[byte] & ~mask;
  }
}

interface FieldOp {
  op: 'get' | 'set' | 'incrby';
  signed: boolean;
  bits: number;
  offset: bigint;
  value: bigint;
  overflow: 'wrap' | 'sat' | 'fail';
}

const TYPE_ERR = error(
  'ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.',
);

/** getBitfieldTypeFromArgument: `i1`..`i64` or `u1`..`u63`. */
function fieldType(s: string): { signed: boolean; bits: number } | null {
  const signed = s.charCodeAt(0) === 105; // 'i'
  if (!signed && s.charCodeAt(0) !== 117) return null; // 'u'
  const n = parseLL(s.slice(1).split('\0')[0]);
  if (n === null || n < 1n || n > (signed ? 64n : 63n)) return null;
  return { signed, bits: Number(n) };
}

/**
 * What a field holds after adding `incr` to `value` (SET adds 0 to the new value), as
 * check(Un)signedBitfieldOverflow decides: the exact result, or on overflow the wrapped value,
 * the saturated limit, or null (FAIL: nothing is written).
 */
function fieldResult(f: FieldOp, value: bigint, incr: bigint): bigint | null {
  const max = f.signed ? (1n << BigInt(f.bits - 1)) - 1n : (1n << BigInt(f.bits)) - 1n;
  const min = f.signed ? -max - 1n : 0n;
  // An unsigned SET reads its value as an unsigned 64-bit integer (a negative one is huge).
  const sum = !f.signed && f.op === 'set' ? BigInt.asUintN(64, value) : value + incr;
  if (sum >= min && sum <= max) return sum;
  if (f.overflow === 'fail') return null;
  if (f.overflow === 'sat') return sum > max ? max : min;
  return f.signed ? BigInt.asIntN(f.bits, sum) : BigInt.asUintN(f.bits, sum);
}

/**
 * BITFIELD / BITFIELD_RO (bitfieldGeneric): parse every operation first (GET type offset, SET
 * type offset value, INCRBY type offset increment, OVERFLOW WRAP|SAT|FAIL for the operations
 * after it), then run them in order on the string, grown once to the farthest bit written.
 * Replies one integer per GET/SET/INCRBY (nil for a FAIL overflow); dirty moves by the writes
 * that changed something.
 */
export function bitfieldGeneric(ctx: Ctx, readonly: boolean): Reply {
  const argv = ctx.argv;
  const ops: FieldOp[] = [];
  let overflow: FieldOp['overflow'] = 'wrap';
  let writes = false;
  let highest = 0n;
  for (let j = 2; j < argv.length; j++) {
    const rem = argv.length - j - 1;
    const name = argv[j];
    let op: FieldOp['op'];
    if (eqi(name, 'get') && rem >= 2) op = 'get';
    else if (eqi(name, 'set') && rem >= 3) op = 'set';
    else if (eqi(name, 'incrby') && rem >= 3) op = 'incrby';
    else if (eqi(name, 'overflow') && rem >= 1) {
      const t = argv[++j];
      if (eqi(t, 'wrap')) overflow = 'wrap';
      else if (eqi(t, 'sat')) overflow = 'sat';
      else if (eqi(t, 'fail')) overflow = 'fail';
      else return error('ERR Invalid OVERFLOW type specified');
      continue;
    } else return ERR.syntax;
    const type = fieldType(argv[j + 1]);
    if (type === null) return TYPE_ERR;
    const offset = bitOffsetArg(ctx, argv[j + 2], type.bits);
    if (typeof offset !== 'bigint') return offset;
    let value = 0n;
    if (op !== 'get') {
      writes = true;
      const last = offset + BigInt(type.bits) - 1n;
      if (last > highest) highest = last;
      const v = parseLL(argv[j + 3]);
      if (v === null) return ERR.notInteger;
      value = v;
    }
    ops.push({ op, ...type, offset, value, overflow });
    j += op === 'get' ? 2 : 3;
  }
  let bytes: Uint8Array | string = '';
  let grew = false;
  if (!writes) {
    const o = ctx.lookupRead(argv[1]);
    if (o !== undefined && !isString(o)) return ERR.wrongType;
    bytes = o ?? '';
  } else {
    if (readonly) return error('ERR BITFIELD_RO only supports the GET subcommand');
    const s = stringForBitWrite(ctx, highest);
    if ('t' in s) return s;
    bytes = s.bytes;
    grew = s.grew;
  }
  const replies: Reply[] = [];
  let changes = 0;
  for (const f of ops) {
    const raw = getBits(bytes, f.offset, f.bits);
    const old = f.signed ? BigInt.asIntN(f.bits, raw) : raw;
    if (f.op === 'get') {
      replies.push(int(intValue(old)));
      continue;
    }
    const next = f.op === 'incrby' ? fieldResult(f, old, f.value) : fieldResult(f, f.value, 0n);
    if (next === null) {
      replies.push(NIL);
      continue;
    }
    replies.push(int(intValue(f.op === 'incrby' ? next : old)));
    setBits(bytes as Uint8Array, f.offset, f.bits, next);
    if (grew || next !== old) changes++;
  }
  if (changes > 0) {
    storeBits(ctx, argv[1], bytes as Uint8Array);
    ctx.dirty(changes);
  }
  return array(replies);
}

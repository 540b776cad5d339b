/**
 * HyperLogLog as Redis 7.0 stores it in a string, byte for byte (hyperloglog.c's layout), written
 * from the published algorithm:
 * - a 16-byte header: "HYLL", the encoding (0 dense, 1 sparse), three zero bytes, and the cached
 *   cardinality as 8 little-endian bytes whose top bit marks the cache stale;
 * - 16384 registers of 6 bits: dense packs them LSB first into 12288 bytes; sparse run-length
 *   codes them with ZERO (00llllll: 1-64 zeros), XZERO (01llllll llllllll: 1-16384 zeros) and
 *   VAL (1vvvvvll: 1-4 registers of value 1-32) opcodes, and turns dense once a value above 32 or
 *   more than hll-sparse-max-bytes (3000) bytes would be needed.
 * An element lands in register (hash & 16383) with the length of the run of zero bits above
 * those 14 (plus one) as its value, the hash being MurmurHash64A with seed 0xadc83b19; the
 * count is Ertl's improved estimator over the register histogram, as Redis 5+ computes it.
 */

export const HLL_REGISTERS = 16384;
const HLL_P = 14;
const HLL_Q = 64 - HLL_P;
const HDR = 16;
export const HLL_DENSE_SIZE = HDR + (HLL_REGISTERS * 6) / 8;
const SPARSE_VAL_MAX_VALUE = 32;
const SPARSE_VAL_MAX_LEN = 4;
const SPARSE_ZERO_MAX_LEN = 64;
/** hll-sparse-max-bytes' default (the engine has no such config). */
const SPARSE_MAX_BYTES = 3000;
// 0.5 / ln 2 (Redis writes 0.721347520444481703680; this is the same double).
const ALPHA_INF = 0.7213475204444817;

const M64 = (1n << 64n) - 1n;
const MURMUR_M = 0xc6a4a7935bd1e995n;

/** MurmurHash64A over a byte string (64-bit little-endian blocks, then the tail). */
export function murmurHash64A(s: string, seed: number): bigint {
  const len = s.length;
  let h = (BigInt(seed) ^ ((BigInt(len) * MURMUR_M) & M64)) & M64;
  const blocks = len - (len & 7);
  for (let i = 0; i < blocks; i += 8) {
    let k = 0n;
    for (let b = 7; b >= 0; b--) k = (k << 8n) | BigInt(s.charCodeAt(i + b) & 0xff);
    k = (k * MURMUR_M) & M64;
    k ^= k >> 47n;
    k = (k * MURMUR_M) & M64;
    h ^= k;
    h = (h * MURMUR_M) & M64;
  }
  const rest = len & 7;
  if (rest > 0) {
    for (let b = rest - 1; b >= 0; b--) h ^= BigInt(s.charCodeAt(blocks + b) & 0xff) << BigInt(8 * b);
    h = (h * MURMUR_M) & M64;
  }
  h ^= h >> 47n;
  h = (h * MURMUR_M) & M64;
  h ^= h >> 47n;
  return h;
}

/** The register an element lands in and the value it offers (hllPatLen). */
export function patLen(ele: string): [index: number, count: number] {
  let hash = murmurHash64A(ele, 0xadc83b19);
  const index = Number(hash & BigInt(HLL_REGISTERS - 1));
  hash >>= BigInt(HLL_P);
  hash |= 1n << BigInt(HLL_Q);
  let count = 1;
  while ((hash & 1n) === 0n) {
    count++;
    hash >>= 1n;
  }
  return [index, count];
}

/** A HyperLogLog value being worked on: its bytes, header included. */
export type Hll = { bytes: Uint8Array; len: number };

export function hllFromBytes(s: string): Hll {
  // Room for growth: a sparse value only grows by a few bytes per set register.
  const bytes = new Uint8Array(Math.max(s.length + 16, HLL_DENSE_SIZE));
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return { bytes, len: s.length };
}

export function hllBytes(h: Hll): string {
  let out = '';
  for (let i = 0; i < h.len; i += 8192) {
    out += String.fromCharCode(...h.bytes.subarray(i, Math.min(h.len, i + 8192)));
  }
  return out;
}

/** An empty sparse HyperLogLog (createHLLObject): one XZERO over every register, cache valid at 0. */
export function newHll(): Hll {
  const h: Hll = { bytes: new Uint8Array(HLL_DENSE_SIZE), len: HDR + 2 };
  h.bytes.set([72, 89, 76, 76, 1], 0); // "HYLL", sparse
  const l = HLL_REGISTERS - 1;
  h.bytes[HDR] = 0x40 | (l >> 8);
  h.bytes[HDR + 1] = l & 0xff;
  return h;
}

/** isHLLObjectOrReply's shape checks (the type check is the caller's). */
export function isValidHll(s: string): boolean {
  if (s.length < HDR || s.slice(0, 4) !== 'HYLL') return false;
  const enc = s.charCodeAt(4);
  if (enc > 1) return false;
  return !(enc === 0 && s.length !== HLL_DENSE_SIZE);
}

export const isDense = (h: Hll) => h.bytes[4] === 0;
export const invalidateCache = (h: Hll) => {
  h.bytes[15] |= 0x80;
};
export const cacheValid = (h: Hll) => (h.bytes[15] & 0x80) === 0;

export function readCache(h: Hll): number {
  let v = 0;
  for (let i = 7; i >= 0; i--) v = v * 256 + h.bytes[8 + i];
  return v;
}

export function writeCache(h: Hll, card: number): void {
  let v = card;
  for (let i = 0; i < 8; i++) {
    h.bytes[8 + i] = v % 256;
    v = Math.floor(v / 256);
  }
}

function denseGet(b: Uint8Array, reg: number): number {
  const byte = (reg * 6) >> 3;
  const fb = (reg * 6) & 7;
  const b1 = byte + 1 < HLL_DENSE_SIZE - HDR ? b[HDR + byte + 1] : 0;
  return ((b[HDR + byte] >> fb) | (b1 << (8 - fb))) & 63;
}

function denseSetRaw(b: Uint8Array, reg: number, v: number): void {
  const byte = HDR + ((reg * 6) >> 3);
  const fb = (reg * 6) & 7;
  const fb8 = 8 - fb;
  b[byte] = (b[byte] & ~(63 << fb)) | ((v << fb) & 0xff);
  if (byte + 1 < HLL_DENSE_SIZE) b[byte + 1] = (b[byte + 1] & ~(63 >> fb8)) | (v >> fb8);
}

/** Raise a dense register; 1 when it changed. */
function denseSet(h: Hll, reg: number, count: number): number {
  if (count <= denseGet(h.bytes, reg)) return 0;
  denseSetRaw(h.bytes, reg, count);
  return 1;
}

type Op = { kind: 'zero' | 'xzero' | 'val'; len: number; value: number; size: number };

function opAt(b: Uint8Array, p: number): Op {
  const c = b[p];
  if ((c & 0xc0) === 0) return { kind: 'zero', len: (c & 0x3f) + 1, value: 0, size: 1 };
  if ((c & 0xc0) === 0x40) return { kind: 'xzero', len: (((c & 0x3f) << 8) | b[p + 1]) + 1, value: 0, size: 2 };
  return { kind: 'val', len: (c & 3) + 1, value: ((c >> 2) & 0x1f) + 1, size: 1 };
}

const valByte = (value: number, len: number) => 0x80 | ((value - 1) << 2) | (len - 1);

/** Zero-run opcodes for `len` registers: ZERO up to 64, XZERO above. */
function zeroBytes(len: number): number[] {
  return len > SPARSE_ZERO_MAX_LEN ? [0x40 | ((len - 1) >> 8), (len - 1) & 0xff] : [len - 1];
}

/** hllSparseToDense: same header (cache included), registers expanded; false when malformed. */
export function toDense(h: Hll): boolean {
  if (isDense(h)) return true;
  const dense = new Uint8Array(HLL_DENSE_SIZE);
  dense.set(h.bytes.subarray(0, HDR));
  dense[4] = 0;
  let idx = 0;
  let p = HDR;
  while (p < h.len) {
    const op = opAt(h.bytes, p);
    if (op.kind === 'val') {
      if (idx + op.len > HLL_REGISTERS) break;
      for (let i = 0; i < op.len; i++) denseSetRaw(dense, idx++, op.value);
    } else idx += op.len;
    p += op.size;
  }
  if (idx !== HLL_REGISTERS) return false;
  h.bytes = dense;
  h.len = HLL_DENSE_SIZE;
  return true;
}

/**
 * hllSparseSet: raise register `index` to `count` in the run-length form, splitting the opcode
 * that covers it into at most three, then merging equal neighbouring VALs a few opcodes from
 * the one before it. 1 when the register changed, 0 when not, -1 when malformed.
 */
function sparseSet(h: Hll, index: number, count: number): number {
  const promote = () => {
    if (!toDense(h)) return -1;
    return denseSet(h, index, count);
  };
  if (count > SPARSE_VAL_MAX_VALUE) return promote();
  const b = h.bytes;
  let end = h.len;
  let p = HDR;
  let first = 0;
  let prev = -1;
  let op: Op | null = null;
  while (p < end) {
    op = opAt(b, p);
    if (index <= first + op.len - 1) break;
    prev = p;
    p += op.size;
    first += op.len;
  }
  if (op === null || p >= end) return -1;
  let done = false;
  if (op.kind === 'val') {
    if (op.value >= count) return 0;
    if (op.len === 1) {
      b[p] = valByte(count, 1);
      done = true;
    }
  } else if (op.kind === 'zero' && op.len === 1) {
    b[p] = valByte(count, 1);
    done = true;
  }
  if (!done) {
    const last = first + op.len - 1;
    const seq: number[] = [];
    if (op.kind !== 'val') {
      if (index !== first) seq.push(...zeroBytes(index - first));
      seq.push(valByte(count, 1));
      if (index !== last) seq.push(...zeroBytes(last - index));
    } else {
      if (index !== first) seq.push(valByte(op.value, index - first));
      seq.push(valByte(count, 1));
      if (index !== last) seq.push(valByte(op.value, last - index));
    }
    const delta = seq.length - op.size;
    if (delta > 0 && h.len + delta > SPARSE_MAX_BYTES) return promote();
    b.copyWithin(p + op.size + delta, p + op.size, end);
    b.set(seq, p);
    end += delta;
    h.len = end;
  }
  // Merge neighbouring VALs of one value while their lengths fit one opcode.
  p = prev >= 0 ? prev : HDR;
  let scan = 5;
  while (p < end && scan-- > 0) {
    const cur = opAt(b, p);
    if (cur.kind !== 'val') {
      p += cur.size;
      continue;
    }
    if (p + 1 < end) {
      const nxt = opAt(b, p + 1);
      if (nxt.kind === 'val' && nxt.value === cur.value && cur.len + nxt.len <= SPARSE_VAL_MAX_LEN) {
        b[p + 1] = valByte(cur.value, cur.len + nxt.len);
        b.copyWithin(p, p + 1, end);
        end--;
        h.len = end;
        continue;
      }
    }
    p++;
  }
  invalidateCache(h);
  return 1;
}

/** hllAdd: 1 when a register grew, 0 when not, -1 when the value is malformed. */
export function hllAdd(h: Hll, ele: string): number {
  const [index, count] = patLen(ele);
  if (isDense(h)) return denseSet(h, index, count);
  return sparseSet(h, index, count);
}

/** Raise register `reg` to `v` in either form (PFMERGE's write-back). */
export function hllSet(h: Hll, reg: number, v: number): number {
  return isDense(h) ? denseSet(h, reg, v) : sparseSet(h, reg, v);
}

/** hllMerge: fold the registers into `max`; false when a sparse value is malformed. */
export function hllMerge(max: Uint8Array, h: Hll): boolean {
  if (isDense(h)) {
    for (let i = 0; i < HLL_REGISTERS; i++) {
      const v = denseGet(h.bytes, i);
      if (v > max[i]) max[i] = v;
    }
    return true;
  }
  let idx = 0;
  let p = HDR;
  while (p < h.len) {
    const op = opAt(h.bytes, p);
    if (op.kind === 'val') {
      if (idx + op.len > HLL_REGISTERS) break;
      for (let i = 0; i < op.len; i++, idx++) if (op.value > max[idx]) max[idx] = op.value;
    } else idx += op.len;
    p += op.size;
  }
  return idx === HLL_REGISTERS;
}

/** The registers of a value as a plain array, or null when malformed. */
export function registers(h: Hll): Uint8Array | null {
  const r = new Uint8Array(HLL_REGISTERS);
  return hllMerge(r, h) ? r : null;
}

function sigma(x0: number): number {
  if (x0 === 1) return Number.POSITIVE_INFINITY;
  let x = x0;
  let y = 1;
  let z = x;
  let zPrime: number;
  do {
    x *= x;
    zPrime = z;
    z += x * y;
    y += y;
  } while (zPrime !== z);
  return z;
}

function tau(x0: number): number {
  if (x0 === 0 || x0 === 1) return 0;
  let x = x0;
  let y = 1;
  let z = 1 - x;
  let zPrime: number;
  do {
    x = Math.sqrt(x);
    zPrime = z;
    y *= 0.5;
    z -= (1 - x) * (1 - x) * y;
  } while (zPrime !== z);
  return z / 3;
}

/** hllCount over plain registers: the estimate from their histogram. */
export function countRegisters(regs: Uint8Array): number {
  const m = HLL_REGISTERS;
  const histo = new Array<number>(64).fill(0);
  for (let i = 0; i < m; i++) histo[regs[i]]++;
  let z = m * tau((m - histo[HLL_Q + 1]) / m);
  for (let j = HLL_Q; j >= 1; j--) {
    z += histo[j];
    z *= 0.5;
  }
  z += m * sigma(histo[0] / m);
  return Math.round((ALPHA_INF * m * m) / z);
}

/** The replies for a value that is not a HyperLogLog, and for one whose runs do not add up. */
export const NOT_HLL_MSG = 'WRONGTYPE Key is not a valid HyperLogLog string value.';
export const CORRUPT_HLL_MSG = 'INVALIDOBJ Corrupted HLL object detected';

/** 2^-reg, exact. */
const PE = Array.from({ length: 64 }, (_, j) => 2 ** -j);

/**
 * 4.0's hllCount (LogLog-Beta): sum of 2^-register and the count of zero registers, summed in
 * the order 4.0 sums them for each form (the order decides the last bits of the double), then
 * its bias polynomial in log(zeros + 1).
 */
function countBeta(sum: number, ez: number): number {
  const m = HLL_REGISTERS;
  const alpha = 0.7213 / (1 + 1.079 / m);
  const zl = Math.log(ez + 1);
  const beta =
    -0.370393911 * ez +
    0.070471823 * zl +
    0.17393686 * zl ** 2 +
    0.16339839 * zl ** 3 +
    -0.09237745 * zl ** 4 +
    0.03738027 * zl ** 5 +
    -0.005384159 * zl ** 6 +
    0.00042419 * zl ** 7;
  return Math.round(alpha * m * (m - ez) * (1 / (sum + beta)));
}

/** 4.0's count of one stored value (hllDenseSum / hllSparseSum); null when malformed. */
export function count40(h: Hll): number | null {
  let sum = 0;
  let ez = 0;
  if (isDense(h)) {
    // Sixteen registers at a time, summed in pairs, as 4.0's unrolled loop does.
    const r = new Array<number>(16);
    for (let g = 0; g < HLL_REGISTERS; g += 16) {
      for (let k = 0; k < 16; k++) {
        r[k] = denseGet(h.bytes, g + k);
        if (r[k] === 0) ez++;
      }
      sum +=
        PE[r[0]] +
        PE[r[1]] +
        (PE[r[2]] + PE[r[3]]) +
        (PE[r[4]] + PE[r[5]]) +
        (PE[r[6]] + PE[r[7]]) +
        (PE[r[8]] + PE[r[9]]) +
        (PE[r[10]] + PE[r[11]]) +
        (PE[r[12]] + PE[r[13]]) +
        (PE[r[14]] + PE[r[15]]);
    }
    return countBeta(sum, ez);
  }
  let idx = 0;
  for (let p = HDR; p < h.len; ) {
    const op = opAt(h.bytes, p);
    idx += op.len;
    if (op.kind === 'val') sum += PE[op.value] * op.len;
    else ez += op.len;
    p += op.size;
  }
  if (idx !== HLL_REGISTERS) return null;
  return countBeta(sum + ez, ez);
}

/** 4.0's count of merged registers (hllRawSum). */
export function countRegisters40(regs: Uint8Array): number {
  let sum = 0;
  let ez = 0;
  for (let i = 0; i < HLL_REGISTERS; i++) {
    if (regs[i] !== 0) sum += PE[regs[i]];
    else ez++;
  }
  return countBeta(sum + ez, ez);
}

/** The sparse opcodes as PFDEBUG DECODE spells them ("z:len", "Z:len", "v:value,len"). */
export function decodeSparse(h: Hll): string {
  const parts: string[] = [];
  for (let p = HDR; p < h.len; ) {
    const op = opAt(h.bytes, p);
    parts.push(op.kind === 'zero' ? `z:${op.len}` : op.kind === 'xzero' ? `Z:${op.len}` : `v:${op.value},${op.len}`);
    p += op.size;
  }
  return parts.join(' ');
}

/**
 * PFSELFTEST's checks, on this implementation: every value 0..63 survives a dense register
 * round trip at both ends of a byte, and the same elements added to a sparse and to a dense
 * value leave the same registers. The failure text, or null.
 */
export function selfTest(): string | null {
  const d = newHll();
  toDense(d);
  for (let reg = 0; reg < 16; reg++) {
    for (let v = 0; v < 64; v++) {
      denseSetRaw(d.bytes, reg, v);
      if (denseGet(d.bytes, reg) !== v) return `TESTFAILED Register error at ${reg}`;
    }
  }
  const sparse = newHll();
  const dense = newHll();
  toDense(dense);
  for (let i = 0; i < 2000; i++) {
    hllAdd(sparse, `selftest:${i}`);
    hllAdd(dense, `selftest:${i}`);
  }
  const a = registers(sparse);
  const b = registers(dense);
  if (a === null || b === null) return 'TESTFAILED corrupted sparse representation';
  for (let i = 0; i < HLL_REGISTERS; i++) if (a[i] !== b[i]) return `TESTFAILED Register error at ${i}`;
  return null;
}

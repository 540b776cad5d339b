/**
 * RDB writer (rdb.c rdbSaveRio): the snapshot a server writes on SAVE/BGSAVE and streams to a
 * replica on full sync, byte for byte as Redis 7.0 (RDB version 10) or Redis 4.0 (RDB version 8)
 * writes it with the default configuration.
 *
 * Layout: magic `REDIS00NN`; aux fields (redis-ver, redis-bits, ctime, used-mem, then repl-stream-db,
 * repl-id, repl-offset when replication info is given, then aof-base / aof-preamble 0); for each
 * non-empty db SELECTDB id and RESIZEDB sizes, then its keys (an optional millisecond expiry, the type
 * byte, the key, the value); EOF; CRC-64 of everything before, little-endian.
 *
 * Small values are written in the compact encodings the server would hold them in: listpacks (7.0) or
 * ziplists (4.0) for lists, small hashes and small sorted sets, intsets for small all-integer sets.
 * Lists are split into 8 KB nodes the way a list grown by RPUSH is (`list-max-listpack-size -2`).
 * Keys are written in Map order, so a dump loaded with `loadRdb` and written again reproduces the
 * original file exactly. What cannot be reproduced is a real server's hash-table order for its own
 * keys, big hashes and big sets (it depends on a random hash seed): those files match in size only.
 */
import type { Db, RHash, RList, RSet, RValue, RZSet } from '../keyspace';
import { Crc64 } from './crc64';
import { lzfCompressInto } from './lzf';
import { type RdbSink, writeStream } from './stream';

/** RDB value types (rdb.h RDB_TYPE_*). */
export const RDB_TYPE = {
  STRING: 0,
  LIST: 1,
  SET: 2,
  ZSET: 3,
  HASH: 4,
  ZSET_2: 5,
  MODULE_PRE_GA: 6,
  MODULE_2: 7,
  HASH_ZIPMAP: 9,
  LIST_ZIPLIST: 10,
  SET_INTSET: 11,
  ZSET_ZIPLIST: 12,
  HASH_ZIPLIST: 13,
  LIST_QUICKLIST: 14,
  STREAM_LISTPACKS: 15,
  HASH_LISTPACK: 16,
  ZSET_LISTPACK: 17,
  LIST_QUICKLIST_2: 18,
  STREAM_LISTPACKS_2: 19,
  SET_LISTPACK: 20,
  STREAM_LISTPACKS_3: 21,
} as const;

/** RDB opcodes (rdb.h RDB_OPCODE_*). */
export const RDB_OPCODE = {
  FUNCTION2: 0xf5,
  FUNCTION_PRE_GA: 0xf6,
  MODULE_AUX: 0xf7,
  IDLE: 0xf8,
  FREQ: 0xf9,
  AUX: 0xfa,
  RESIZEDB: 0xfb,
  EXPIRETIME_MS: 0xfc,
  EXPIRETIME: 0xfd,
  SELECTDB: 0xfe,
  EOF: 0xff,
} as const;

/** The RDB dialect: what Redis 4.0 (RDB 8) or Redis 7.0 (RDB 10) writes. */
export type RdbVersion = '4.0' | '7.0';

/** RDB format version number written by each dialect. */
export const RDB_VERSION_NUMBER: Readonly<Record<RdbVersion, number>> = { '4.0': 8, '7.0': 10 };

/** The aux fields at the head of the file. */
export interface RdbAux {
  /** `redis-ver`, e.g. "7.0.15". */
  redisVer: string;
  /** `ctime`: creation time, unix seconds. */
  ctime: number;
  /** `used-mem`: the server's used memory in bytes. */
  usedMem: number;
  /** Replication info (written when the server has a replication backlog or a master). */
  repl?: { streamDb: number; replid: string; offset: number };
  /**
   * The function libraries' code (7.0), written after the aux fields as RDB_OPCODE_FUNCTION2
   * records (not aux fields, but like them part of every snapshot's head).
   */
  functions?: readonly string[];
}

/** Size thresholds for the compact encodings (the `*-max-*` configs); defaults are Redis's built-ins. */
export interface RdbEncodingLimits {
  /** `hash-max-listpack-entries` / `hash-max-ziplist-entries` (512). */
  hashMaxEntries: number;
  /** `hash-max-listpack-value` / `hash-max-ziplist-value` (64). */
  hashMaxValue: number;
  /** `set-max-intset-entries` (512). */
  setMaxIntsetEntries: number;
  /** `zset-max-listpack-entries` / `zset-max-ziplist-entries` (128). */
  zsetMaxEntries: number;
  /** `zset-max-listpack-value` / `zset-max-ziplist-value` (64). */
  zsetMaxValue: number;
  /** `stream-node-max-entries` (100) and `stream-node-max-bytes` (4096): how streams split into nodes. */
  streamNodeMaxEntries: number;
  streamNodeMaxBytes: number;
}

export const DEFAULT_ENCODING_LIMITS: Readonly<RdbEncodingLimits> = {
  hashMaxEntries: 512,
  hashMaxValue: 64,
  setMaxIntsetEntries: 512,
  zsetMaxEntries: 128,
  zsetMaxValue: 64,
  streamNodeMaxEntries: 100,
  streamNodeMaxBytes: 4096,
};

export interface WriteRdbOptions {
  /** `rdbcompression`: LZF-compress strings longer than 20 bytes when that saves space (default true). */
  compression?: boolean;
  /** Encoding thresholds, if the server runs with non-default `*-max-*` settings. */
  limits?: Partial<RdbEncodingLimits>;
}

/** Lists are split into nodes of at most this many bytes (`list-max-*-size -2`). */
const LIST_NODE_BYTES = 8192;
/** QUICKLIST_2 node container: packed (a listpack). */
const QUICKLIST_NODE_PACKED = 2;

// ---------------------------------------------------------------------------------------------
// A growable byte buffer.

class Buf {
  a: Uint8Array;
  n = 0;
  constructor(cap = 256) {
    this.a = new Uint8Array(cap);
  }
  /** Make room for `k` more bytes. */
  room(k: number): void {
    if (this.n + k <= this.a.length) return;
    let cap = this.a.length * 2;
    while (cap < this.n + k) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.a.subarray(0, this.n));
    this.a = b;
  }
  byte(v: number): void {
    if (this.n === this.a.length) this.room(1);
    this.a[this.n++] = v;
  }
  /** The bytes of a byte string. */
  bin(s: string): void {
    const k = s.length;
    this.room(k);
    const a = this.a;
    let n = this.n;
    for (let i = 0; i < k; i++) a[n++] = s.charCodeAt(i);
    this.n = n;
  }
  bytes(b: Uint8Array, start = 0, end = b.length): void {
    this.room(end - start);
    this.a.set(b.subarray(start, end), this.n);
    this.n += end - start;
  }
  u16le(v: number): void {
    this.room(2);
    this.a[this.n++] = v & 0xff;
    this.a[this.n++] = (v >>> 8) & 0xff;
  }
  u32le(v: number): void {
    this.room(4);
    const a = this.a;
    a[this.n++] = v & 0xff;
    a[this.n++] = (v >>> 8) & 0xff;
    a[this.n++] = (v >>> 16) & 0xff;
    a[this.n++] = (v >>> 24) & 0xff;
  }
  /** A signed 64-bit integer, little-endian (unix-ms times, 64-bit packed integers). */
  i64le(v: number | bigint): void {
    if (typeof v === 'number' && v >= 0 && v <= Number.MAX_SAFE_INTEGER) {
      this.u32le(v % 0x100000000);
      this.u32le(Math.floor(v / 0x100000000));
      return;
    }
    const u = BigInt.asUintN(64, BigInt(v));
    this.u32le(Number(u & 0xffffffffn));
    this.u32le(Number(u >> 32n));
  }
  /** rdbSaveLen of a full 64-bit value. */
  lenBig(v: bigint): void {
    if (v <= 0xffffffffn) {
      this.len(Number(v));
      return;
    }
    this.byte(0x81);
    for (let i = 7; i >= 0; i--) this.byte(Number((v >> BigInt(8 * i)) & 0xffn));
  }
  /** rdbSaveLen: 6-, 14-, 32- or 64-bit length. */
  len(v: number): void {
    if (v < 0x40) {
      this.byte(v);
    } else if (v < 0x4000) {
      this.room(2);
      this.a[this.n++] = 0x40 | (v >>> 8);
      this.a[this.n++] = v & 0xff;
    } else if (v <= 0xffffffff) {
      this.room(5);
      const a = this.a;
      a[this.n++] = 0x80;
      a[this.n++] = v >>> 24;
      a[this.n++] = (v >>> 16) & 0xff;
      a[this.n++] = (v >>> 8) & 0xff;
      a[this.n++] = v & 0xff;
    } else {
      this.byte(0x81);
      const hi = Math.floor(v / 0x100000000);
      const lo = v % 0x100000000;
      for (const w of [hi, lo]) {
        this.byte(w >>> 24);
        this.byte((w >>> 16) & 0xff);
        this.byte((w >>> 8) & 0xff);
        this.byte(w & 0xff);
      }
    }
  }
  view(): Uint8Array {
    return this.a.subarray(0, this.n);
  }
  /** Hand out the bytes written so far and start again on a fresh array of `cap` bytes. */
  cut(cap: number): Uint8Array {
    const v = this.view();
    this.a = new Uint8Array(cap);
    this.n = 0;
    return v;
  }
}

// ---------------------------------------------------------------------------------------------
// Integers in strings (util.c string2ll: the only strings Redis treats as integers).

/**
 * The value of `s` if it is the canonical decimal form of a signed 64-bit integer: optional '-',
 * no leading zeros, no '+', no spaces, at most 20 characters; else null. Values beyond 2^53 come
 * back as bigint.
 */
export function parseInt64(s: string): number | bigint | null {
  const n = s.length;
  if (n === 0 || n > 20) return null;
  let i = 0;
  const neg = s.charCodeAt(0) === 45;
  if (neg) {
    if (n === 1) return null;
    i = 1;
  }
  const c0 = s.charCodeAt(i);
  if (c0 < 49 || c0 > 57) return n === 1 && c0 === 48 ? 0 : null;
  for (let j = i + 1; j < n; j++) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) return null;
  }
  if (n - i <= 15) {
    const v = Number(s);
    return v;
  }
  const v = BigInt(s);
  if (v > 0x7fffffffffffffffn || v < -0x8000000000000000n) return null;
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

/** The value of `s` if it is a canonical integer that fits in 32 bits (RDB's integer string forms). */
function int32Of(s: string): number | null {
  const n = s.length;
  if (n === 0 || n > 11) return null;
  const c = s.charCodeAt(0);
  if (c !== 45 && (c < 48 || c > 57)) return null;
  const v = parseInt64(s);
  if (typeof v !== 'number' || v < -2147483648 || v > 2147483647) return null;
  return v;
}

// ---------------------------------------------------------------------------------------------
// Doubles as Redis prints them.

/** printf("%.17g", x) for a finite non-zero x, rounding exact ties to even as glibc does. */
export function formatG17(x: number): string {
  const parts = x.toExponential(16).split('e');
  let mant = parts[0];
  let exp = Number(parts[1]);
  // JS rounds exact ties away from zero; glibc to even. A tie at 17 digits means the exact value
  // has exactly 18 significant digits, which needs x * 2^25 to be an integer.
  const ax = Math.abs(x);
  if (!Number.isInteger(ax) && Number.isInteger(ax * 33554432)) {
    let q = 0;
    let m = ax;
    while (!Number.isInteger(m)) {
      m *= 2;
      q++;
    }
    const exact = (BigInt(m) * 5n ** BigInt(q)).toString();
    if (exact.length === 18) {
      let d = BigInt(exact.slice(0, 17));
      if (d & 1n) d += 1n; // the 18th digit is a 5 with nothing after it: round half to even
      let ds = d.toString();
      // exponent of the leading digit: the value is digits * 10^-q
      exp = exact.length - 1 - q;
      if (ds.length === 18) {
        ds = ds.slice(0, 17);
        exp++;
      }
      mant = (x < 0 ? '-' : '') + ds[0] + '.' + ds.slice(1);
    }
  }
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  let out: string;
  if (exp < -4 || exp >= 17) {
    let frac = digits.slice(1).replace(/0+$/, '');
    frac = frac ? '.' + frac : '';
    const e = Math.abs(exp);
    out = digits[0] + frac + 'e' + (exp < 0 ? '-' : '+') + (e < 10 ? '0' + e : String(e));
  } else if (exp >= 0) {
    const int = digits.slice(0, exp + 1);
    const frac = digits.slice(exp + 1).replace(/0+$/, '');
    out = frac ? int + '.' + frac : int;
  } else {
    const frac = ('0'.repeat(-exp - 1) + digits).replace(/0+$/, '');
    out = '0.' + frac;
  }
  return neg ? '-' + out : out;
}

/** An integral double as a decimal integer (exact, also beyond 2^53). */
const intString = (x: number): string => (Math.abs(x) <= Number.MAX_SAFE_INTEGER ? String(x) : BigInt(x).toString());

/**
 * A list's quicklist nodes, as listpacks (7.0) or ziplists (4.0). Split as quicklistPushTail does:
 * a node takes an element while its size plus the element's length plus the estimated entry
 * overhead stays within 8 KB.
 */
export function listNodes(items: readonly string[], v7: boolean): Uint8Array[] {
  const nodes: Uint8Array[] = [];
  let node: ListpackBuilder | ZiplistBuilder | null = null;
  for (const item of items) {
    const sz = item.length;
    if (node) {
      const overhead = v7 ? 8 : (sz < 254 ? 1 : 5) + (sz < 64 ? 1 : sz < 16384 ? 2 : 5);
      if (node.size + sz + overhead > LIST_NODE_BYTES) {
        nodes.push(node.finish());
        node = null;
      }
    }
    if (!node) node = v7 ? new ListpackBuilder() : new ZiplistBuilder();
    node.add(item);
  }
  if (node) nodes.push(node.finish());
  return nodes;
}

/** How a sorted-set score is stored in a 7.0 listpack (zzlInsertAt: double2ll, else d2string). */
function scoreString70(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) <= 2 ** 62) return intString(x === 0 ? 0 : x);
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x < 0 ? '-inf' : 'inf';
  return formatG17(x);
}

/** How a sorted-set score is stored in a 4.0 ziplist (d2string). */
function scoreString40(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x < 0 ? '-inf' : 'inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  if (Number.isInteger(x) && x > -4503599627370495 && x < 4503599627370496) return String(x);
  return formatG17(x);
}

// ---------------------------------------------------------------------------------------------
// Packed encodings.

/** Bytes of a listpack entry's back-length field for an entry of `l` bytes. */
const lpBacklenSize = (l: number): number => (l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5);

/** Builds a listpack (listpack.c, Redis 5+): 6-byte header, entries, 0xFF. */
export class ListpackBuilder {
  readonly b = new Buf(64);
  count = 0;
  constructor() {
    this.b.n = 6;
  }
  /** Append an element; integer-looking strings are stored as integers (lpAppend). */
  add(s: string): void {
    const b = this.b;
    const v = s.length > 0 && s.length <= 20 ? parseInt64(s) : null;
    const start = b.n;
    if (v !== null) {
      if (typeof v === 'number' && v >= 0 && v <= 127) {
        b.byte(v);
      } else if (typeof v === 'number' && v >= -4096 && v <= 4095) {
        const u = v < 0 ? 8192 + v : v;
        b.byte(0xc0 | (u >>> 8));
        b.byte(u & 0xff);
      } else if (typeof v === 'number' && v >= -32768 && v <= 32767) {
        b.byte(0xf1);
        b.u16le(v & 0xffff);
      } else if (typeof v === 'number' && v >= -8388608 && v <= 8388607) {
        const u = v & 0xffffff;
        b.byte(0xf2);
        b.byte(u & 0xff);
        b.byte((u >>> 8) & 0xff);
        b.byte(u >>> 16);
      } else if (typeof v === 'number' && v >= -2147483648 && v <= 2147483647) {
        b.byte(0xf3);
        b.u32le(v >>> 0);
      } else {
        b.byte(0xf4);
        b.i64le(v);
      }
    } else {
      const n = s.length;
      if (n < 64) {
        b.byte(0x80 | n);
      } else if (n < 4096) {
        b.byte(0xe0 | (n >>> 8));
        b.byte(n & 0xff);
      } else {
        b.byte(0xf0);
        b.u32le(n);
      }
      b.bin(s);
    }
    // Back-length: the entry's size, 7 bits per byte, most significant first, high bit marks
    // continuation (read backwards from the end).
    const l = b.n - start;
    const k = lpBacklenSize(l);
    for (let i = k - 1; i >= 0; i--) {
      const part = Math.floor(l / 2 ** (7 * i)) & 127;
      b.byte(i === k - 1 ? part : part | 128);
    }
    this.count++;
  }
  /** Current size in bytes, terminator included (lpBytes: what quicklist node sizing looks at). */
  get size(): number {
    return this.b.n + 1;
  }
  finish(): Uint8Array {
    const b = this.b;
    b.byte(0xff);
    const a = b.a;
    const total = b.n;
    a[0] = total & 0xff;
    a[1] = (total >>> 8) & 0xff;
    a[2] = (total >>> 16) & 0xff;
    a[3] = total >>> 24;
    const num = Math.min(this.count, 65535);
    a[4] = num & 0xff;
    a[5] = num >>> 8;
    return b.view();
  }
}

/** Builds a ziplist (ziplist.c, Redis ≤ 6): 10-byte header, entries, 0xFF. Tail appends only. */
class ZiplistBuilder {
  readonly b = new Buf(64);
  count = 0;
  private prevLen = 0;
  private tail = 10;
  constructor() {
    this.b.n = 10;
  }
  add(s: string): void {
    const b = this.b;
    const start = b.n;
    this.tail = start;
    if (this.prevLen < 254) {
      b.byte(this.prevLen);
    } else {
      b.byte(0xfe);
      b.u32le(this.prevLen);
    }
    const v = s.length > 0 && s.length < 32 ? parseInt64(s) : null;
    if (v !== null) {
      if (typeof v === 'number' && v >= 0 && v <= 12) {
        b.byte(0xf1 + v);
      } else if (typeof v === 'number' && v >= -128 && v <= 127) {
        b.byte(0xfe);
        b.byte(v & 0xff);
      } else if (typeof v === 'number' && v >= -32768 && v <= 32767) {
        b.byte(0xc0);
        b.u16le(v & 0xffff);
      } else if (typeof v === 'number' && v >= -8388608 && v <= 8388607) {
        const u = v & 0xffffff;
        b.byte(0xf0);
        b.byte(u & 0xff);
        b.byte((u >>> 8) & 0xff);
        b.byte(u >>> 16);
      } else if (typeof v === 'number' && v >= -2147483648 && v <= 2147483647) {
        b.byte(0xd0);
        b.u32le(v >>> 0);
      } else {
        b.byte(0xe0);
        b.i64le(v);
      }
    } else {
      const n = s.length;
      if (n <= 0x3f) {
        b.byte(n);
      } else if (n <= 0x3fff) {
        b.byte(0x40 | (n >>> 8));
        b.byte(n & 0xff);
      } else {
        b.byte(0x80);
        b.byte(n >>> 24);
        b.byte((n >>> 16) & 0xff);
        b.byte((n >>> 8) & 0xff);
        b.byte(n & 0xff);
      }
      b.bin(s);
    }
    this.prevLen = b.n - start;
    this.count++;
  }
  /** Current size in bytes, terminator included (ziplistBlobLen). */
  get size(): number {
    return this.b.n + 1;
  }
  finish(): Uint8Array {
    const b = this.b;
    b.byte(0xff);
    const a = b.a;
    const total = b.n;
    a[0] = total & 0xff;
    a[1] = (total >>> 8) & 0xff;
    a[2] = (total >>> 16) & 0xff;
    a[3] = total >>> 24;
    const t = this.tail;
    a[4] = t & 0xff;
    a[5] = (t >>> 8) & 0xff;
    a[6] = (t >>> 16) & 0xff;
    a[7] = t >>> 24;
    const num = Math.min(this.count, 65535);
    a[8] = num & 0xff;
    a[9] = num >>> 8;
    return b.view();
  }
}

/** Integer members of a set, if every member is one (else null). */
function setIntegers(set: Set<string>): (number | bigint)[] | null {
  const out: (number | bigint)[] = [];
  for (const m of set) {
    const v = parseInt64(m);
    if (v === null) return null;
    out.push(v);
  }
  return out;
}

/** An intset (intset.c): u32 width (2, 4 or 8), u32 count, the values sorted ascending, all LE. */
function buildIntset(vals: (number | bigint)[]): Uint8Array {
  let big = false;
  for (const v of vals) if (typeof v === 'bigint') big = true;
  if (big) vals.sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
  else (vals as number[]).sort((a, b) => a - b);
  let width = 2;
  for (const v of vals) {
    if (typeof v === 'bigint' || v < -2147483648 || v > 2147483647) width = 8;
    else if (width < 4 && (v < -32768 || v > 32767)) width = 4;
  }
  const b = new Buf(8 + vals.length * width);
  b.u32le(width);
  b.u32le(vals.length);
  for (const v of vals) {
    if (width === 2) b.u16le((v as number) & 0xffff);
    else if (width === 4) b.u32le((v as number) >>> 0);
    else b.i64le(v);
  }
  return b.view();
}

// ---------------------------------------------------------------------------------------------
// The file.

class RdbWriter {
  readonly out = new Buf(1 << 16);
  private scratchIn = new Uint8Array(256);
  private scratchOut = new Uint8Array(256);
  readonly limits: RdbEncodingLimits;
  constructor(
    readonly v7: boolean,
    readonly compression: boolean,
    limits: Partial<RdbEncodingLimits> | undefined,
  ) {
    this.limits = { ...DEFAULT_ENCODING_LIMITS, ...limits };
  }

  /** Try LZF on `src[0, n)`; on success write the 0xC3 form and return true. */
  private tryLzf(src: Uint8Array, n: number): boolean {
    const limit = n - 4;
    if (this.scratchOut.length < limit + 4)
      this.scratchOut = new Uint8Array(Math.max(limit + 4, this.scratchOut.length * 2));
    const c = lzfCompressInto(src, 0, n, this.scratchOut, 0, limit);
    if (c === 0) return false;
    const o = this.out;
    o.byte(0xc3);
    o.len(c);
    o.len(n);
    o.bytes(this.scratchOut, 0, c);
    return true;
  }

  /** rdbSaveRawString for a byte string: integer form, LZF form, or length + bytes. */
  string(s: string): void {
    const n = s.length;
    const o = this.out;
    if (n <= 11) {
      const v = int32Of(s);
      if (v !== null) {
        if (v >= -128 && v <= 127) {
          o.byte(0xc0);
          o.byte(v & 0xff);
        } else if (v >= -32768 && v <= 32767) {
          o.byte(0xc1);
          o.u16le(v & 0xffff);
        } else {
          o.byte(0xc2);
          o.u32le(v >>> 0);
        }
        return;
      }
    }
    if (this.compression && n > 20) {
      if (this.scratchIn.length < n) this.scratchIn = new Uint8Array(Math.max(n, this.scratchIn.length * 2));
      const a = this.scratchIn;
      for (let i = 0; i < n; i++) a[i] = s.charCodeAt(i);
      if (this.tryLzf(a, n)) return;
    }
    o.len(n);
    o.bin(s);
  }

  /** rdbSaveRawString for a packed blob (which is never integer-looking). */
  blob(b: Uint8Array): void {
    if (this.compression && b.length > 20 && this.tryLzf(b, b.length)) return;
    this.out.len(b.length);
    this.out.bytes(b);
  }

  aux(key: string, val: string): void {
    this.out.byte(RDB_OPCODE.AUX);
    this.string(key);
    this.string(val);
  }

  /** Type byte and value, in the encoding the server would use. */
  typeAndValue(key: string, v: RValue): void {
    const o = this.out;
    if (typeof v === 'string') {
      o.byte(RDB_TYPE.STRING);
      this.string(key);
      this.string(v);
      return;
    }
    switch (v.type) {
      case 'list':
        this.list(key, v);
        return;
      case 'hash':
        this.hash(key, v);
        return;
      case 'set':
        this.set(key, v);
        return;
      case 'zset':
        this.zset(key, v);
        return;
      case 'stream':
        o.byte(RDB_TYPE.STREAM_LISTPACKS_2);
        this.string(key);
        writeStream(this.sink, v, {
          maxEntries: this.limits.streamNodeMaxEntries,
          maxBytes: this.limits.streamNodeMaxBytes,
        });
        return;
    }
  }

  /** The writer as the stream encoder sees it. */
  private readonly sink: RdbSink = {
    len: (v) => this.out.len(v),
    lenBig: (v) => this.out.lenBig(v),
    string: (s) => this.string(s),
    blob: (b) => this.blob(b),
    raw: (b) => this.out.bytes(b),
    msTime: (ms) => this.out.i64le(ms),
  };

  private list(key: string, v: RList): void {
    const o = this.out;
    o.byte(this.v7 ? RDB_TYPE.LIST_QUICKLIST_2 : RDB_TYPE.LIST_QUICKLIST);
    this.string(key);
    const nodes = listNodes(v.items, this.v7);
    o.len(nodes.length);
    for (const blob of nodes) {
      if (this.v7) o.len(QUICKLIST_NODE_PACKED);
      this.blob(blob);
    }
  }

  private hash(key: string, v: RHash): void {
    const o = this.out;
    const { hashMaxEntries, hashMaxValue } = this.limits;
    let small = v.map.size <= hashMaxEntries;
    if (small) {
      for (const [f, val] of v.map) {
        if (f.length > hashMaxValue || val.length > hashMaxValue) {
          small = false;
          break;
        }
      }
    }
    if (small) {
      o.byte(this.v7 ? RDB_TYPE.HASH_LISTPACK : RDB_TYPE.HASH_ZIPLIST);
      this.string(key);
      const pack = this.v7 ? new ListpackBuilder() : new ZiplistBuilder();
      for (const [f, val] of v.map) {
        pack.add(f);
        pack.add(val);
      }
      this.blob(pack.finish());
      return;
    }
    o.byte(RDB_TYPE.HASH);
    this.string(key);
    o.len(v.map.size);
    for (const [f, val] of v.map) {
      this.string(f);
      this.string(val);
    }
  }

  private set(key: string, v: RSet): void {
    const o = this.out;
    const ints = v.set.size <= this.limits.setMaxIntsetEntries ? setIntegers(v.set) : null;
    if (ints) {
      o.byte(RDB_TYPE.SET_INTSET);
      this.string(key);
      this.blob(buildIntset(ints));
      return;
    }
    o.byte(RDB_TYPE.SET);
    this.string(key);
    o.len(v.set.size);
    for (const m of v.set) this.string(m);
  }

  private zset(key: string, v: RZSet): void {
    const o = this.out;
    const { zsetMaxEntries, zsetMaxValue } = this.limits;
    let small = v.sorted.length <= zsetMaxEntries;
    if (small) {
      for (const e of v.sorted) {
        if (e.member.length > zsetMaxValue) {
          small = false;
          break;
        }
      }
    }
    if (small) {
      o.byte(this.v7 ? RDB_TYPE.ZSET_LISTPACK : RDB_TYPE.ZSET_ZIPLIST);
      this.string(key);
      const pack = this.v7 ? new ListpackBuilder() : new ZiplistBuilder();
      for (const e of v.sorted) {
        pack.add(e.member);
        pack.add(this.v7 ? scoreString70(e.score) : scoreString40(e.score));
      }
      this.blob(pack.finish());
      return;
    }
    // ZSET_2: from the highest to the lowest, scores as binary doubles.
    o.byte(RDB_TYPE.ZSET_2);
    this.string(key);
    o.len(v.sorted.length);
    const f = new Float64Array(1);
    const fb = new Uint8Array(f.buffer);
    for (let i = v.sorted.length - 1; i >= 0; i--) {
      const e = v.sorted[i];
      this.string(e.member);
      f[0] = e.score;
      o.bytes(fb);
    }
  }
}

/** writeRdb cuts its output after a key once it holds this many bytes... */
const RDB_PIECE = 1 << 20;
/** ...into arrays with room for a typical key past that point (a bigger one grows its array). */
const RDB_PIECE_CAP = RDB_PIECE + (1 << 16);

/**
 * Serialize databases as an RDB file the way Redis `version` would (SAVE, BGSAVE, full sync).
 * Databases are written in ascending id order, empty ones skipped; each db's keys in Map order.
 * Expiries are written as they are, even if already past (servers do the same).
 */
export function writeRdb(dbs: readonly Db[], aux: RdbAux, version: RdbVersion, opts: WriteRdbOptions = {}): Uint8Array {
  const v7 = version === '7.0';
  const w = new RdbWriter(v7, opts.compression ?? true, opts.limits);
  const o = w.out;
  o.bin(`REDIS${String(RDB_VERSION_NUMBER[version]).padStart(4, '0')}`);
  w.aux('redis-ver', aux.redisVer);
  w.aux('redis-bits', '64');
  w.aux('ctime', intString(aux.ctime));
  w.aux('used-mem', intString(aux.usedMem));
  if (aux.repl) {
    w.aux('repl-stream-db', intString(aux.repl.streamDb));
    w.aux('repl-id', aux.repl.replid);
    w.aux('repl-offset', intString(aux.repl.offset));
  }
  w.aux(v7 ? 'aof-base' : 'aof-preamble', '0');
  for (const code of aux.functions ?? []) {
    o.byte(RDB_OPCODE.FUNCTION2);
    w.string(code);
  }

  // A big keyspace is written in pieces of about RDB_PIECE bytes, each checksummed as it is cut
  // (while still in cache) and copied once into the result: growing one array by doubling would
  // copy it over and over, and allocate about four times the file in ArrayBuffers, enough for V8
  // to start a full garbage collection of the whole heap (the keyspace included) in the middle.
  const crc = new Crc64();
  const pieces: Uint8Array[] = [];
  const sorted = [...dbs].sort((a, b) => a.id - b.id);
  for (const db of sorted) {
    if (db.dict.size === 0) continue;
    o.byte(RDB_OPCODE.SELECTDB);
    o.len(db.id);
    o.byte(RDB_OPCODE.RESIZEDB);
    o.len(db.dict.size);
    o.len(db.expires.size);
    const expires = db.expires;
    const hasExpires = expires.size > 0;
    // forEach rather than for-of: no [key, value] pair allocated per key.
    db.dict.forEach((val, key) => {
      if (hasExpires) {
        const at = expires.get(key);
        if (at !== undefined) {
          o.byte(RDB_OPCODE.EXPIRETIME_MS);
          o.i64le(at);
        }
      }
      w.typeAndValue(key, val);
      if (o.n >= RDB_PIECE) {
        const piece = o.cut(RDB_PIECE_CAP);
        crc.update(piece);
        pieces.push(piece);
      }
    });
  }
  o.byte(RDB_OPCODE.EOF);
  crc.update(o.a, 0, o.n);
  o.room(8);
  crc.writeLE(o.a, o.n);
  o.n += 8;
  if (pieces.length === 0) return o.a.slice(0, o.n);
  pieces.push(o.view());
  let total = 0;
  for (const p of pieces) total += p.length;
  const out = new Uint8Array(total);
  total = 0;
  for (const p of pieces) {
    out.set(p, total);
    total += p.length;
  }
  return out;
}

/**
 * DUMP's payload (createDumpPayload): the value as an RDB file would hold it (its type byte and
 * its serialisation, with no key), then the RDB version as 2 bytes and a CRC64 of all that, both
 * little-endian.
 */
export function dumpPayload(v: RValue, version: RdbVersion, compression = true): Uint8Array {
  const w = new RdbWriter(version === '7.0', compression, undefined);
  // typeAndValue writes type, key, value: with an empty key, its one length byte (0) follows the type.
  w.typeAndValue('', v);
  const o = w.out;
  const valueLen = o.n - 2;
  const out = new Uint8Array(1 + valueLen + 10);
  out[0] = o.a[0];
  out.set(o.a.subarray(2, o.n), 1);
  return withDumpFooter(out, 1 + valueLen, version);
}

/** The footer of a DUMP payload into `out` after its first `p` bytes: RDB version (LE16) and CRC64. */
function withDumpFooter(out: Uint8Array, p: number, version: RdbVersion): Uint8Array {
  out[p] = RDB_VERSION_NUMBER[version] & 0xff;
  out[p + 1] = RDB_VERSION_NUMBER[version] >> 8;
  new Crc64().update(out, 0, p + 2).writeLE(out, p + 2);
  return out;
}

/**
 * FUNCTION DUMP's payload (7.0): each library's code as an RDB_OPCODE_FUNCTION2 record, as in an
 * RDB file, then the RDB version and CRC64 as DUMP has them.
 */
export function dumpFunctionsPayload(codes: readonly string[], compression = true): Uint8Array {
  const w = new RdbWriter(true, compression, undefined);
  for (const code of codes) {
    w.out.byte(RDB_OPCODE.FUNCTION2);
    w.string(code);
  }
  const n = w.out.n;
  const out = new Uint8Array(n + 10);
  out.set(w.out.a.subarray(0, n));
  return withDumpFooter(out, n, '7.0');
}

/**
 * RDB loader (rdb.c rdbLoadRio): reads files written by Redis 2.6 through 7.x (RDB versions 1–12)
 * holding strings, lists, sets, sorted sets and hashes in any of their encodings: plain, ziplist,
 * listpack, intset, quicklist. Streams, modules and the old zipmap encoding are refused with an
 * RdbError, as is anything corrupt: bad magic, unknown opcodes, truncated data, a bad checksum.
 *
 * Packed values keep the order of their blob, so the HGETALL/SMEMBERS order of a small hash or set
 * after a reload is the server's.
 */
import { cmpBin, Db, newHash, newList, newSet, type RValue, type RZSet } from '../keyspace';
import { binOf as bin } from '../resp/bin';
import { Crc64 } from './crc64';
import { LzfError, lzfDecompress } from './lzf';
import { readStream } from './stream';
import { RDB_OPCODE, RDB_TYPE } from './write';

/**
 * What went wrong, as Redis tells it apart when it logs a failed load: not an RDB file, a format
 * version it cannot read, data that ends too early, a checksum that does not match, or anything
 * else that is corrupt or unsupported.
 */
export type RdbErrorKind = 'signature' | 'version' | 'eof' | 'checksum' | 'corrupt';

/** A corrupt or unsupported RDB file. */
export class RdbError extends Error {
  override name = 'RdbError';
  constructor(
    message: string,
    readonly kind: RdbErrorKind = 'corrupt',
    /** Checksum errors: the checksum computed over the file and the one it stores. */
    readonly checksums?: { computed: bigint; stored: bigint },
  ) {
    super(message);
  }
  /** Aux fields read before the error (the load logs what it learnt from them first). */
  aux = new Map<string, string>();
  /** Bytes read when it happened. */
  offset = 0;
}

/** What an RDB file held. */
export interface LoadedRdb {
  /** The RDB format version (8 for Redis 4.0, 10 for 7.0). */
  version: number;
  /** Aux fields in file order (redis-ver, ctime, repl-id, ...), values as strings. */
  aux: Map<string, string>;
  /** The databases the file filled, by id (the `into` ones when given). */
  dbs: Map<number, Db>;
  /** Keys loaded (not counting those dropped as expired). */
  keysLoaded: number;
  /** Keys dropped because they had expired (only with `dropExpired`). */
  keysExpired: number;
  /**
   * Those keys, in file order, with their db: a 7.0 master loading at start-up feeds a DEL for
   * each into its new backlog, so a replica that continues its stream deletes them too.
   */
  expiredKeys: [dbid: number, key: string][];
  /** Bytes consumed, up to and including the checksum (trailing bytes are not read). */
  size: number;
  /** Function libraries (RDB_OPCODE_FUNCTION2): each library's code, in file order. */
  functions: string[];
}

export interface LoadRdbOptions {
  /** Current unix ms time, for `dropExpired`. */
  now?: number;
  /** Drop keys whose expiry is before `now`, as a master does when loading (default false). */
  dropExpired?: boolean;
  /**
   * Load straight into these databases (index = db id; they should be empty) instead of new ones,
   * which saves copying a big keyspace. A file naming a db id outside the array is rejected.
   * On error they are left partly filled.
   */
  into?: readonly Db[];
  /**
   * Highest RDB version accepted, like a server refusing files from newer ones (a 4.0 server
   * passes 8 and so cannot load what 7.0 writes). Default 12.
   */
  maxVersion?: number;
}

const MAX_VERSION = 12;

/** Little-endian signed 64-bit integer at `b[p]`, as a number when exact, else a decimal string. */
function i64le(b: Uint8Array, p: number): number | bigint {
  const lo = (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
  const hi = b[p + 4] | (b[p + 5] << 8) | (b[p + 6] << 16) | (b[p + 7] << 24); // signed
  const v = hi * 0x100000000 + lo;
  if (Number.isSafeInteger(v)) return v;
  return (BigInt(hi) << 32n) | BigInt(lo);
}

/** A parsed score string (zzlStrtod / strtod): also "inf", "-inf", "nan". */
function parseScore(s: string): number {
  switch (s.toLowerCase()) {
    case 'inf':
    case '+inf':
    case 'infinity':
    case '+infinity':
      return Number.POSITIVE_INFINITY;
    case '-inf':
    case '-infinity':
      return Number.NEGATIVE_INFINITY;
    case 'nan':
    case '-nan':
      return Number.NaN;
  }
  const v = Number(s);
  if (Number.isNaN(v) || s.trim() === '') throw new RdbError(`bad score in sorted set: ${JSON.stringify(s)}`);
  return v;
}

// ---------------------------------------------------------------------------------------------
// Packed blobs. Each returns the elements as byte strings, in order.

/** Elements of a listpack (listpack.c). */
export function listpackEntries(b: Uint8Array): string[] {
  const fail = (why: string): never => {
    throw new RdbError(`corrupt listpack: ${why}`);
  };
  if (b.length < 7) fail('too short');
  const total = (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0;
  if (total !== b.length) fail(`header says ${total} bytes, blob has ${b.length}`);
  const out: string[] = [];
  let p = 6;
  const end = b.length - 1;
  while (p < end) {
    const c = b[p];
    const start = p;
    let s: string;
    if (c < 0x80) {
      s = String(c);
      p += 1;
    } else if (c < 0xc0) {
      const n = c & 0x3f;
      if (p + 1 + n > end) fail('string past the end');
      s = bin(b, p + 1, p + 1 + n);
      p += 1 + n;
    } else if (c < 0xe0) {
      const u = ((c & 0x1f) << 8) | b[p + 1];
      s = String(u >= 4096 ? u - 8192 : u);
      p += 2;
    } else if (c < 0xf0) {
      const n = ((c & 0x0f) << 8) | b[p + 1];
      if (p + 2 + n > end) fail('string past the end');
      s = bin(b, p + 2, p + 2 + n);
      p += 2 + n;
    } else if (c === 0xf0) {
      const n = (b[p + 1] | (b[p + 2] << 8) | (b[p + 3] << 16) | (b[p + 4] << 24)) >>> 0;
      if (p + 5 + n > end) fail('string past the end');
      s = bin(b, p + 5, p + 5 + n);
      p += 5 + n;
    } else if (c === 0xf1) {
      s = String(((b[p + 1] | (b[p + 2] << 8)) << 16) >> 16);
      p += 3;
    } else if (c === 0xf2) {
      s = String(((b[p + 1] | (b[p + 2] << 8) | (b[p + 3] << 16)) << 8) >> 8);
      p += 4;
    } else if (c === 0xf3) {
      s = String(b[p + 1] | (b[p + 2] << 8) | (b[p + 3] << 16) | (b[p + 4] << 24));
      p += 5;
    } else if (c === 0xf4) {
      if (p + 9 > end) fail('integer past the end');
      s = String(i64le(b, p + 1));
      p += 9;
    } else {
      return fail(`bad entry encoding 0x${c.toString(16)}`);
    }
    // Skip the back-length, checking it.
    const l = p - start;
    const k = l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
    p += k;
    if (p > end) fail('entry past the end');
    out.push(s);
  }
  if (b[end] !== 0xff) fail('missing terminator');
  return out;
}

/** Elements of a ziplist (ziplist.c). */
export function ziplistEntries(b: Uint8Array): string[] {
  const fail = (why: string): never => {
    throw new RdbError(`corrupt ziplist: ${why}`);
  };
  if (b.length < 11) fail('too short');
  const total = (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0;
  if (total !== b.length) fail(`header says ${total} bytes, blob has ${b.length}`);
  const out: string[] = [];
  let p = 10;
  const end = b.length - 1;
  while (p < end) {
    p += b[p] === 0xfe ? 5 : 1; // previous entry length
    if (p >= end) fail('entry past the end');
    const c = b[p];
    let s: string;
    if (c < 0xc0) {
      let n: number;
      if (c < 0x40) {
        n = c;
        p += 1;
      } else if (c < 0x80) {
        n = ((c & 0x3f) << 8) | b[p + 1];
        p += 2;
      } else {
        n = ((b[p + 1] << 24) | (b[p + 2] << 16) | (b[p + 3] << 8) | b[p + 4]) >>> 0;
        p += 5;
      }
      if (p + n > end) fail('string past the end');
      s = bin(b, p, p + n);
      p += n;
    } else if (c === 0xc0) {
      s = String(((b[p + 1] | (b[p + 2] << 8)) << 16) >> 16);
      p += 3;
    } else if (c === 0xd0) {
      s = String(b[p + 1] | (b[p + 2] << 8) | (b[p + 3] << 16) | (b[p + 4] << 24));
      p += 5;
    } else if (c === 0xe0) {
      if (p + 9 > end) fail('integer past the end');
      s = String(i64le(b, p + 1));
      p += 9;
    } else if (c === 0xf0) {
      s = String(((b[p + 1] | (b[p + 2] << 8) | (b[p + 3] << 16)) << 8) >> 8);
      p += 4;
    } else if (c === 0xfe) {
      s = String((b[p + 1] << 24) >> 24);
      p += 2;
    } else if (c >= 0xf1 && c <= 0xfd) {
      s = String((c & 0x0f) - 1);
      p += 1;
    } else {
      return fail(`bad entry encoding 0x${c.toString(16)}`);
    }
    if (p > end) fail('entry past the end');
    out.push(s);
  }
  if (b[end] !== 0xff) fail('missing terminator');
  return out;
}

/** Members of an intset (intset.c), ascending. */
export function intsetEntries(b: Uint8Array): string[] {
  if (b.length < 8) throw new RdbError('corrupt intset: too short');
  const width = (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0;
  const n = (b[4] | (b[5] << 8) | (b[6] << 16) | (b[7] << 24)) >>> 0;
  if (width !== 2 && width !== 4 && width !== 8) throw new RdbError(`corrupt intset: bad width ${width}`);
  if (8 + n * width !== b.length) throw new RdbError('corrupt intset: size does not match its length');
  const out: string[] = new Array(n);
  for (let i = 0, p = 8; i < n; i++, p += width) {
    if (width === 2) out[i] = String(((b[p] | (b[p + 1] << 8)) << 16) >> 16);
    else if (width === 4) out[i] = String(b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24));
    else out[i] = String(i64le(b, p));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

class Reader {
  p = 0;
  constructor(readonly b: Uint8Array) {}

  truncated(): never {
    throw new RdbError(`unexpected end of RDB data at byte ${this.b.length} (truncated file?)`, 'eof');
  }
  need(n: number): void {
    if (this.p + n > this.b.length) this.truncated();
  }
  u8(): number {
    if (this.p >= this.b.length) this.truncated();
    return this.b[this.p++];
  }

  /** rdbLoadLen: a length, or -(1 + encoding) for the special string encodings (0xC0..0xC3). */
  lenOrEnc(): number {
    const c = this.u8();
    const t = c >>> 6;
    if (t === 0) return c & 0x3f;
    if (t === 1) return ((c & 0x3f) << 8) | this.u8();
    if (t === 3) return -1 - (c & 0x3f);
    const b = this.b;
    if (c === 0x80) {
      this.need(4);
      const p = this.p;
      this.p += 4;
      return ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
    }
    if (c === 0x81) {
      this.need(8);
      const p = this.p;
      this.p += 8;
      const hi = ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
      const lo = ((b[p + 4] << 24) | (b[p + 5] << 16) | (b[p + 6] << 8) | b[p + 7]) >>> 0;
      const v = hi * 0x100000000 + lo;
      if (!Number.isSafeInteger(v)) throw new RdbError('length too large');
      return v;
    }
    throw new RdbError(`unknown length encoding 0x${c.toString(16)} at byte ${this.p - 1}`);
  }
  len(): number {
    const v = this.lenOrEnc();
    if (v < 0) throw new RdbError(`expected a length, found a string encoding at byte ${this.p - 1}`);
    return v;
  }

  /** rdbLoadLen for a full 64-bit value (stream IDs and counters). */
  lenBig(): bigint {
    const c = this.b[this.p];
    if (c !== 0x81) return BigInt(this.len());
    this.p++;
    this.need(8);
    let v = 0n;
    for (let i = 0; i < 8; i++) v = (v << 8n) | BigInt(this.b[this.p++]);
    return v;
  }

  /** `n` raw bytes (rioRead). */
  raw(n: number): Uint8Array {
    this.need(n);
    const p = this.p;
    this.p += n;
    return this.b.subarray(p, p + n);
  }

  /** rdbLoadMillisecondTime: 8 bytes, little-endian. */
  msTime(): number {
    this.need(8);
    const v = i64le(this.b, this.p);
    this.p += 8;
    return Number(v);
  }

  /** rdbGenericLoadStringObject as a byte string. */
  string(): string {
    const n = this.lenOrEnc();
    const b = this.b;
    if (n >= 0) {
      const p = this.p;
      if (p + n > b.length) this.truncated();
      this.p = p + n;
      return bin(b, p, p + n);
    }
    return this.encoded(n);
  }

  /** rdbGenericLoadStringObject as raw bytes (for packed blobs). */
  bytes(): Uint8Array {
    const n = this.lenOrEnc();
    if (n >= 0) {
      const p = this.p;
      if (p + n > this.b.length) this.truncated();
      this.p = p + n;
      return this.b.subarray(p, p + n);
    }
    if (n === -4) return this.lzf();
    const s = this.encoded(n);
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }

  private lzf(): Uint8Array {
    const clen = this.len();
    const len = this.len();
    this.need(clen);
    const p = this.p;
    this.p += clen;
    try {
      return lzfDecompress(this.b, len, p, p + clen);
    } catch (e) {
      if (e instanceof LzfError) throw new RdbError(`invalid LZF compressed string at byte ${p}: ${e.message}`);
      throw e;
    }
  }

  private encoded(n: number): string {
    const b = this.b;
    switch (n) {
      case -1: {
        this.need(1);
        return String((b[this.p++] << 24) >> 24);
      }
      case -2: {
        this.need(2);
        const p = this.p;
        this.p += 2;
        return String(((b[p] | (b[p + 1] << 8)) << 16) >> 16);
      }
      case -3: {
        this.need(4);
        const p = this.p;
        this.p += 4;
        return String(b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24));
      }
      case -4: {
        const u = this.lzf();
        return bin(u, 0, u.length);
      }
      default:
        throw new RdbError(`unknown string encoding ${-n - 1} at byte ${this.p - 1}`);
    }
  }

  /** Length-prefixed ASCII double (old ZSET type): 253 nan, 254 +inf, 255 -inf. */
  asciiDouble(): number {
    const n = this.u8();
    if (n === 253) return Number.NaN;
    if (n === 254) return Number.POSITIVE_INFINITY;
    if (n === 255) return Number.NEGATIVE_INFINITY;
    this.need(n);
    const s = bin(this.b, this.p, this.p + n);
    this.p += n;
    return parseScore(s);
  }

  binaryDouble(): number {
    this.need(8);
    const v = new DataView(this.b.buffer, this.b.byteOffset + this.p, 8).getFloat64(0, true);
    this.p += 8;
    return v;
  }
}

/** Build a sorted set from (member, score) pairs. */
function makeZSet(members: string[], scores: number[]): RZSet {
  const dict = new Map<string, number>();
  for (let i = 0; i < members.length; i++) {
    if (Number.isNaN(scores[i])) throw new RdbError('sorted set with a NaN score');
    if (dict.has(members[i])) throw new RdbError('duplicate sorted set member');
    dict.set(members[i], scores[i]);
  }
  const sorted = members.map((member, i) => ({ member, score: scores[i] }));
  sorted.sort((a, b) => (a.score < b.score ? -1 : a.score > b.score ? 1 : cmpBin(a.member, b.member)));
  return { type: 'zset', dict, sorted };
}

function zsetFromPairs(flat: string[]): RZSet {
  if (flat.length % 2) throw new RdbError('sorted set blob with an odd number of entries');
  const members: string[] = [];
  const scores: number[] = [];
  for (let i = 0; i < flat.length; i += 2) {
    members.push(flat[i]);
    scores.push(parseScore(flat[i + 1]));
  }
  return makeZSet(members, scores);
}

function hashFromPairs(flat: string[]): RValue {
  if (flat.length % 2) throw new RdbError('hash blob with an odd number of entries');
  const h = newHash();
  for (let i = 0; i < flat.length; i += 2) h.map.set(flat[i], flat[i + 1]);
  return h;
}

function setFrom(members: string[]): RValue {
  const s = newSet();
  for (const m of members) s.set.add(m);
  return s;
}

/** rdbLoadObject: a value of RDB type `type`; null for an empty collection (skipped, as Redis does). */
function readValue(r: Reader, type: number): RValue | null {
  switch (type) {
    case RDB_TYPE.STRING:
      return r.string();
    case RDB_TYPE.LIST: {
      const n = r.len();
      const items: string[] = [];
      for (let i = 0; i < n; i++) items.push(r.string());
      return n ? newList(items) : null;
    }
    case RDB_TYPE.SET: {
      const n = r.len();
      const s = newSet();
      for (let i = 0; i < n; i++) s.set.add(r.string());
      return n ? s : null;
    }
    case RDB_TYPE.ZSET:
    case RDB_TYPE.ZSET_2: {
      const n = r.len();
      const members: string[] = [];
      const scores: number[] = [];
      for (let i = 0; i < n; i++) {
        members.push(r.string());
        scores.push(type === RDB_TYPE.ZSET ? r.asciiDouble() : r.binaryDouble());
      }
      return n ? makeZSet(members, scores) : null;
    }
    case RDB_TYPE.HASH: {
      const n = r.len();
      const h = newHash();
      for (let i = 0; i < n; i++) {
        const f = r.string();
        h.map.set(f, r.string());
      }
      return n ? h : null;
    }
    case RDB_TYPE.LIST_ZIPLIST: {
      const items = ziplistEntries(r.bytes());
      return items.length ? newList(items) : null;
    }
    case RDB_TYPE.SET_INTSET: {
      const m = intsetEntries(r.bytes());
      return m.length ? setFrom(m) : null;
    }
    case RDB_TYPE.SET_LISTPACK: {
      const m = listpackEntries(r.bytes());
      return m.length ? setFrom(m) : null;
    }
    case RDB_TYPE.ZSET_ZIPLIST:
    case RDB_TYPE.ZSET_LISTPACK: {
      const b = r.bytes();
      const flat = type === RDB_TYPE.ZSET_ZIPLIST ? ziplistEntries(b) : listpackEntries(b);
      return flat.length ? zsetFromPairs(flat) : null;
    }
    case RDB_TYPE.HASH_ZIPLIST:
    case RDB_TYPE.HASH_LISTPACK: {
      const b = r.bytes();
      const flat = type === RDB_TYPE.HASH_ZIPLIST ? ziplistEntries(b) : listpackEntries(b);
      return flat.length ? hashFromPairs(flat) : null;
    }
    case RDB_TYPE.LIST_QUICKLIST:
    case RDB_TYPE.LIST_QUICKLIST_2: {
      const nodes = r.len();
      const items: string[] = [];
      for (let i = 0; i < nodes; i++) {
        if (type === RDB_TYPE.LIST_QUICKLIST) {
          for (const s of ziplistEntries(r.bytes())) items.push(s);
          continue;
        }
        const container = r.len();
        if (container === 1) {
          items.push(r.string()); // a "plain" node: one big element
        } else if (container === 2) {
          for (const s of listpackEntries(r.bytes())) items.push(s);
        } else {
          throw new RdbError(`unknown quicklist node container ${container}`);
        }
      }
      return items.length ? newList(items) : null;
    }
    case RDB_TYPE.HASH_ZIPMAP:
      throw new RdbError('unsupported value encoding: zipmap (Redis < 2.6)');
    case RDB_TYPE.STREAM_LISTPACKS:
    case RDB_TYPE.STREAM_LISTPACKS_2:
    case RDB_TYPE.STREAM_LISTPACKS_3:
      // Kept even when empty (a stream with no entries still has its groups and last ID).
      return readStream(r, type);
    case RDB_TYPE.MODULE_PRE_GA:
    case RDB_TYPE.MODULE_2:
      throw new RdbError('unsupported value type: module');
    default:
      throw new RdbError(`Unknown RDB encoding type ${type}`);
  }
}

/**
 * Parse an RDB file.
 * @throws RdbError on bad magic, an unsupported version or type, corrupt or truncated data, or a
 *   checksum mismatch (a stored checksum of 0 means "not computed" and is not checked).
 */
export function loadRdb(bytes: Uint8Array, opts: LoadRdbOptions = {}): LoadedRdb {
  const aux = new Map<string, string>();
  const r = new Reader(bytes);
  try {
    return parseRdb(r, bytes, aux, opts);
  } catch (e) {
    if (e instanceof RdbError) {
      e.aux = aux;
      e.offset = r.p;
    }
    throw e;
  }
}

function parseRdb(r: Reader, bytes: Uint8Array, aux: Map<string, string>, opts: LoadRdbOptions): LoadedRdb {
  if (bytes.length < 9 || bin(bytes, 0, 5) !== 'REDIS') {
    throw new RdbError('Wrong signature trying to load DB from file', 'signature');
  }
  const verStr = bin(bytes, 5, 9);
  const version = /^\d{4}$/.test(verStr) ? Number(verStr) : 0;
  // atoi of the four digits: anything else reads as 0, which no server can handle.
  if (version < 1 || version > (opts.maxVersion ?? MAX_VERSION)) {
    throw new RdbError(`Can't handle RDB format version ${version}`, 'version');
  }
  r.p = 9;
  const functions: string[] = [];

  const dbs = new Map<number, Db>();
  const dropExpired = opts.dropExpired === true && opts.now !== undefined;
  const now = opts.now ?? 0;
  let keysLoaded = 0;
  let keysExpired = 0;
  const expiredKeys: [number, string][] = [];
  let db: Db | null = null;
  const into = opts.into;
  const selectDb = (id: number): Db => {
    let d = dbs.get(id);
    if (!d) {
      if (into && !into[id]) throw new RdbError(`RDB selects db ${id}, which does not exist`);
      d = into ? into[id] : new Db(id);
      dbs.set(id, d);
    }
    return d;
  };
  let expire = -1;

  for (;;) {
    const type = r.u8();
    if (type === RDB_OPCODE.EXPIRETIME_MS) {
      r.need(8);
      const v = i64le(bytes, r.p);
      r.p += 8;
      expire = Number(v);
      continue;
    }
    if (type === RDB_OPCODE.EXPIRETIME) {
      r.need(4);
      const p = r.p;
      r.p += 4;
      expire = (bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16) | (bytes[p + 3] << 24)) * 1000;
      continue;
    }
    if (type === RDB_OPCODE.FREQ) {
      r.u8();
      continue;
    }
    if (type === RDB_OPCODE.IDLE) {
      r.len();
      continue;
    }
    if (type === RDB_OPCODE.EOF) break;
    if (type === RDB_OPCODE.SELECTDB) {
      const id = r.len();
      db = selectDb(id);
      continue;
    }
    if (type === RDB_OPCODE.RESIZEDB) {
      r.len();
      r.len();
      continue;
    }
    if (type === RDB_OPCODE.AUX) {
      const k = r.string();
      aux.set(k, r.string());
      continue;
    }
    if (type === RDB_OPCODE.FUNCTION2) {
      functions.push(r.string()); // a function library's code, kept to be saved again
      continue;
    }
    if (type === RDB_OPCODE.MODULE_AUX || type === RDB_OPCODE.FUNCTION_PRE_GA) {
      throw new RdbError(`unsupported RDB opcode 0x${type.toString(16)} (modules / pre-GA functions)`);
    }

    // A key-value pair.
    const key = r.string();
    const val = readValue(r, type);
    const at = expire;
    expire = -1;
    if (val === null) continue; // empty collection: Redis skips those too
    if (dropExpired && at !== -1 && at < now) {
      keysExpired++;
      expiredKeys.push([db?.id ?? 0, key]);
      continue;
    }
    if (!db) db = selectDb(0);
    const before = db.dict.size;
    db.dict.set(key, val);
    if (db.dict.size === before) throw new RdbError(`duplicate key in RDB: ${JSON.stringify(key)}`);
    if (at !== -1) db.expires.set(key, at);
    keysLoaded++;
  }

  if (version >= 5) {
    const eofEnd = r.p;
    r.need(8);
    const stored = i64le(bytes, eofEnd);
    if (stored !== 0) {
      const crc = new Crc64().update(bytes, 0, eofEnd);
      const lo =
        (bytes[eofEnd] | (bytes[eofEnd + 1] << 8) | (bytes[eofEnd + 2] << 16) | (bytes[eofEnd + 3] << 24)) >>> 0;
      const hi =
        (bytes[eofEnd + 4] | (bytes[eofEnd + 5] << 8) | (bytes[eofEnd + 6] << 16) | (bytes[eofEnd + 7] << 24)) >>> 0;
      if (crc.lo !== lo || crc.hi !== hi) {
        const computed = (BigInt(crc.hi) << 32n) | BigInt(crc.lo);
        const storedCrc = (BigInt(hi) << 32n) | BigInt(lo);
        throw new RdbError(
          `Wrong RDB checksum expected: (${computed.toString(16)}) but got (${storedCrc.toString(16)}).`,
          'checksum',
          { computed, stored: storedCrc },
        );
      }
    }
    r.p += 8;
  }

  for (const [id, d] of dbs) if (d.dict.size === 0) dbs.delete(id);
  return { version, aux, dbs, keysLoaded, keysExpired, expiredKeys, size: r.p, functions };
}

/**
 * RESTORE's checks and load (verifyDumpPayload, rdbLoadObject): 'version' when the payload is
 * shorter than its footer, from a newer RDB version than `maxVersion`, or fails its CRC64;
 * 'format' when the value cannot be read (or is an empty collection, which Redis refuses too).
 */
export function loadDumpPayload(p: Uint8Array, maxVersion: number): RValue | 'version' | 'format' {
  const len = p.length;
  if (!dumpFooterOk(p, maxVersion)) return 'version';
  try {
    const r = new Reader(p.subarray(0, len - 10));
    const v = readValue(r, r.u8());
    return v ?? 'format';
  } catch {
    return 'format';
  }
}

/** verifyDumpPayload: a DUMP payload's RDB version is at most `maxVersion` and its CRC64 matches. */
function dumpFooterOk(p: Uint8Array, maxVersion: number): boolean {
  const len = p.length;
  if (len < 10) return false;
  const ver = p[len - 10] | (p[len - 9] << 8);
  if (ver > maxVersion) return false;
  const crc = new Uint8Array(8);
  new Crc64().update(p, 0, len - 8).writeLE(crc, 0);
  for (let i = 0; i < 8; i++) if (crc[i] !== p[len - 8 + i]) return false;
  return true;
}

/**
 * A FUNCTION DUMP payload (FUNCTION RESTORE): the libraries' code in payload order, or the error
 * text real 7.0 answers (`DUMP payload version or checksum are wrong`, `given type is not a
 * function`, ...; the caller adds the ERR code).
 */
export function loadFunctionsPayload(p: Uint8Array): string[] | { err: string } {
  if (!dumpFooterOk(p, 10)) return { err: 'DUMP payload version or checksum are wrong' };
  const r = new Reader(p.subarray(0, p.length - 10));
  const codes: string[] = [];
  try {
    while (r.p < r.b.length) {
      const type = r.u8();
      // 0xf6 is the pre-GA function record, which 7.0 still reads; the engine never met one.
      if (type !== RDB_OPCODE.FUNCTION2) return { err: 'given type is not a function' };
      codes.push(r.string());
    }
  } catch {
    return { err: 'failed loading the given functions payload' };
  }
  return codes;
}

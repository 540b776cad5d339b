/**
 * The internal encodings Redis would use for each value (object.c strEncoding, and the
 * conversions in t_string.c, t_hash.c, t_set.c, t_zset.c), for OBJECT ENCODING / REFCOUNT and for
 * the orders that depend on them (an intset lists its members sorted).
 *
 * Values here are plain JS structures, so the encoding is derived from the content with the
 * thresholds of the config (hash-max-listpack-entries/value, zset-max-listpack-entries/value,
 * set-max-intset-entries; 4.0's *-ziplist-* names), plus what content cannot tell:
 * - Compact encodings convert one way: a hash, set or sorted set that once outgrew its
 *   listpack/ziplist/intset stays a hashtable/skiplist after it shrinks. Commands that add to
 *   them call note*() and the value is remembered in a WeakSet. An RDB load makes new objects,
 *   judged by content again — as Redis does when loading.
 * - Strings: a value that looks like a 64-bit integer is `int` when SET stores it
 *   (tryObjectEncoding), else `embstr` up to 44 bytes, else `raw`. APPEND to an existing key
 *   makes it `raw`, INCRBYFLOAT stores its result without trying `int`. markString() records
 *   such a value for its key; the record holds while the key keeps that very value.
 * Lists are always `quicklist` (7.0 and 4.0).
 */
import type { Db, RHash, RSet, RValue, RZSet } from '../../keyspace';
import type { Server } from '../../server';
import { parseLL } from './int';

/** Values that left their compact encoding (one-way conversions). */
const converted = new WeakSet<object>();
/** String encodings not derivable from the value, per db: key → [value, encoding]. */
const stringMarks = new WeakMap<Db, Map<string, [string, StringEncoding]>>();
/** Some value was ever marked (in any db of any server of this thread); it stays set. */
let anyMarks = false;

export type StringEncoding = 'int' | 'embstr' | 'raw';

/** OBJ_ENCODING_EMBSTR_SIZE_LIMIT */
const EMBSTR_LIMIT = 44;
/** OBJ_SHARED_INTEGERS */
const SHARED_INTEGERS = 10000;

type ConfigHost = Pick<Server, 'config'>;

/** The string encoding createStringObject picks by length. */
export function rawOrEmbstr(v: string): StringEncoding {
  return v.length <= EMBSTR_LIMIT ? 'embstr' : 'raw';
}

/** tryObjectEncoding on a string value. */
function tryEncoding(v: string): StringEncoding {
  if (v.length <= 20 && parseLL(v) !== null) return 'int';
  return rawOrEmbstr(v);
}

/** Remember that the value now stored at `key` has encoding `enc` (APPEND, INCRBYFLOAT). */
export function markString(db: Db, key: string, value: string, enc: StringEncoding): void {
  anyMarks = true;
  let m = stringMarks.get(db);
  if (m === undefined) {
    m = new Map();
    stringMarks.set(db, m);
  }
  m.set(key, [value, enc]);
}

/** A new string object was stored at `key` (SET and friends): its encoding is tryObjectEncoding's. */
export function unmarkString(db: Db, key: string): void {
  // Every SET and INCR comes here; until some value was marked there is nothing to look up.
  if (anyMarks) stringMarks.get(db)?.delete(key);
}

/** RENAME moves the object, encoding and all. */
export function moveStringMark(db: Db, from: string, to: string): void {
  const m = stringMarks.get(db);
  if (m === undefined) return;
  const mark = m.get(from);
  m.delete(to);
  if (mark !== undefined) {
    m.delete(from);
    m.set(to, mark);
  }
}

/** SWAPDB: the string records go with the keys. */
export function swapStringMarks(a: Db, b: Db): void {
  const ma = stringMarks.get(a);
  const mb = stringMarks.get(b);
  stringMarks.delete(a);
  stringMarks.delete(b);
  if (mb !== undefined) stringMarks.set(a, mb);
  if (ma !== undefined) stringMarks.set(b, ma);
}

/** Copy the string record of a key (COPY duplicates the object, encoding and all). */
export function copyStringMark(from: Db, key: string, to: Db, newKey: string): void {
  const mark = stringMarks.get(from)?.get(key);
  if (mark !== undefined) markString(to, newKey, mark[0], mark[1]);
  else unmarkString(to, newKey);
}

/** Forget the string records of a db (FLUSHDB, FLUSHALL, a reload). */
export function forgetStrings(db: Db): void {
  stringMarks.delete(db);
}

/** The encoding of the string stored at `key`. */
export function stringEncoding(db: Db, key: string, v: string): StringEncoding {
  const mark = stringMarks.get(db)?.get(key);
  if (mark !== undefined) {
    if (mark[0] === v) return mark[1];
    stringMarks.get(db)!.delete(key);
  }
  return tryEncoding(v);
}

/**
 * OBJECT REFCOUNT: integers 0..9999 stored by tryObjectEncoding are the shared objects, whose
 * refcount reads INT_MAX — unless maxmemory is set with an LRU/LFU policy (no shared integers then).
 */
export function refcount(srv: ConfigHost, db: Db, key: string, v: RValue): number {
  if (typeof v !== 'string' || stringEncoding(db, key, v) !== 'int') return 1;
  const n = parseLL(v)!;
  if (n < 0n || n >= BigInt(SHARED_INTEGERS)) return 1;
  const policy = srv.config.get('maxmemory-policy');
  const noShared = srv.config.int('maxmemory') !== 0 && (policy.endsWith('-lru') || policy.endsWith('-lfu'));
  return noShared ? 1 : 2147483647;
}

function limits(srv: ConfigHost, type: 'hash' | 'zset'): [number, number] {
  return [srv.config.int(`${type}-max-listpack-entries`), srv.config.int(`${type}-max-listpack-value`)];
}

/** An intset can hold the member (isSdsRepresentableAsLongLong). */
function intsetMember(m: string): boolean {
  return parseLL(m) !== null;
}

/** A hash is (still) compact. */
function hashCompact(srv: ConfigHost, h: RHash): boolean {
  if (converted.has(h)) return false;
  const [entries, value] = limits(srv, 'hash');
  if (h.map.size > entries) return false;
  for (const [f, v] of h.map) if (f.length > value || v.length > value) return false;
  return true;
}

/** The set once outgrew its intset (it iterates in hash order from then on). */
export function leftIntset(s: RSet): boolean {
  return converted.has(s);
}

/** A set is (still) an intset. */
export function setIsIntset(srv: ConfigHost, s: RSet): boolean {
  if (converted.has(s)) return false;
  if (s.set.size > srv.config.int('set-max-intset-entries')) return false;
  for (const m of s.set) if (!intsetMember(m)) return false;
  return true;
}

/** A sorted set is (still) compact. */
function zsetCompact(srv: ConfigHost, z: RZSet): boolean {
  if (converted.has(z)) return false;
  const [entries, value] = limits(srv, 'zset');
  if (z.dict.size > entries || entries === 0) return false;
  for (const m of z.dict.keys()) if (m.length > value) return false;
  return true;
}

/**
 * HSET/HMSET/HSETNX (hashTypeTryConversion looks at every field and value argument, even those
 * HSETNX does not store) and HINCRBY/HINCRBYFLOAT (hashTypeSet): after the write, a hash with
 * too many entries or a too long argument is a hashtable for good.
 */
export function noteHashWrite(srv: ConfigHost, h: RHash, args: readonly string[]): void {
  if (converted.has(h)) return;
  const [entries, value] = limits(srv, 'hash');
  if (h.map.size > entries || args.some((a) => a.length > value)) converted.add(h);
}

/** SADD (setTypeAdd): a non-integer member or too many members make it a hashtable for good. */
export function noteSetAdd(srv: ConfigHost, s: RSet, added: readonly string[]): void {
  if (converted.has(s)) return;
  if (s.set.size > srv.config.int('set-max-intset-entries') || added.some((m) => !intsetMember(m))) converted.add(s);
}

/** ZADD/ZINCRBY (zsetAdd): too many members or a too long one make it a skiplist for good. */
export function noteZsetAdd(srv: ConfigHost, z: RZSet, added: readonly string[]): void {
  if (converted.has(z)) return;
  const [entries, value] = limits(srv, 'zset');
  if (entries === 0 || z.dict.size > entries || added.some((m) => m.length > value)) converted.add(z);
}

/** A sorted set created as a skiplist from the start (ZRANGESTORE of a rank range too long for a listpack). */
export function startZsetAsSkiplist(z: RZSet): void {
  converted.add(z);
}

/** The sorted set is still a listpack once `member` is stored in it (zsetAdd's check). */
export function zsetListpackAfterStore(srv: ConfigHost, z: RZSet, member: string): boolean {
  if (converted.has(z)) return false;
  const [entries, value] = limits(srv, 'zset');
  const size = z.dict.has(member) ? z.dict.size : z.dict.size + 1;
  return entries > 0 && size <= entries && member.length <= value;
}

/** OBJECT ENCODING's word for the value stored at `key`. */
export function objectEncoding(srv: ConfigHost & { d: { is7: boolean } }, db: Db, key: string, v: RValue): string {
  if (typeof v === 'string') return stringEncoding(db, key, v);
  const compact = srv.d.is7 ? 'listpack' : 'ziplist';
  switch (v.type) {
    case 'list':
      return 'quicklist';
    case 'hash':
      return hashCompact(srv, v) ? compact : 'hashtable';
    case 'set':
      return setIsIntset(srv, v) ? 'intset' : 'hashtable';
    case 'zset':
      return zsetCompact(srv, v) ? compact : 'skiplist';
    case 'stream':
      return 'stream';
  }
}

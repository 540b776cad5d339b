/**
 * The keyspace: 16 databases of typed values with absolute-millisecond expiries (db.c). Values
 * are plain JS structures over byte strings; a string value is stored as the bare string itself,
 * which keeps the common SET/GET case to one Map entry per key (memory per key matters: the
 * benchmark compares it with redis-server's used_memory).
 */
import type { RStream } from './stream';
import type { WatchedKey } from './watch';

/** A list: items in order, index 0 is the head (LPUSH side). */
export interface RList {
  readonly type: 'list';
  items: string[];
}
/** A hash: field → value, insertion order preserved (used for HGETALL order of small hashes). */
export interface RHash {
  readonly type: 'hash';
  map: Map<string, string>;
}
/** A set of members. */
export interface RSet {
  readonly type: 'set';
  set: Set<string>;
}
/** A sorted set: member → score, plus members ordered by (score, member). */
export interface RZSet {
  readonly type: 'zset';
  dict: Map<string, number>;
  /** Kept sorted by score then member (byte order). */
  sorted: { member: string; score: number }[];
}
/** Any Redis value; a bare string is a Redis string. Streams are in stream.ts. */
export type RValue = string | RList | RHash | RSet | RZSet | RStream;
export type RType = 'string' | 'list' | 'hash' | 'set' | 'zset' | 'stream';

/** The Redis type name of a value (TYPE command, WRONGTYPE checks). */
export function typeOf(v: RValue): RType {
  return typeof v === 'string' ? 'string' : v.type;
}

export const newList = (items: string[] = []): RList => ({ type: 'list', items });
export const newHash = (): RHash => ({ type: 'hash', map: new Map() });
export const newSet = (): RSet => ({ type: 'set', set: new Set() });
export const newZSet = (): RZSet => ({ type: 'zset', dict: new Map(), sorted: [] });

/** Byte-order comparison of byte strings (memcmp semantics, as Redis compares members). */
export function cmpBin(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One database: `dict` holds the values, `expires` the absolute unix-ms deadlines. */
export class Db {
  /** (Not readonly: SWAPDB exchanges two dbs' contents, the dbs — and who waits or watches in them — staying.) */
  dict = new Map<string, RValue>();
  expires = new Map<string, number>();
  /** WATCHed keys → their watchers (db->watched_keys; watch.ts). */
  readonly watched = new Map<string, WatchedKey[]>();
  /** db->avg_ttl: the active expire cycle's running average of the TTLs it saw (ms; INFO keyspace). */
  avgTtl = 0;
  constructor(readonly id: number) {}

  /** SWAPDB: exchange keys, expiries and avg_ttl with another db. */
  swapWith(other: Db): void {
    [this.dict, other.dict] = [other.dict, this.dict];
    [this.expires, other.expires] = [other.expires, this.expires];
    [this.avgTtl, other.avgTtl] = [other.avgTtl, this.avgTtl];
  }

  /** Remove every key (FLUSHDB, full-sync flush). Returns how many keys were removed. */
  clear(): number {
    const n = this.dict.size;
    this.dict.clear();
    this.expires.clear();
    this.avgTtl = 0;
    return n;
  }
}

/** Number of databases (`databases 16`). */
export const DBNUM = 16;

/**
 * DEBUG DIGEST and DEBUG DIGEST-VALUE (debug.c computeDatasetDigest / xorObjectDigest): a SHA-1
 * based fingerprint of the dataset that equals real redis-server's for the same data.
 *
 * Two mixing steps: xorDigest(d, data) xors SHA1(data) into d (order-free: used for keys, set
 * members, hash fields and sorted-set members); mixDigest(d, data) sets d = SHA1(d xor SHA1(data))
 * (ordered: used along a list, and for each key's parts in sequence). Per key: mix the key name,
 * the type code as 4 big-endian bytes (string 0, list 1, set 2, zset 3, hash 4), then the value —
 * a string's bytes; each list element in order; each set member xored in; for each hash field a
 * small digest mix(field) then mix(value) xored in; for each sorted-set member a small digest
 * mix(member) then mix(score as "%.17g") xored in — then xor the constant "!!expire!!" if the key
 * has a TTL. The dataset digest mixes each non-empty db's id (4 big-endian bytes) and xors in
 * every key's digest. Logically expired keys still count (no expiry check), as in Redis.
 */
import type { Db, RValue } from '../../keyspace';
import { idMs, idSeq } from '../../stream';
import { formatDouble17g } from './float';
import { sha1, toHex } from './sha1';

const TYPE_CODE = { string: 0, list: 1, set: 2, zset: 3, hash: 4, stream: 6 } as const;

function xorDigest(d: Uint8Array, data: string | Uint8Array): void {
  const h = sha1(data);
  for (let i = 0; i < 20; i++) d[i] ^= h[i];
}

function mixDigest(d: Uint8Array, data: string | Uint8Array): void {
  xorDigest(d, data);
  d.set(sha1(d));
}

function be32(n: number): Uint8Array {
  return new Uint8Array([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
}

/** xorObjectDigest: the value's part of a key digest, mixed into `d`. */
export function xorObjectDigest(d: Uint8Array, v: RValue, hasExpire: boolean): void {
  if (typeof v === 'string') {
    mixDigest(d, be32(TYPE_CODE.string));
    mixDigest(d, v);
  } else {
    mixDigest(d, be32(TYPE_CODE[v.type]));
    switch (v.type) {
      case 'list':
        for (const e of v.items) mixDigest(d, e);
        break;
      case 'set':
        for (const m of v.set) xorDigest(d, m);
        break;
      case 'hash':
        for (const [f, x] of v.map) {
          const e = new Uint8Array(20);
          mixDigest(e, f);
          mixDigest(e, x);
          xorDigest(d, e);
        }
        break;
      case 'zset':
        for (const [m, score] of v.dict) {
          const e = new Uint8Array(20);
          mixDigest(e, m);
          mixDigest(e, formatDouble17g(score));
          xorDigest(d, e);
        }
        break;
      case 'stream':
        // Each entry's ID as "ms.seq", then its fields and values, in ID order (groups are not digested).
        for (const [id, fv] of v.entries) {
          mixDigest(d, `${idMs(id)}.${idSeq(id)}`);
          for (const x of fv) mixDigest(d, x);
        }
        break;
    }
  }
  if (hasExpire) xorDigest(d, '!!expire!!');
}

/** computeDatasetDigest as 40 hex digits (all zeros for an empty dataset). */
export function datasetDigest(dbs: readonly Db[]): string {
  const final = new Uint8Array(20);
  for (const db of dbs) {
    if (db.dict.size === 0) continue;
    mixDigest(final, be32(db.id));
    for (const [key, v] of db.dict) {
      const d = new Uint8Array(20);
      mixDigest(d, key);
      xorObjectDigest(d, v, db.expires.has(key));
      xorDigest(final, d);
    }
  }
  return toHex(final);
}

/** DEBUG DIGEST-VALUE: one key's value digest (no key name), zeros for a missing key. */
export function valueDigest(db: Db, key: string): string {
  const d = new Uint8Array(20);
  const v = db.dict.get(key);
  if (v !== undefined) xorObjectDigest(d, v, db.expires.has(key));
  return toHex(d);
}

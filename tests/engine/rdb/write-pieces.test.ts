/**
 * writeRdb writes a big keyspace in pieces of about 1 MB, checksums each piece as it is cut and
 * joins them at the end. These tests set the output against an independent model of the file —
 * header and aux fields from writeRdb's own output for an empty keyspace, then each string key
 * spelled out by hand (type 0, lengths, bytes), EOF and a CRC-64 of it all — for keyspaces from a
 * few bytes to several pieces, with values large enough to outgrow a piece's spare room.
 */
import { describe, expect, it } from 'vitest';
import { Db } from '../../../src/engine/keyspace';
import { crc64, loadRdb, type RdbAux, writeRdb } from '../../../src/engine/rdb';

const AUX: RdbAux = { redisVer: '7.0.15', ctime: 1700000000, usedMem: 123456 };

/** rdbSaveLen for lengths below 2^32. */
function len(n: number): number[] {
  if (n < 0x40) return [n];
  if (n < 0x4000) return [0x40 | (n >>> 8), n & 0xff];
  return [0x80, n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}

/** The expected file for one db of string keys, none integer-like, written without compression. */
function model(db: Db): Uint8Array {
  const empty = writeRdb([], AUX, '7.0', { compression: false });
  const head = Array.from(empty.subarray(0, empty.length - 9)); // without EOF and checksum
  const bytes: number[] = [...head, 0xfe, ...len(db.id), 0xfb, ...len(db.dict.size), ...len(0)];
  const parts: Uint8Array[] = [Uint8Array.from(bytes)];
  for (const [k, v] of db.dict) {
    if (typeof v !== 'string') throw new Error('strings only');
    const kv = [0, ...len(k.length)];
    for (let i = 0; i < k.length; i++) kv.push(k.charCodeAt(i));
    kv.push(...len(v.length));
    const entry = new Uint8Array(kv.length + v.length);
    entry.set(kv);
    for (let i = 0; i < v.length; i++) entry[kv.length + i] = v.charCodeAt(i);
    parts.push(entry);
  }
  parts.push(Uint8Array.of(0xff));
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total + 8);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  const crc = crc64(out, 0, total);
  for (let i = 0; i < 8; i++) out[total + i] = Number((crc >> BigInt(8 * i)) & 0xffn);
  return out;
}

function dbWith(n: number, value: (i: number) => string): Db {
  const db = new Db(3);
  for (let i = 0; i < n; i++) db.dict.set(`key:${i}`, value(i));
  return db;
}

describe('writeRdb in pieces', () => {
  it.each([
    ['a handful of keys (one piece)', 10, (i: number) => `value:${i}`],
    ['100,000 small keys (about 2 MB: pieces cut after a key)', 100_000, (i: number) => `value:${i}`],
    [
      'values of 20-200 KB (a piece outgrows its spare room)',
      40,
      (i: number) => `v${i}:`.padEnd(20_000 + i * 5_000, String.fromCharCode(97 + (i % 26))),
    ],
  ])('%s: the same bytes as the model, and they load back', (_name, n, value) => {
    const db = dbWith(n, value);
    const file = writeRdb([db], AUX, '7.0', { compression: false });
    const want = model(db);
    expect(file.length).toBe(want.length);
    // Compared as a whole only when equal lengths (a diff of megabytes is no use to read).
    expect(Buffer.compare(Buffer.from(file), Buffer.from(want))).toBe(0);
    const loaded = loadRdb(file);
    expect(loaded.keysLoaded).toBe(n);
    expect(loaded.dbs.get(3)?.dict.get(`key:${n - 1}`)).toBe(value(n - 1));
  });

  it('a file of several pieces is its own array, exactly its length', () => {
    const file = writeRdb([dbWith(150_000, (i) => `value:${i}`)], AUX, '7.0');
    expect(file.byteOffset).toBe(0);
    expect(file.buffer.byteLength).toBe(file.length);
  });
});

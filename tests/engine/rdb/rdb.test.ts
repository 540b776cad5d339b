import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { cmpBin, Db, newHash, newList, newSet, newZSet, type RValue, type RZSet } from '../../../src/engine/keyspace';
import {
  formatG17,
  intsetEntries,
  listpackEntries,
  loadRdb,
  parseInt64,
  type RdbAux,
  RdbError,
  type RdbVersion,
  writeRdb,
  ziplistEntries,
} from '../../../src/engine/rdb';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const unhex = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (x) => Number.parseInt(x, 16));

// ---------------------------------------------------------------------------------------------
// Files saved by real servers (redis-server 7.0.15 and 4.0.14, default config, SAVE after a replica
// had attached so the replication aux fields are present).

/** FLUSHALL, SAVE on 7.0.15. */
const EMPTY_70 =
  '524544495330303130fa0972656469732d76657206372e302e3135fa0a72656469732d62697473c040fa056374696d65c2d79c056bfa08757365642d6d656dc278eb1300fa0e7265706c2d73747265616d2d6462c000fa077265706c2d69642834333962343539306434613165656531653432376134363433616131373435396366343031356339fa0b7265706c2d6f6666736574c029fa08616f662d62617365c000ffa003c1ed319d2a6d';
const EMPTY_70_AUX: RdbAux = {
  redisVer: '7.0.15',
  ctime: 1795529943,
  usedMem: 1305464,
  repl: { streamDb: 0, replid: '439b4590d4a1eee1e427a4643aa17459cf4015c9', offset: 41 },
};
/** FLUSHALL, SAVE on 4.0.14. */
const EMPTY_40 =
  '524544495330303038fa0972656469732d76657206342e302e3134fa0a72656469732d62697473c040fa056374696d65c2d79c056bfa08757365642d6d656dc299c31d00fa0e7265706c2d73747265616d2d6462c000fa077265706c2d69642834646632393332623266666661616637623536303662306138333732376131356634623132323134fa0b7265706c2d6f6666736574c029fa0c616f662d707265616d626c65c000fff866d1f2af661269';
const EMPTY_40_AUX: RdbAux = {
  redisVer: '4.0.14',
  ctime: 1795529943,
  usedMem: 1950617,
  repl: { streamDb: 0, replid: '4df2932b2fffaaf7b5606b0a83727a15f4b12214', offset: 41 },
};

/*
 * After these commands (then SAVE):
 *   SET str hello; SET int 12345; SET long <"abc" x 20>; SET ttl x; PEXPIREAT ttl 1900000000000
 *   RPUSH list a b 1 300 -5; HSET hash f1 v1 n 42; SADD iset 3 1 2 70000; SADD sset member
 *   ZADD zset 1.5 a 2 b -3 c 0.1 d; ZADD zbig 1 <"a" x 72> 2 b; HSET hbig f <"v" x 84>
 *   SELECT 2; SET k v
 */
const SMALL_70 =
  '524544495330303130fa0972656469732d76657206372e302e3135fa0a72656469732d62697473c040fa056374696d65c2809e056bfa08757365642d6d656dc248512400fa0e7265706c2d73747265616d2d6462c002fa077265706c2d69642834333962343539306434613165656531653432376134363433616131373435396366343031356339fa0b7265706c2d6f6666736574c21dbd7604fa08616f662d62617365c000fe00fb0b0100046c6f6e67c30b3c0361626361e02d0201626300037374720568656c6c6f0003696e74c13930fc0038d360ba010000000374746c01780b046973657418040000000400000001000000020000000300000070110100040468626967010166c3094054017676e0470001767605047a6269670201620000000000000040c3094048016161e03b00016161000000000000f03f100468617368141400000004008266310382763103816e022a01ff02047373657401066d656d62657212046c6973740102151500000005008161028162020101c12c02dffb02ff11047a736574c3293213320000000800816302dffd0281640293302e3130e005000f311481610283312e35048162020201fffe02fb010000016b0176fff5b907ccd06d4947';
const SMALL_70_AUX: RdbAux = {
  redisVer: '7.0.15',
  ctime: 1795530368,
  usedMem: 2380104,
  repl: { streamDb: 2, replid: '439b4590d4a1eee1e427a4643aa17459cf4015c9', offset: 74890525 },
};
const SMALL_70_ORDER = ['long', 'str', 'int', 'ttl', 'iset', 'hbig', 'zbig', 'hash', 'sset', 'list', 'zset'];
const SMALL_40 =
  '524544495330303038fa0972656469732d76657206342e302e3134fa0a72656469732d62697473c040fa056374696d65c2809e056bfa08757365642d6d656dc264d31d00fa0e7265706c2d73747265616d2d6462c002fa077265706c2d69642834646632393332623266666661616637623536303662306138333732376131356634623132323134fa0b7265706c2d6f6666736574c2f3bc7604fa0c616f662d707265616d626c65c000fe00fb0b010003696e74c1393000037374720568656c6c6f0d04686173681919000000150000000400000266310402763104016e03fe2aff0e046c697374011a1a00000016000000050000016103016203f202c02c0104fefbfffc0038d360ba010000000374746c01780c047a736574c32d36043600000033200310080000016303fefd0301640313302e3130e005000e311501610303312e3505016203f3ff0b046973657418040000000400000001000000020000000300000070110100040468626967010166c3094054017676e0470001767600046c6f6e67c30b3c0361626361e02d0201626302047373657401066d656d62657205047a6269670201620000000000000040c3094048016161e03b00016161000000000000f03ffe02fb010000016b0176ff8e49c6d03a918b06';
const SMALL_40_AUX: RdbAux = {
  redisVer: '4.0.14',
  ctime: 1795530368,
  usedMem: 1954660,
  repl: { streamDb: 2, replid: '4df2932b2fffaaf7b5606b0a83727a15f4b12214', offset: 74890483 },
};
const SMALL_40_ORDER = ['int', 'str', 'hash', 'list', 'ttl', 'zset', 'iset', 'hbig', 'long', 'sset', 'zbig'];

function zset(pairs: [string, number][]): RZSet {
  const z = newZSet();
  for (const [m, s] of pairs) z.dict.set(m, s);
  z.sorted = pairs.map(([member, score]) => ({ member, score }));
  z.sorted.sort((a, b) => a.score - b.score || cmpBin(a.member, b.member));
  return z;
}
function hash(pairs: [string, string][]): RValue {
  const h = newHash();
  for (const [f, v] of pairs) h.map.set(f, v);
  return h;
}
function set(members: string[]): RValue {
  const s = newSet();
  for (const m of members) s.set.add(m);
  return s;
}

/** The SMALL dataset with db 0's keys in the given order. */
function smallDataset(order: string[]): Db[] {
  const values: Record<string, RValue> = {
    str: 'hello',
    int: '12345',
    long: 'abc'.repeat(20),
    ttl: 'x',
    list: newList(['a', 'b', '1', '300', '-5']),
    hash: hash([
      ['f1', 'v1'],
      ['n', '42'],
    ]),
    iset: set(['3', '1', '2', '70000']),
    sset: set(['member']),
    zset: zset([
      ['a', 1.5],
      ['b', 2],
      ['c', -3],
      ['d', 0.1],
    ]),
    zbig: zset([
      ['a'.repeat(72), 1],
      ['b', 2],
    ]),
    hbig: hash([['f', 'v'.repeat(84)]]),
  };
  const db0 = new Db(0);
  for (const k of order) db0.dict.set(k, values[k]);
  db0.expires.set('ttl', 1900000000000);
  const db2 = new Db(2);
  db2.dict.set('k', 'v');
  return [db0, new Db(1), db2];
}

/** A value in comparable form (sets and hashes as sorted pairs, zsets as their sorted list). */
function plain(v: RValue): unknown {
  if (typeof v === 'string') return v;
  switch (v.type) {
    case 'list':
      return ['list', v.items];
    case 'hash':
      return ['hash', [...v.map]];
    case 'set':
      return ['set', [...v.set].sort()];
    case 'zset':
      expect(v.sorted.length).toBe(v.dict.size);
      for (const e of v.sorted) expect(v.dict.get(e.member)).toBe(e.score);
      return ['zset', v.sorted.map((e) => [e.member, e.score === 0 ? 0 : e.score])];
  }
}
function plainDbs(dbs: Iterable<Db>): unknown {
  const out: unknown[] = [];
  for (const db of dbs) {
    if (!db.dict.size) continue;
    out.push([db.id, [...db.dict].map(([k, v]) => [k, plain(v), db.expires.get(k) ?? null])]);
  }
  return out;
}

describe('writeRdb matches real servers byte for byte', () => {
  it('empty dataset, 7.0', () => {
    const out = writeRdb([], EMPTY_70_AUX, '7.0');
    expect(out.length).toBe(172);
    expect(hex(out)).toBe(EMPTY_70);
  });

  it('empty dataset, 4.0', () => {
    const out = writeRdb([new Db(0)], EMPTY_40_AUX, '4.0');
    expect(out.length).toBe(176);
    expect(hex(out)).toBe(EMPTY_40);
  });

  it('empty dataset sizes with repl-offset 0', () => {
    const aux = (v: string): RdbAux => ({
      redisVer: v,
      ctime: 1_700_000_000,
      usedMem: 1_000_000,
      repl: { streamDb: 0, replid: '439b4590d4a1eee1e427a4643aa17459cf4015c9', offset: 0 },
    });
    expect(writeRdb([], aux('7.0.15'), '7.0').length).toBe(172);
    expect(writeRdb([], aux('4.0.14'), '4.0').length).toBe(176);
    // Without replication info the three repl fields go away.
    expect(writeRdb([], { ...aux('7.0.15'), repl: undefined }, '7.0').length).toBe(172 - 18 - 50 - 15);
  });

  it('small dataset of every type, 7.0 (listpacks, intset, LZF, TTL, two dbs)', () => {
    expect(hex(writeRdb(smallDataset(SMALL_70_ORDER), SMALL_70_AUX, '7.0'))).toBe(SMALL_70);
  });

  it('small dataset of every type, 4.0 (ziplists, quicklist, intset)', () => {
    expect(hex(writeRdb(smallDataset(SMALL_40_ORDER), SMALL_40_AUX, '4.0'))).toBe(SMALL_40);
  });

  it('writes strings uncompressed with compression off', () => {
    const db = new Db(0);
    db.dict.set('k', 'abc'.repeat(20));
    const on = writeRdb([db], EMPTY_70_AUX, '7.0');
    const off = writeRdb([db], EMPTY_70_AUX, '7.0', { compression: false });
    expect(off.length - on.length).toBe(60 + 1 - (1 + 1 + 1 + 11));
    expect(hex(off)).toContain(`0001${'6b'}3c${hex(Uint8Array.from('abc'.repeat(20), (c) => c.charCodeAt(0)))}`);
  });
});

describe('loadRdb reads real dumps', () => {
  it.each([
    ['7.0', SMALL_70, SMALL_70_ORDER, 10],
    ['4.0', SMALL_40, SMALL_40_ORDER, 8],
  ] as const)('small dataset, %s', (_v, fixture, order, version) => {
    const loaded = loadRdb(unhex(fixture));
    expect(loaded.version).toBe(version);
    expect(loaded.keysLoaded).toBe(12);
    expect(loaded.size).toBe(fixture.length / 2);
    expect([...loaded.dbs.keys()]).toEqual([0, 2]);
    expect(plainDbs(loaded.dbs.values())).toEqual(plainDbs(smallDataset(order)));
    // Small hashes keep their listpack/ziplist order; intsets come back ascending.
    const iset = loaded.dbs.get(0)!.dict.get('iset');
    expect(iset && typeof iset !== 'string' && iset.type === 'set' && [...iset.set]).toEqual(['1', '2', '3', '70000']);
  });

  it('reads the aux fields', () => {
    const { aux } = loadRdb(unhex(EMPTY_70));
    expect([...aux]).toEqual([
      ['redis-ver', '7.0.15'],
      ['redis-bits', '64'],
      ['ctime', '1795529943'],
      ['used-mem', '1305464'],
      ['repl-stream-db', '0'],
      ['repl-id', '439b4590d4a1eee1e427a4643aa17459cf4015c9'],
      ['repl-offset', '41'],
      ['aof-base', '0'],
    ]);
  });

  it('drops expired keys when asked', () => {
    const data = unhex(SMALL_70);
    expect(loadRdb(data, { now: 1900000000001, dropExpired: true })).toMatchObject({ keysLoaded: 11, keysExpired: 1 });
    expect(loadRdb(data, { now: 1900000000000, dropExpired: true })).toMatchObject({ keysLoaded: 12, keysExpired: 0 });
    expect(loadRdb(data, { now: 1900000000001 })).toMatchObject({ keysLoaded: 12, keysExpired: 0 });
  });

  it('reads the plain encodings and second-resolution expiries', () => {
    // Hand-assembled RDB 6 file: 0xFD expiry, LIST (1), SET (2), ZSET (3, ASCII scores), HASH (4).
    const parts = [
      '524544495330303036',
      'fe00',
      'fd00f15365', // expire at 0x6553f100 s
      '0001' + '6b' + '0176', // string k = v
      '01' + '014c' + '02' + '0161' + 'c00c', // list L = [a, 12]
      '02' + '0153' + '01' + '016d', // set S = {m}
      '03' + '015a' + '02' + '0161' + '03312e35' + '0162' + 'fe', // zset Z = {a: 1.5, b: inf}
      '04' + '0148' + '01' + '0166' + '0176', // hash H = {f: v}
      'ff',
      '0000000000000000', // checksum disabled
    ];
    const loaded = loadRdb(unhex(parts.join('')));
    const db = loaded.dbs.get(0)!;
    expect(db.expires.get('k')).toBe(0x6553f100 * 1000);
    expect(plainDbs([db])).toEqual([
      [
        0,
        [
          ['k', 'v', 0x6553f100 * 1000],
          ['L', ['list', ['a', '12']], null],
          ['S', ['set', ['m']], null],
          [
            'Z',
            [
              'zset',
              [
                ['a', 1.5],
                ['b', Number.POSITIVE_INFINITY],
              ],
            ],
            null,
          ],
          ['H', ['hash', [['f', 'v']]], null],
        ],
      ],
    ]);
  });
});

describe('packed blobs', () => {
  it('decodes every listpack integer width', () => {
    const db = new Db(0);
    const items = ['0', '127', '128', '-1', '4095', '-4096', '4096', '32767', '-32768', '32768', '8388607', '-8388608'];
    items.push('8388608', '2147483647', '-2147483648', '2147483648', '9223372036854775807', '-9223372036854775808');
    items.push('9223372036854775808', '007', '-0', '+1', '', 'x'.repeat(63), 'y'.repeat(64), 'z'.repeat(4096));
    db.dict.set('l', newList(items));
    for (const v of ['7.0', '4.0'] as const) {
      const back = loadRdb(writeRdb([db], EMPTY_70_AUX, v, { compression: false }))
        .dbs.get(0)!
        .dict.get('l');
      expect(back).toEqual(newList(items));
    }
  });

  it('rejects corrupt blobs', () => {
    expect(() => listpackEntries(unhex('0800000001000100ff'))).toThrow(RdbError);
    expect(() => listpackEntries(unhex('07000000000000'))).toThrow(RdbError);
    expect(() => ziplistEntries(unhex('0b000000'))).toThrow(RdbError);
    expect(() => intsetEntries(unhex('0300000000000000'))).toThrow(RdbError);
    expect(() => intsetEntries(unhex('020000000200000001'))).toThrow(RdbError);
  });

  it('splits long lists into 8 KB nodes as RPUSH does', () => {
    // RPUSH l item:0 ... item:2999 on real servers, rdbcompression no: 4 nodes each; the files'
    // sizes and trailing checksums (so, all their bytes) are reproduced.
    const db = new Db(0);
    db.dict.set('l', newList(Array.from({ length: 3000 }, (_, i) => `item:${i}`)));
    const real = {
      '7.0': {
        size: 32114,
        crc: '8d14571ff967609c',
        usedMem: 2431144,
        offset: 74934481,
        id: EMPTY_70_AUX.repl!.replid,
      },
      '4.0': {
        size: 32130,
        crc: 'a09536759f650f7b',
        usedMem: 1984177,
        offset: 74934439,
        id: EMPTY_40_AUX.repl!.replid,
      },
    };
    for (const v of ['7.0', '4.0'] as const) {
      const r = real[v];
      const aux: RdbAux = {
        redisVer: v === '7.0' ? '7.0.15' : '4.0.14',
        ctime: 1795530466,
        usedMem: r.usedMem,
        repl: { streamDb: 0, replid: r.id, offset: r.offset },
      };
      const out = writeRdb([db], aux, v, { compression: false });
      const at = hex(out).indexOf(v === '7.0' ? '12016c' : '0e016c') / 2 + 3;
      expect(out[at]).toBe(4);
      expect(out.length).toBe(r.size);
      expect(hex(out.subarray(out.length - 8))).toBe(r.crc);
      expect(loadRdb(out).dbs.get(0)!.dict.get('l')).toEqual(db.dict.get('l'));
    }
  });
});

describe('number formats', () => {
  it('parseInt64 follows string2ll', () => {
    expect(parseInt64('0')).toBe(0);
    expect(parseInt64('-12')).toBe(-12);
    expect(parseInt64('9223372036854775807')).toBe(9223372036854775807n);
    expect(parseInt64('-9223372036854775808')).toBe(-9223372036854775808n);
    for (const bad of ['', '-', '-0', '007', '+1', ' 1', '1 ', '1.0', '9223372036854775808', '1e3', '٣']) {
      expect(parseInt64(bad)).toBeNull();
    }
  });

  it('formatG17 prints like printf %.17g', () => {
    expect(formatG17(0.1)).toBe('0.10000000000000001');
    expect(formatG17(1.5)).toBe('1.5');
    expect(formatG17(1e20)).toBe('1e+20');
    expect(formatG17(1e-7)).toBe('9.9999999999999995e-08');
    expect(formatG17(-2.25)).toBe('-2.25');
    expect(formatG17(123456789.123)).toBe('123456789.123');
    expect(formatG17(2 ** -25)).toBe('2.9802322387695312e-08'); // exact tie: glibc rounds to even
    expect(formatG17(1e-5)).toBe('1.0000000000000001e-05');
    expect(formatG17(Number.MAX_VALUE)).toBe('1.7976931348623157e+308');
  });
});

// ---------------------------------------------------------------------------------------------
// Round trips.

const byteString = fc.uint8Array({ maxLength: 80 }).map((a) => String.fromCharCode(...a));
const intString = fc.oneof(
  fc.integer().map(String),
  fc.integer({ min: -200, max: 200 }).map(String),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String),
);
const repetitive = fc
  .tuple(fc.string({ minLength: 1, maxLength: 5 }), fc.integer({ min: 5, max: 400 }))
  .map(([s, n]) => s.repeat(n));
const str = fc.oneof(byteString, intString, repetitive, fc.constantFrom('', 'a', '-0', '007', '1.5'));
const score = fc.oneof(
  fc.double({ noNaN: true }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom(0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53 + 2, 2 ** 62, 2 ** -25),
);
const value: fc.Arbitrary<RValue> = fc.oneof(
  str,
  fc.array(str, { minLength: 1, maxLength: 40 }).map((items) => newList(items)),
  fc.array(fc.tuple(str, str), { minLength: 1, maxLength: 30 }).map((p) => hash(p)),
  fc.array(fc.oneof(str, intString), { minLength: 1, maxLength: 30 }).map((m) => set(m)),
  fc.uniqueArray(fc.tuple(str, score), { minLength: 1, maxLength: 30, selector: ([m]) => m }).map((p) => zset(p)),
);
const dataset = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 15 }), str, value, fc.option(fc.nat({ max: 2 ** 45 }))), { maxLength: 30 })
  .map((entries) => {
    const dbs = Array.from({ length: 16 }, (_, i) => new Db(i));
    for (const [id, k, v, ttl] of entries) {
      dbs[id].dict.set(k, v);
      if (ttl !== null) dbs[id].expires.set(k, ttl);
      else dbs[id].expires.delete(k);
    }
    return dbs;
  });

describe('round trips', () => {
  it.each(['7.0', '4.0'] as RdbVersion[])('write → load → write is stable, %s', (version) => {
    fc.assert(
      fc.property(dataset, fc.boolean(), (dbs, compression) => {
        const bytes = writeRdb(dbs, EMPTY_70_AUX, version, { compression });
        const loaded = loadRdb(bytes);
        expect(loaded.size).toBe(bytes.length);
        expect(plainDbs(loaded.dbs.values())).toEqual(plainDbs(dbs));
        expect(hex(writeRdb([...loaded.dbs.values()], EMPTY_70_AUX, version, { compression }))).toBe(hex(bytes));
      }),
      { numRuns: 150 },
    );
  });

  it('uses the big encodings past the thresholds and reads them back', () => {
    const db = new Db(0);
    db.dict.set('h', hash(Array.from({ length: 513 }, (_, i): [string, string] => [`f${i}`, `${i}`])));
    db.dict.set('s', set(Array.from({ length: 513 }, (_, i) => `${i}`)));
    db.dict.set('z', zset(Array.from({ length: 129 }, (_, i): [string, number] => [`m${i}`, i / 3])));
    const out = writeRdb([db], EMPTY_70_AUX, '7.0');
    const types = [...db.dict.keys()].map((k) => out[hex(out).indexOf(`01${k.charCodeAt(0).toString(16)}`) / 2 - 1]);
    expect(types).toEqual([4, 2, 5]); // HASH, SET, ZSET_2
    expect(plainDbs(loadRdb(out).dbs.values())).toEqual(plainDbs([db]));
  });
});

describe('corrupt input', () => {
  const good = unhex(SMALL_70);

  it('rejects a wrong signature or version', () => {
    expect(() => loadRdb(unhex('524544495330303130'.replace('52', '53')))).toThrow(/signature/);
    expect(() => loadRdb(new Uint8Array(3))).toThrow(/signature/);
    const v99 = good.slice();
    v99.set([0x30, 0x30, 0x39, 0x39], 5);
    expect(() => loadRdb(v99)).toThrow(/version 99/);
    expect(() => loadRdb(good, { maxVersion: 8 })).toThrow("Can't handle RDB format version 10");
    expect(loadRdb(unhex(SMALL_40), { maxVersion: 8 }).version).toBe(8);
  });

  it('rejects a bad checksum, and skips the check when it is zero', () => {
    const bad = good.slice();
    bad[bad.length - 1] ^= 1;
    expect(() => loadRdb(bad)).toThrow(/checksum/);
    const flipped = good.slice();
    flipped[400] ^= 0x01; // inside a value: parses, but the checksum catches it
    expect(() => loadRdb(flipped)).toThrow(RdbError);
    const zero = good.slice();
    zero.fill(0, zero.length - 8);
    expect(loadRdb(zero).keysLoaded).toBe(12);
  });

  it('rejects every truncation', () => {
    for (let n = 0; n < good.length; n++) {
      expect(() => loadRdb(good.subarray(0, n)), `truncated to ${n}`).toThrow(RdbError);
    }
  });

  it('rejects unknown types and opcodes', () => {
    const file = (body: string) => {
      const b = unhex(`524544495330303130${body}ff`);
      const out = new Uint8Array(b.length + 8);
      out.set(b);
      return out; // zero checksum: not checked
    };
    expect(() => loadRdb(file('fe00' + '08016b0176'))).toThrow('Unknown RDB encoding type 8');
    // An empty stream of the 5.0 type: no nodes, length 0, last ID 0-0, no groups.
    expect(
      loadRdb(file('fe00' + '0f016b' + '0000000000'))
        .dbs.get(0)
        ?.dict.get('k'),
    ).toMatchObject({
      type: 'stream',
    });
    // 0xF7 is a module's aux data (0xF5 is 7.0's function library).
    expect(() => loadRdb(file('f7'))).toThrow(/unsupported RDB opcode/);
    expect(loadRdb(file('f5' + '0378797a')).functions).toEqual(['xyz']);
    expect(() => loadRdb(file('fe00' + '00016bc4'))).toThrow(/string encoding/);
    expect(() => loadRdb(file('fe00' + '00016b0176' + '00016b0177'))).toThrow(/duplicate key/);
    expect(() => loadRdb(file('fe00' + '00016bc3050a61'))).toThrow(RdbError); // truncated LZF
  });
});

// ---------------------------------------------------------------------------------------------
// The real checker, when installed.

const checker = spawnSync('redis-check-rdb', ['--help'], { encoding: 'utf8' });
const hasChecker = !checker.error;

describe.skipIf(!hasChecker)('redis-check-rdb accepts our files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rdb-check-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['7.0', '4.0'] as RdbVersion[])('%s', (version) => {
    const samples = fc.sample(dataset, { numRuns: 4, seed: 7 });
    samples.push(smallDataset(SMALL_70_ORDER));
    samples.forEach((dbs, i) => {
      const file = join(dir, `v${version}-${i}.rdb`);
      writeFileSync(file, writeRdb(dbs, EMPTY_70_AUX, version));
      const r = spawnSync('redis-check-rdb', [file], { encoding: 'utf8' });
      expect(r.stdout, r.stdout + r.stderr).toContain('RDB looks OK');
    });
  });
});

describe('loading into existing databases', () => {
  it('fills the given Db objects', () => {
    const target = Array.from({ length: 16 }, (_, i) => new Db(i));
    const loaded = loadRdb(unhex(SMALL_70), { into: target });
    expect(loaded.dbs.get(0)).toBe(target[0]);
    expect(loaded.dbs.get(2)).toBe(target[2]);
    expect(target[0].dict.size).toBe(11);
    expect(target[0].expires.get('ttl')).toBe(1900000000000);
    expect(() => loadRdb(unhex(SMALL_70), { into: [new Db(0), new Db(1)] })).toThrow(/db 2/);
    expect(() => loadRdb(unhex(SMALL_70), { into: target })).toThrow(/duplicate key/);
  });
});

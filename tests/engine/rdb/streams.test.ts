/**
 * Streams and function libraries in RDB files, against redis-server 7.0.15.
 *
 * The fixture (fixtures/streams-functions-7.0.15.rdb) was saved by a real 7.0.15 after: XADD of 154
 * entries to `s` (the first four by hand, with different fields, then 150 with the same fields, so
 * the stream spans two nodes), XGROUP CREATE s g1 0 and g2 $, XREADGROUP of 3 entries by alice and
 * 2 by bob in g1, XACK of one of bob's, XGROUP CREATECONSUMER s g2 carol, a stream `empty` whose
 * only entry was deleted, a stream `big` with one 300-byte value, FUNCTION LOAD of library `mylib`,
 * and SET plain 1. Its DEBUG DIGEST and DEBUG DIGEST-VALUE were taken on that server.
 *
 * When redis-server is installed, a file the engine writes is also loaded by a real server
 * (ports 43500-43599, shifted by nothing: these are this file's own).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetDigest, valueDigest } from '../../../src/engine/commands/util/digest';
import { loadRdb, RDB_OPCODE, writeRdb } from '../../../src/engine/rdb';
import { formatStreamId, type RStream } from '../../../src/engine/stream';
import { Wire } from '../wire';

const FIXTURE = readFileSync(new URL('./fixtures/streams-functions-7.0.15.rdb', import.meta.url));
const REAL_DIGEST = 'ce9cd4d88ec5e7a41e42ca19bae4a4efb9b37fec';
const REAL_VALUE_DIGESTS = {
  s: '32fb8715aed203d82e0afb8fee6a66cbf8d43279',
  empty: '06bd01623de1d087bbd377851096317b1af476a2',
  big: 'a253686bfc975c169da09e23346d757280043319',
};
const LIBRARY = "#!lua name=mylib\nredis.register_function('myfunc', function(keys, args) return args[1] end)";

const load = () => loadRdb(new Uint8Array(FIXTURE));

/** Where the keyspace starts (the first SELECTDB after the aux fields and functions). */
function keyspaceStart(b: Uint8Array): number {
  const i = b.indexOf(RDB_OPCODE.SELECTDB, 9);
  // The fixture's head has no 0xFE byte before its SELECTDB (checked: the load agrees).
  return i;
}

describe('streams and functions from a real 7.0.15 file', () => {
  it('loads every stream with its entries, groups, PEL and consumers, and the function library', () => {
    const r = load();
    expect(r.functions).toEqual([LIBRARY]);
    const db = r.dbs.get(0)!;
    const s = db.dict.get('s') as RStream;
    expect(s.type).toBe('stream');
    expect(s.entries.size).toBe(154);
    const ids = [...s.entries.keys()].map(formatStreamId);
    expect(ids.slice(0, 5)).toEqual([
      '1700000000000-0',
      '1700000000001-0',
      '1700000000001-5',
      '1700000000002-0',
      '1700000001001-0',
    ]);
    expect(s.entries.get([...s.entries.keys()][3])).toEqual(['name', 'hello world', 'other', 'x']);
    expect(s.entries.get([...s.entries.keys()][153])).toEqual(['temp', '150', 'hum', '450', 'note', 'n150']);
    expect(formatStreamId(s.lastId)).toBe('1700000001150-0');
    expect(formatStreamId(s.firstId)).toBe('1700000000000-0');
    expect(s.entriesAdded).toBe(154n);
    expect([...s.groups.keys()]).toEqual(['g1', 'g2']);
    const g1 = s.groups.get('g1')!;
    expect(formatStreamId(g1.lastId)).toBe('1700000001001-0');
    expect(g1.entriesRead).toBe(5n);
    // alice read three, bob two; one of alice's was acknowledged.
    expect([...g1.pel.keys()].map(formatStreamId)).toEqual([
      '1700000000000-0',
      '1700000000001-5',
      '1700000000002-0',
      '1700000001001-0',
    ]);
    expect(g1.pel.get([...g1.pel.keys()][0])).toMatchObject({ consumer: 'alice', deliveryCount: 1 });
    expect(g1.pel.get([...g1.pel.keys()][2])).toMatchObject({ consumer: 'bob', deliveryCount: 1 });
    expect([...g1.consumers.keys()].sort()).toEqual(['alice', 'bob']);
    expect(g1.consumers.get('bob')!.pel.size).toBe(2);
    const g2 = s.groups.get('g2')!;
    expect(formatStreamId(g2.lastId)).toBe('1700000001150-0');
    expect([...g2.consumers.keys()]).toEqual(['carol']);
    const empty = db.dict.get('empty') as RStream;
    expect(empty.entries.size).toBe(0);
    expect(formatStreamId(empty.lastId)).toBe('5-5');
    expect(formatStreamId(empty.maxDeletedId)).toBe('5-5');
  });

  it('has the DEBUG DIGEST real Redis computed', () => {
    const r = load();
    const dbs = [...r.dbs.values()];
    expect(datasetDigest(dbs)).toBe(REAL_DIGEST);
    for (const [k, d] of Object.entries(REAL_VALUE_DIGESTS)) expect(valueDigest(dbs[0], k)).toBe(d);
  });

  it('writes the keyspace back byte for byte as real Redis wrote it', () => {
    const r = load();
    const ours = writeRdb(
      [...r.dbs.values()],
      { redisVer: '7.0.15', ctime: 0, usedMem: 0, functions: r.functions },
      '7.0',
    );
    const theirs = new Uint8Array(FIXTURE);
    // Everything from the first SELECTDB to the EOF opcode (the aux fields hold times and sizes).
    const a = ours.subarray(keyspaceStart(ours), ours.length - 8);
    const b = theirs.subarray(keyspaceStart(theirs), theirs.length - 8);
    expect(Buffer.from(a).toString('hex')).toBe(Buffer.from(b).toString('hex'));
    // The function record is the same too.
    const fnAt = (x: Uint8Array) => x.indexOf(RDB_OPCODE.FUNCTION2, 9);
    expect(Buffer.from(ours.subarray(fnAt(ours), keyspaceStart(ours))).toString('hex')).toBe(
      Buffer.from(theirs.subarray(fnAt(theirs), keyspaceStart(theirs))).toString('hex'),
    );
  });

  it('a node starts from the file: TYPE stream, OBJECT ENCODING stream, the library loaded and kept for its next save', () => {
    const w = new Wire('7.0', 6379, {}, { 'dump.rdb': new Uint8Array(FIXTURE) });
    expect(w.exited).toBe(false);
    expect(w.logs).toContain('* Done loading RDB, keys loaded: 4, keys expired: 0.');
    w.srv.onAccept(1, '127.0.0.1:50001');
    w.send(1, 'TYPE', 's');
    expect(w.take(1)).toBe('+stream\r\n');
    w.send(1, 'OBJECT', 'ENCODING', 's');
    expect(w.take(1)).toBe('$6\r\nstream\r\n');
    w.send(1, 'DEBUG', 'DIGEST');
    expect(w.take(1)).toBe(`+${REAL_DIGEST}\r\n`);
    // The library is loaded, not only kept: its function runs.
    w.send(1, 'FCALL', 'MYFUNC', '0', 'hello');
    expect(w.take(1)).toBe('$5\r\nhello\r\n');
    w.send(1, 'SAVE');
    expect(w.take(1)).toBe('+OK\r\n');
    const saved = loadRdb(w.files.get('dump.rdb')!);
    expect(saved.functions).toEqual([LIBRARY]);
    expect(datasetDigest([...saved.dbs.values()])).toBe(REAL_DIGEST);
  });
});

// ---------------------------------------------------------------------------------------------
// Corrupt files: what real 7.0.15 logs (each checked by starting it on such a file).

describe('a file that cannot be loaded stops the node with real Redis log lines', () => {
  const start = (file: Uint8Array, v: '7.0' | '4.0' = '7.0') => new Wire(v, 6379, {}, { 'dump.rdb': file });
  const warnings = (w: Wire) => w.logs.filter((l) => l.startsWith('#') || l.startsWith('*')).slice(-3);

  it('truncated', () => {
    const w = start(new Uint8Array(FIXTURE.subarray(0, 1500)));
    expect(w.exited).toBe(true);
    expect(warnings(w)).toEqual([
      '* RDB memory usage when created 1.12 Mb',
      '# Short read or OOM loading DB. Unrecoverable error, aborting now.',
      '# Internal error in RDB reading offset 0, function at rdb.c:3249 -> Unexpected EOF reading RDB file',
    ]);
  });

  it('a wrong checksum', () => {
    const bad = new Uint8Array(FIXTURE);
    bad[bad.length - 1] ^= 0xff;
    const w = start(bad);
    expect(w.exited).toBe(true);
    const stored = Buffer.from(bad.subarray(bad.length - 8))
      .readBigUInt64LE()
      .toString(16);
    const computed = Buffer.from(FIXTURE.subarray(FIXTURE.length - 8))
      .readBigUInt64LE()
      .toString(16);
    expect(warnings(w).slice(1)).toEqual([
      `# Wrong RDB checksum expected: (${computed}) but got (${stored}). Aborting now.`,
      '# Internal error in RDB reading offset 0, function at rdb.c:3225 -> RDB CRC error',
    ]);
  });

  it('a format version 7.0 cannot read, a wrong signature, an unknown type', () => {
    const v11 = new Uint8Array(FIXTURE);
    v11.set([0x30, 0x30, 0x31, 0x31], 5);
    let w = start(v11);
    expect(w.exited).toBe(true);
    expect(warnings(w).slice(1)).toEqual([
      "# Can't handle RDB format version 11",
      '# Fatal error loading the DB: Invalid argument. Exiting.',
    ]);
    const magic = new Uint8Array(FIXTURE);
    magic[1] = 0x41;
    w = start(magic);
    expect(warnings(w).slice(1)).toEqual([
      '# Wrong signature trying to load DB from file',
      '# Fatal error loading the DB: Invalid argument. Exiting.',
    ]);
    const type = new Uint8Array(FIXTURE);
    type[keyspaceStart(type) + 5] = 0x20; // the type byte of the first key (after SELECTDB 0, RESIZEDB 4 0)
    w = start(type);
    expect(w.exited).toBe(true);
    expect(warnings(w).slice(-1)).toEqual([
      '# Internal error in RDB reading offset 0, function at rdb.c:2681 -> Unknown RDB encoding type 32',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Real Redis loads what the engine writes.

const hasServer = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** One command on a fresh connection; the raw reply. */
function ask(port: number, cmd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = createConnection({ host: '127.0.0.1', port }, () => sock.write(cmd));
    let got = '';
    sock.on('data', (d) => {
      got += d.toString('latin1');
      if (got.endsWith('\r\n')) {
        sock.destroy();
        resolve(got);
      }
    });
    sock.on('error', reject);
  });
}

describe.skipIf(!hasServer)('redis-server 7.0.15 loads the streams and functions the engine writes', () => {
  it('redis-check-rdb accepts the file; a server started on it has the same digest and library', async () => {
    const r = load();
    const ours = writeRdb(
      [...r.dbs.values()],
      { redisVer: '7.0.15', ctime: 1700000000, usedMem: 1000000, functions: r.functions },
      '7.0',
    );
    const dir = mkdtempSync(join(tmpdir(), 'rdb-streams-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'dump.rdb'), ours);
    const check = spawnSync('redis-check-rdb', [join(dir, 'dump.rdb')], { encoding: 'utf8' });
    expect(check.stdout).toContain('RDB looks OK');
    const port = 43500 + Math.floor(Math.random() * 90);
    const proc = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--enable-debug-command', 'yes'],
      { stdio: 'ignore' },
    );
    try {
      let digest = '';
      for (let i = 0; i < 100 && digest === ''; i++) {
        await new Promise((res) => setTimeout(res, 50));
        digest = await ask(port, 'DEBUG DIGEST\r\n').catch(() => '');
      }
      expect(digest).toBe(`+${REAL_DIGEST}\r\n`);
      expect(await ask(port, 'FUNCTION LIST\r\n')).toContain('myfunc');
      expect(await ask(port, 'XINFO GROUPS s\r\n')).toContain('g1');
      expect(await ask(port, 'XPENDING s g1\r\n')).toContain('1700000000000-0');
    } finally {
      proc.kill('SIGKILL');
    }
  }, 20_000);
});

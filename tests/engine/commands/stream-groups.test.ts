/**
 * Consumer groups and blocking stream reads on a whole engine with several clients and a replica:
 * XREAD / XREADGROUP BLOCK served by another client's XADD (in the order they blocked), timeouts
 * on the simulated clock, what a served XREADGROUP propagates (an XCLAIM per entry, XGROUP SETID
 * and CREATECONSUMER with NOACK, MULTI/EXEC around two or more), waiters told when their stream
 * or group goes (XREADGROUP) or left waiting (XREAD), MULTI and scripts, idle times from the
 * clock, and XINFO's radix-tree-nodes (the figures are real redis-server 7.0.15's). Replies and
 * propagation are also checked against real Redis in tests/diff/scenarios/59 and 60.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeCommand } from '../../../src/engine';
import { datasetDigest } from '../../../src/engine/commands/util/digest';
import { appendEntry, nodeMasterIds } from '../../../src/engine/commands/util/stream';
import { radixNodes } from '../../../src/engine/commands/xinfo';
import { writeRdb } from '../../../src/engine/rdb';
import { encodeReply } from '../../../src/engine/resp';
import { newStream, streamId } from '../../../src/engine/stream';
import { Wire } from '../wire';
import { FakeServer } from './fake-ctx';

const REPLICA = 99;
const cmd = (...argv: string[]) => encodeCommand(argv);
/** RESP2 of one entry with one field. */
const entry = (id: string, f: string, v: string) =>
  `*2\r\n$${id.length}\r\n${id}\r\n*2\r\n$${f.length}\r\n${f}\r\n$${v.length}\r\n${v}\r\n`;
/** RESP2 of an XREAD reply for one stream. */
const read1 = (key: string, ...entries: string[]) =>
  `*1\r\n*2\r\n$${key.length}\r\n${key}\r\n*${entries.length}\r\n${entries.join('')}`;

function setup(clients = 6): Wire {
  const w = new Wire('7.0', 6379, { 'repl-diskless-sync': 'no' });
  w.replica(REPLICA, 6380);
  for (let i = 1; i <= clients; i++) w.srv.onAccept(i, `127.0.0.1:${50000 + i}`);
  return w;
}

describe('XREAD BLOCK', () => {
  it('waits for an XADD after `$`, serves waiters in order, times out on the simulated clock', () => {
    const w = setup();
    w.send(1, 'XADD', 's', '1-1', 'f', 'a');
    w.take(1);
    w.send(2, 'XREAD', 'BLOCK', '0', 'STREAMS', 's', '$');
    w.send(3, 'XREAD', 'COUNT', '1', 'BLOCK', '0', 'STREAMS', 'other', 's', '0', '1-1');
    w.raw(4, cmd('XREAD', 'BLOCK', '500', 'STREAMS', 'none', '$') + cmd('PING'));
    expect([2, 3, 4].map((c) => w.take(c))).toEqual(['', '', '']);
    expect(w.srv.keyBlocked.size).toBe(3);
    w.send(1, 'XADD', 's', '2-1', 'f', 'b');
    expect(w.take(1)).toBe('$3\r\n2-1\r\n');
    expect(w.take(2)).toBe(read1('s', entry('2-1', 'f', 'b')));
    expect(w.take(3)).toBe(read1('s', entry('2-1', 'f', 'b')));
    w.run(400);
    expect(w.take(4)).toBe('');
    w.run(200);
    expect(w.take(4)).toBe('*-1\r\n+PONG\r\n');
    expect(w.srv.keyBlocked.size).toBe(0);
  });

  it('stays blocked when its stream is deleted, and reads the new stream an XADD makes', () => {
    const w = setup();
    w.send(1, 'XADD', 's', '5-1', 'f', 'a');
    w.send(2, 'XREAD', 'BLOCK', '0', 'STREAMS', 's', '$');
    w.send(1, 'DEL', 's');
    w.send(1, 'SET', 's', 'x');
    w.send(1, 'DEL', 's');
    expect(w.take(2)).toBe('');
    // A new stream whose last ID is not past 5-1 does not serve it; a later one does.
    w.send(1, 'XADD', 's', '3-1', 'f', 'b');
    expect(w.take(2)).toBe('');
    w.send(1, 'XADD', 's', '6-1', 'f', 'c');
    expect(w.take(2)).toBe(read1('s', entry('6-1', 'f', 'c')));
  });

  it('answers at once inside MULTI, and is refused with BLOCK in a script', () => {
    const w = setup();
    w.send(1, 'MULTI');
    w.send(1, 'XREAD', 'BLOCK', '0', 'STREAMS', 's', '$');
    w.send(1, 'XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>');
    w.take(1);
    w.send(1, 'EXEC');
    expect(w.take(1)).toBe(
      "*2\r\n*-1\r\n-NOGROUP No such key 's' or consumer group 'g' in XREADGROUP with GROUP option\r\n",
    );
    w.send(1, 'EVAL', "return redis.pcall('XREAD', 'BLOCK', '0', 'STREAMS', 's', '$')", '0');
    expect(w.take(1)).toBe('-ERR XREAD command is not allowed with BLOCK option from scripts\r\n');
  });
});

describe('XREADGROUP BLOCK', () => {
  it('is served past the group last ID; each entry reaches the replica as an XCLAIM', () => {
    const w = setup();
    w.send(1, 'XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM');
    w.send(2, 'XREADGROUP', 'GROUP', 'g', 'alice', 'BLOCK', '0', 'STREAMS', 's', '>');
    w.send(3, 'XREADGROUP', 'GROUP', 'g', 'bob', 'COUNT', '1', 'BLOCK', '0', 'STREAMS', 's', '>');
    w.take(1);
    w.take(REPLICA);
    const t = w.srv.mstime;
    // Two entries in one transaction: alice gets both, bob (who waits after the group's last ID) nothing.
    w.send(1, 'MULTI');
    w.send(1, 'XADD', 's', '1-1', 'f', 'a');
    w.send(1, 'XADD', 's', '2-1', 'f', 'b');
    w.send(1, 'EXEC');
    expect(w.take(2)).toBe(read1('s', entry('1-1', 'f', 'a'), entry('2-1', 'f', 'b')));
    expect(w.take(3)).toBe('');
    const claim = (c: string, id: string, last: string) =>
      cmd('XCLAIM', 's', 'g', c, '0', id, 'TIME', String(t), 'RETRYCOUNT', '1', 'FORCE', 'JUSTID', 'LASTID', last);
    expect(w.take(REPLICA)).toBe(
      cmd('MULTI') +
        cmd('XADD', 's', '1-1', 'f', 'a') +
        cmd('XADD', 's', '2-1', 'f', 'b') +
        cmd('EXEC') +
        cmd('MULTI') +
        claim('alice', '1-1', '1-1') +
        claim('alice', '2-1', '2-1') +
        cmd('EXEC'),
    );
    w.send(1, 'XADD', 's', '3-1', 'f', 'c');
    expect(w.take(3)).toBe(read1('s', entry('3-1', 'f', 'c')));
    expect(w.take(REPLICA)).toBe(cmd('XADD', 's', '3-1', 'f', 'c') + claim('bob', '3-1', '3-1'));
    w.take(1);
    w.send(1, 'XPENDING', 's', 'g');
    expect(w.take(1)).toBe(
      '*4\r\n:3\r\n$3\r\n1-1\r\n$3\r\n3-1\r\n*2\r\n*2\r\n$5\r\nalice\r\n$1\r\n2\r\n*2\r\n$3\r\nbob\r\n$1\r\n1\r\n',
    );
  });

  it('NOACK: the consumer made and the last ID moved reach the replica as XGROUP commands', () => {
    const w = setup();
    w.send(1, 'XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM');
    w.send(2, 'XREADGROUP', 'GROUP', 'g', 'carol', 'NOACK', 'BLOCK', '0', 'STREAMS', 's', '>');
    w.take(1);
    w.take(REPLICA);
    w.send(1, 'XADD', 's', '1-1', 'f', 'a');
    w.take(1);
    expect(w.take(2)).toBe(read1('s', entry('1-1', 'f', 'a')));
    expect(w.take(REPLICA)).toBe(
      cmd('XADD', 's', '1-1', 'f', 'a') +
        cmd('MULTI') +
        cmd('XGROUP', 'CREATECONSUMER', 's', 'g', 'carol') +
        cmd('XGROUP', 'SETID', 's', 'g', '1-1', 'ENTRIESREAD', '1') +
        cmd('EXEC'),
    );
    w.send(1, 'XPENDING', 's', 'g');
    expect(w.take(1)).toBe('*4\r\n:0\r\n$-1\r\n$-1\r\n*-1\r\n');
  });

  it('is told when its stream or group goes: UNBLOCKED, NOGROUP; a timeout is a nil array', () => {
    const w = setup();
    const wait = (c: number, key: string) =>
      w.send(c, 'XREADGROUP', 'GROUP', 'g', `c${c}`, 'BLOCK', '0', 'STREAMS', key, '>');
    for (const k of ['a', 'b', 'c', 'd', 'e']) w.send(1, 'XGROUP', 'CREATE', k, 'g', '$', 'MKSTREAM');
    wait(2, 'a');
    wait(3, 'b');
    wait(4, 'c');
    wait(5, 'd');
    w.send(6, 'XREADGROUP', 'GROUP', 'g', 'x', 'BLOCK', '1000', 'STREAMS', 'e', '>');
    w.send(1, 'DEL', 'a');
    expect(w.take(2)).toBe('-UNBLOCKED the stream key no longer exists\r\n');
    w.send(1, 'SET', 'b', 'x');
    expect(w.take(3)).toBe('-UNBLOCKED the stream key no longer exists\r\n');
    w.send(1, 'XGROUP', 'DESTROY', 'c', 'g');
    expect(w.take(4)).toBe('-NOGROUP the consumer group this client was blocked on no longer exists\r\n');
    w.send(1, 'FLUSHDB');
    expect(w.take(5)).toBe('-UNBLOCKED the stream key no longer exists\r\n');
    expect(w.take(6)).toBe('-UNBLOCKED the stream key no longer exists\r\n');
    w.send(1, 'XGROUP', 'CREATE', 'e', 'g', '$', 'MKSTREAM');
    w.send(6, 'XREADGROUP', 'GROUP', 'g', 'x', 'BLOCK', '1000', 'STREAMS', 'e', '>');
    w.run(900);
    expect(w.take(6)).toBe('');
    w.run(200);
    expect(w.take(6)).toBe('*-1\r\n');
    expect(w.srv.keyBlocked.size).toBe(0);
  });
});

describe('idle times and the radix tree', () => {
  it('XPENDING and XINFO CONSUMERS count idle time on the simulated clock', () => {
    const w = setup();
    w.send(1, 'XADD', 's', '1-1', 'f', 'a');
    w.send(1, 'XGROUP', 'CREATE', 's', 'g', '0');
    w.send(1, 'XREADGROUP', 'GROUP', 'g', 'alice', 'STREAMS', 's', '>');
    w.take(1);
    w.run(1500);
    w.send(1, 'XPENDING', 's', 'g', 'IDLE', '1000', '-', '+', '10');
    w.send(1, 'XPENDING', 's', 'g', 'IDLE', '2000', '-', '+', '10');
    w.send(1, 'XINFO', 'CONSUMERS', 's', 'g');
    expect(w.take(1)).toBe(
      '*1\r\n*4\r\n$3\r\n1-1\r\n$5\r\nalice\r\n:1500\r\n:1\r\n' +
        '*0\r\n' +
        '*1\r\n*6\r\n$4\r\nname\r\n$5\r\nalice\r\n$7\r\npending\r\n:1\r\n$4\r\nidle\r\n:1500\r\n',
    );
  });

  it('radix-tree-nodes as real Redis counts them for streams of several nodes', () => {
    // [entries, ms step]: IDs i*step - (i % 3); real redis-server 7.0.15's radix-tree-keys / -nodes.
    const real: [number, number, number, number][] = [
      [1000, 1, 10, 26],
      [5000, 7, 50, 102],
      [300, 1000003, 3, 8],
      [2000, 65536, 20, 50],
    ];
    for (const [n, step, keys, nodes] of real) {
      const s = newStream();
      const limits = { maxEntries: 100, maxBytes: 4096 };
      for (let i = 1; i <= n; i++) {
        appendEntry(s, ['f', String(i)], 0, { id: streamId(i * step, i % 3), seqGiven: true }, limits);
      }
      const masters = nodeMasterIds(s, limits);
      expect([masters.length, radixNodes(masters)]).toEqual([keys, nodes]);
    }
    expect(radixNodes([])).toBe(1);
  });
});

const hasServer = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

/** Send `argv` on a fresh connection and read `bytes` bytes of reply (or what came in 5 s). */
function askFor(port: number, argv: string[], bytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = createConnection({ host: '127.0.0.1', port }, () => sock.write(encodeCommand(argv)));
    let got = '';
    const done = () => {
      sock.destroy();
      resolve(got);
    };
    const timer = setTimeout(done, 5000);
    sock.on('data', (d) => {
      got += d.toString('latin1');
      if (got.length >= bytes && got.endsWith('\r\n')) {
        clearTimeout(timer);
        done();
      }
    });
    sock.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

describe.skipIf(!hasServer)('redis-server 7.0.15 loads the groups the engine saved', () => {
  it('RDB_TYPE_STREAM_LISTPACKS_2 with groups, PEL, consumers: same XINFO STREAM FULL, XPENDING and digest', async () => {
    const s = new FakeServer({ now: 1_700_000_000_000 });
    for (let i = 1; i <= 120; i++) s.run('XADD', 's', `${i}-1`, 'f', String(i));
    s.run('XGROUP', 'CREATE', 's', 'g', '0');
    s.run('XGROUP', 'CREATE', 's', 'noack', '$');
    s.run('XREADGROUP', 'GROUP', 'g', 'alice', 'COUNT', '3', 'STREAMS', 's', '>');
    s.now += 1234;
    s.run('XREADGROUP', 'GROUP', 'g', 'bob', 'COUNT', '2', 'STREAMS', 's', '>');
    s.run('XCLAIM', 's', 'g', 'carol', '0', '2-1', 'RETRYCOUNT', '9');
    s.run('XGROUP', 'CREATECONSUMER', 's', 'g', 'idle');
    s.run('XDEL', 's', '4-1', '50-1');
    s.run('XADD', 's', '121-1', 'f', 'x');
    const rdb = writeRdb(s.dbs, { redisVer: '7.0.15', ctime: 1700000000, usedMem: 1000000 }, '7.0');
    const dir = mkdtempSync(join(tmpdir(), 'stream-groups-'));
    try {
      writeFileSync(join(dir, 'dump.rdb'), rdb);
      expect(spawnSync('redis-check-rdb', [join(dir, 'dump.rdb')], { encoding: 'utf8' }).stdout).toContain(
        'RDB looks OK',
      );
      // Port 43990: scenario 60's range with DIFF_PORT_OFFSET=31000, unused by the scenario itself.
      const port = 43990;
      const proc = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--enable-debug-command', 'yes'],
        { stdio: 'ignore' },
      );
      try {
        const digest = `+${datasetDigest(s.dbs)}\r\n`;
        let got = '';
        for (let i = 0; i < 100 && got === ''; i++) {
          await new Promise((res) => setTimeout(res, 50));
          got = await askFor(port, ['DEBUG', 'DIGEST'], digest.length).catch(() => '');
        }
        expect(got).toBe(digest);
        for (const argv of [
          ['XINFO', 'STREAM', 's', 'FULL', 'COUNT', '0'],
          ['XINFO', 'GROUPS', 's'],
          ['XPENDING', 's', 'g'],
        ]) {
          const engine = encodeReply(s.r(...argv));
          expect(await askFor(port, argv, engine.length), argv.join(' ')).toBe(engine);
        }
      } finally {
        proc.kill('SIGKILL');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

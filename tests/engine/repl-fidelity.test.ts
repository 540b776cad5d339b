/**
 * Replication details checked against real redis-server 7.0.15 (the numbers in these tests are
 * what it reports for the same steps; tests/diff/scenarios/49-52 run the same checks on both):
 * when 7.0 frees backlog blocks, what an expire-family command with a past time propagates under
 * lazyfree-lazy-expire, how a writable replica expires the keys it gave a TTL itself, and that
 * the keys SCAN or RANDOMKEY expire on the way are not wrapped in MULTI/EXEC.
 */
import { describe, expect, it } from 'vitest';
import { Playground, type Reply } from '../../src/playground';

const M = '127.0.0.1:6379';
const R = '127.0.0.1:6380';

/** A master and a replica in sync, both with PINGs out of the way. */
function pair(version: '7.0' | '4.0' = '7.0'): Playground {
  const pg = new Playground({ version, seed: 3 });
  for (const port of [6379, 6380]) {
    const ping = version === '7.0' ? 'repl-ping-replica-period' : 'repl-ping-slave-period';
    pg.addNode('127.0.0.1', port, { [ping]: '3600', 'repl-diskless-sync-delay': '0' });
    pg.start(`127.0.0.1:${port}`);
  }
  pg.exec(R, ['SLAVEOF', '127.0.0.1', '6379']);
  expect(pg.settle()).toBe(true);
  return pg;
}

function int(r: Reply | null): number {
  if (r === null || r.t !== 'int') throw new Error(`not an integer: ${JSON.stringify(r)}`);
  return Number(r.n);
}

const V1000 = 'v'.repeat(1000);

describe('7.0 backlog trimming', () => {
  it('frees the first block at the end of the event that filled the last one past the size', () => {
    const pg = pair();
    pg.exec(M, ['CONFIG', 'SET', 'repl-backlog-size', '16384']);
    pg.exec(R, ['SLAVEOF', 'NO', 'ONE']);
    const backlog = () => pg.snapshot(M)!.backlog!;
    // Each SET k <1000 bytes> is 1029 bytes of stream; blocks hold 20440 bytes each.
    for (let i = 0; i < 60; i++) pg.exec(M, ['SET', 'k', V1000]);
    expect(pg.snapshot(M)!.masterReplOffset).toBe(61_763);
    expect(backlog()).toEqual({ firstByteOffset: 40_881, histlen: 20_883, size: 16384 });
    // 17 more fill the third block to 17493 bytes: no new block, but what the third holds alone
    // now covers the size, so the second goes at once (real 7.0.15: 61321 / 17936, not 40881).
    for (let i = 0; i < 17; i++) pg.exec(M, ['SET', 'k', V1000]);
    expect(pg.snapshot(M)!.masterReplOffset).toBe(79_256);
    expect(backlog()).toEqual({ firstByteOffset: 61_321, histlen: 17_936, size: 16384 });
  });

  it('never frees a block whose loss would leave less than repl-backlog-size', () => {
    const pg = pair();
    pg.exec(M, ['CONFIG', 'SET', 'repl-backlog-size', '16384']);
    pg.exec(R, ['SLAVEOF', 'NO', 'ONE']);
    for (let i = 0; i < 200; i++) {
      pg.exec(M, ['SET', 'k', 'x'.repeat(100 + ((i * 37) % 900))]);
      const b = pg.snapshot(M)!.backlog!;
      const offset = pg.snapshot(M)!.masterReplOffset;
      expect(b.firstByteOffset + b.histlen - 1).toBe(offset);
      // Blocks start every 20440 bytes; the window starts at a block start and keeps at least the size.
      expect((b.firstByteOffset - 1) % 20_440).toBe(0);
      if (offset >= 16384) expect(b.histlen).toBeGreaterThanOrEqual(16384);
      // What lies past the first block is within the size (else the first would have gone).
      if (b.histlen > 20_440) expect(b.histlen - 20_440).toBeLessThanOrEqual(16384);
    }
  });
});

describe('lazyfree-lazy-expire and expire-family commands given a past time', () => {
  const offset = (pg: Playground) => pg.snapshot(M)!.masterReplOffset;
  // *2 $3 DEL $1 k  /  *2 $6 UNLINK $1 k
  const DEL_FRAME = '*2\r\n$3\r\nDEL\r\n$1\r\nk\r\n'.length;
  const UNLINK_FRAME = '*2\r\n$6\r\nUNLINK\r\n$1\r\nk\r\n'.length;

  for (const argv of [
    ['EXPIRE', 'k', '0'],
    ['PEXPIRE', 'k', '-1'],
    ['EXPIREAT', 'k', '1'],
    ['PEXPIREAT', 'k', '1000'],
  ]) {
    it(`${argv[0]} into the past propagates DEL, or UNLINK with lazyfree-lazy-expire`, () => {
      const pg = pair();
      for (const [lazy, frame] of [
        ['no', DEL_FRAME],
        ['yes', UNLINK_FRAME],
      ] as const) {
        pg.exec(M, ['CONFIG', 'SET', 'lazyfree-lazy-expire', lazy]);
        pg.exec(M, ['SET', 'k', 'v']);
        const before = offset(pg);
        expect(int(pg.exec(M, argv))).toBe(1);
        expect(offset(pg) - before).toBe(frame);
        expect(int(pg.exec(M, ['EXISTS', 'k']))).toBe(0);
        expect(pg.settle()).toBe(true);
        expect(int(pg.exec(R, ['EXISTS', 'k']))).toBe(0);
        expect(pg.snapshot(R)!.slaveReplOffset).toBe(offset(pg));
      }
    });
  }

  it('SET with a past PXAT stores the key; its deletion on lookup goes out as UNLINK', () => {
    const pg = pair();
    pg.exec(M, ['CONFIG', 'SET', 'lazyfree-lazy-expire', 'yes']);
    pg.exec(M, ['SET', 'x', '1']); // the stream's SELECT out of the way
    const before = offset(pg);
    pg.exec(M, ['SET', 'k', 'v', 'PXAT', '1000']);
    const set = '*5\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n$4\r\nPXAT\r\n$4\r\n1000\r\n'.length;
    expect(offset(pg) - before).toBe(set);
    expect(pg.exec(M, ['GET', 'k'])).toEqual({ t: 'bulk', s: null });
    expect(offset(pg) - before).toBe(set + UNLINK_FRAME);
  });
});

describe.each(['7.0', '4.0'] as const)('Redis %s: a writable replica expires the TTLs it set itself', (v) => {
  const tracked = (pg: Playground) => {
    const info = pg.exec(R, ['INFO', 'stats']);
    if (info === null || info.t !== 'bulk' || info.s === null) throw new Error('no INFO');
    return Number(/slave_expires_tracked_keys:(\d+)/.exec(info.s)![1]);
  };
  const writable = (pg: Playground) =>
    pg.exec(R, ['CONFIG', 'SET', v === '7.0' ? 'replica-read-only' : 'slave-read-only', 'no']);

  it('deletes them at the first cron tick past their deadline, and forgets them', () => {
    const pg = pair(v);
    writable(pg);
    pg.exec(R, ['SET', 'a', '1', 'PX', '1500']);
    pg.exec(R, ['SET', 'b', '2']);
    pg.exec(R, ['EXPIRE', 'b', '1']);
    pg.exec(R, ['SET', 'c', '3', 'EX', '100']);
    expect(tracked(pg)).toBe(3);
    expect(int(pg.exec(R, ['DBSIZE']))).toBe(3);
    pg.advance(1100);
    expect(int(pg.exec(R, ['DBSIZE']))).toBe(2);
    pg.advance(500);
    expect(int(pg.exec(R, ['DBSIZE']))).toBe(1);
    expect(tracked(pg)).toBe(1);
    // Nothing of it reached the master, and nothing went back: the offsets still agree.
    expect(int(pg.exec(M, ['DBSIZE']))).toBe(0);
    expect(pg.snapshot(R)!.masterReplOffset).toBe(pg.snapshot(M)!.masterReplOffset);
  });

  it("leaves the master's TTLs to the master, even when the replica is writable", () => {
    const pg = pair(v);
    writable(pg);
    pg.exec(M, ['DEBUG', 'SET-ACTIVE-EXPIRE', '0']);
    pg.exec(M, ['SET', 'm', 'x', 'PX', '500']);
    expect(pg.settle()).toBe(true);
    pg.advance(2000);
    expect(int(pg.exec(R, ['DBSIZE']))).toBe(1);
    expect(tracked(pg)).toBe(0);
  });

  it('keeps a noted key the master overwrote without a TTL, expires one the master gave a TTL', () => {
    const pg = pair(v);
    writable(pg);
    pg.exec(M, ['DEBUG', 'SET-ACTIVE-EXPIRE', '0']);
    pg.exec(R, ['SET', 'k1', 'r', 'EX', '100']);
    pg.exec(R, ['SET', 'k2', 'r', 'EX', '100']);
    pg.exec(M, ['SET', 'k1', 'm']);
    pg.exec(M, ['SET', 'k2', 'm', 'PX', '800']);
    expect(pg.settle()).toBe(true);
    pg.advance(1000);
    expect(pg.exec(R, ['GET', 'k1'])).toEqual({ t: 'bulk', s: 'm' });
    expect(int(pg.exec(R, ['DBSIZE']))).toBe(1);
    expect(tracked(pg)).toBe(0);
  });

  it('notes nothing while read-only, and forgets everything on FLUSHALL and on a full sync', () => {
    const pg = pair(v);
    pg.exec(M, ['SET', 'k', 'x', 'EX', '100']);
    expect(pg.settle()).toBe(true);
    expect(tracked(pg)).toBe(0);
    writable(pg);
    pg.exec(R, ['SET', 'a', '1', 'EX', '100']);
    pg.exec(R, ['FLUSHALL']);
    expect(tracked(pg)).toBe(0);
    pg.exec(R, ['SET', 'a', '1', 'EX', '100']);
    expect(tracked(pg)).toBe(1);
    pg.exec(R, ['SLAVEOF', 'NO', 'ONE']);
    pg.exec(M, ['SET', 'x', 'y']);
    pg.exec(R, ['SLAVEOF', '127.0.0.1', '6379']);
    expect(pg.settle()).toBe(true);
    expect(tracked(pg)).toBe(0);
  });
});

describe('keys expired by SCAN and RANDOMKEY on the way', () => {
  // Redis 7.0.15's own suite ("Lazy-expire should not be wrapped in MULTI/EXEC"): two DELs alone,
  // 2 × 23 bytes of stream, not 15 + 46 + 14 with MULTI and EXEC around them.
  it.each([['RANDOMKEY'], ['SCAN', '0']])('%s propagates each DEL on its own', (...cmd) => {
    const pg = pair();
    pg.exec(M, ['DEBUG', 'SET-ACTIVE-EXPIRE', '0']);
    pg.exec(M, ['SET', 'foo1', 'bar', 'PX', '1']);
    pg.exec(M, ['SET', 'foo2', 'bar', 'PX', '1']);
    pg.advance(5);
    const before = pg.snapshot(M)!.masterReplOffset;
    pg.exec(M, cmd);
    expect(pg.snapshot(M)!.masterReplOffset - before).toBe(46);
    expect(int(pg.exec(M, ['DBSIZE']))).toBe(0);
  });
});

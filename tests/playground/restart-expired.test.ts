/**
 * A 7.0 master restarted from its RDB drops the keys that expired meanwhile and feeds a DEL for
 * each into its new backlog (loadDataFromDisk with RDBFLAGS_FEED_REPL), rebased onto the file's
 * repl-offset: a replica that continues with PSYNC deletes them too. Without this it kept them
 * forever (found by `npm run soak`, 7.0 seeds 130 and 9214). The offsets were checked against
 * redis-server 7.0.15: a master with no replication info in its RDB comes back with
 * master_repl_offset:45 after dropping one key `tmp` (`SELECT 0` + `DEL tmp`, backlog freed); one
 * saved at offset 109 comes back at 154 with second_repl_offset:110 and its backlog from 110.
 */
import { describe, expect, it } from 'vitest';
import { Playground, type Reply } from '../../src/playground';

/** `*2 $6 SELECT $1 0` (23 bytes) and `*2 $3 DEL $3 tmp` (22 bytes). */
const DEL_BYTES = 45;

function setUp(config: Record<string, string> = {}) {
  const pg = new Playground({ version: '7.0', seed: 5 });
  const m = pg.addNode('127.0.0.1', 6379, config);
  const r = pg.addNode('127.0.0.1', 6380);
  pg.start(m);
  pg.start(r);
  const logs: string[] = [];
  pg.events.on((ev) => {
    if (ev.type === 'log') logs.push(`${ev.node} ${ev.line}`);
  });
  return { pg, m, r, logs };
}
const ok = (x: Reply | null) => expect(x).toEqual({ t: 'status', s: 'OK' });

describe('Redis 7.0: keys that expired while a master was down', () => {
  it('are deleted on the replica that continues the stream, and counted in the offsets', () => {
    const { pg, m, r, logs } = setUp();
    ok(pg.exec(r, ['SLAVEOF', '127.0.0.1', '6379']));
    ok(pg.exec(m, ['SET', 'k', 'v']));
    expect(pg.settle()).toBe(true);
    ok(pg.exec(m, ['SET', 'tmp', 'x', 'PX', '10000']));
    expect(pg.settle()).toBe(true);
    ok(pg.exec(m, ['SAVE']));
    const saved = pg.snapshot(m)!.masterReplOffset;
    pg.kill(m);
    pg.advance(12000);
    pg.start(m);
    expect(logs.some((l) => l.startsWith(m) && l.endsWith('Done loading RDB, keys loaded: 1, keys expired: 1.'))).toBe(
      true,
    );
    const s = pg.snapshot(m)!;
    expect(s.masterReplOffset).toBe(saved + DEL_BYTES);
    expect(s.secondReplOffset).toBe(saved + 1);
    expect(s.backlog).toMatchObject({ firstByteOffset: saved + 1, histlen: DEL_BYTES });
    expect(pg.settle()).toBe(true);
    expect(
      logs.some((l) => l.includes(`Sending ${DEL_BYTES} bytes of backlog starting from offset ${saved + 1}`)),
    ).toBe(true);
    expect(pg.exec(r, ['DBSIZE'])).toEqual({ t: 'int', n: 1 });
    expect(pg.exec(r, ['DEBUG', 'DIGEST'])).toEqual(pg.exec(m, ['DEBUG', 'DIGEST']));
  });

  it('are fed as UNLINK under lazyfree-lazy-expire', () => {
    const { pg, m, r } = setUp({ 'lazyfree-lazy-expire': 'yes' });
    ok(pg.exec(r, ['SLAVEOF', '127.0.0.1', '6379']));
    expect(pg.settle()).toBe(true);
    ok(pg.exec(m, ['SET', 'tmp', 'x', 'PX', '10000']));
    expect(pg.settle()).toBe(true);
    ok(pg.exec(m, ['SAVE']));
    const saved = pg.snapshot(m)!.masterReplOffset;
    pg.kill(m);
    pg.advance(12000);
    pg.start(m);
    // UNLINK is 3 bytes longer than DEL: `*2 $6 UNLINK $3 tmp`.
    expect(pg.snapshot(m)!.masterReplOffset).toBe(saved + DEL_BYTES + 3);
    expect(pg.settle()).toBe(true);
    expect(pg.exec(r, ['DBSIZE'])).toEqual({ t: 'int', n: 0 });
  });

  it('still count in master_repl_offset when the RDB has no replication info (no backlog kept)', () => {
    const { pg, m } = setUp();
    ok(pg.exec(m, ['SET', 'k', 'v']));
    ok(pg.exec(m, ['SET', 'tmp', 'x', 'PX', '500']));
    ok(pg.exec(m, ['SAVE']));
    pg.kill(m);
    pg.advance(1000);
    pg.start(m);
    const s = pg.snapshot(m)!;
    expect(s.masterReplOffset).toBe(DEL_BYTES);
    expect(s.backlog).toBeNull();
    expect(s.secondReplOffset).toBe(-1);
  });
});

/**
 * Smoke test of the real-redis side of the differential tests. Needs `redis-server` (7.0) on PATH;
 * skipped otherwise. This file owns ports 21000-21199.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAllRealServers, runRealScenario } from './real-redis';
import { normalizeTranscript } from './transcript';

const BASE_PORT = 21000;
const hasRedis = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!hasRedis)('runRealScenario against redis-server', () => {
  let tmpDir = '';
  beforeAll(() => {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'real-redis-'));
  });
  afterAll(async () => {
    await killAllRealServers();
    if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  });

  it('two nodes: SLAVEOF, SET, settle, INFO replication, ROLE, kill', { timeout: 90_000 }, async () => {
    const scn = [
      '# smoke test',
      'nodes 6379 6380',
      '6380> SLAVEOF 127.0.0.1 6379',
      '6379> SET k1 v1',
      'settle',
      '6380> INFO replication',
      '6379> INFO replication',
      '6380> ROLE',
      '6379> ROLE',
      '6380> GET k1',
      '6379> CONFIG GET port',
      '6380> GET "unbalanced',
      'kill 6379',
      '6379> PING',
      '6380> ROLE',
      '',
    ].join('\n');
    const raw = await runRealScenario(scn, { basePort: BASE_PORT, tmpDir: path.join(tmpDir, 'smoke') });
    const t = normalizeTranscript(raw);

    // Every step line is there, in order, and the transcript uses LF only.
    expect(raw).not.toContain('\r');
    const stepLines = scn.split('\n').filter((l) => l && !l.startsWith('#'));
    let at = 0;
    for (const l of stepLines) {
      const i = t.indexOf(`${l}\n`, at);
      expect(i, l).toBeGreaterThanOrEqual(0);
      at = i + l.length;
    }

    // The writes reached the replica; the master's offset is SELECT (23 bytes) + SET k1 v1 (29), plus
    // 14 bytes for every replication PING if the run crossed a 10 s boundary of the master's uptime.
    const offsets = [...t.matchAll(/^master_repl_offset:(\d+)$/gm)].map((m) => Number(m[1]));
    expect(offsets.length).toBe(2);
    expect(offsets[0]).toBe(offsets[1]);
    const off = offsets[0];
    expect((off - 52) % 14).toBe(0);
    expect(off).toBeGreaterThanOrEqual(52);

    expect(t).toContain(
      [
        '6380> INFO replication',
        '# Replication',
        'role:slave',
        'master_host:127.0.0.1',
        'master_port:6379',
        'master_link_status:up',
        'master_last_io_seconds_ago:<masked>',
        'master_sync_in_progress:0',
        `slave_read_repl_offset:${off}`,
        `slave_repl_offset:${off}`,
        'slave_priority:100',
        'slave_read_only:1',
        'replica_announced:1',
        'connected_slaves:0',
        'master_failover_state:no-failover',
        'master_replid:<id1>',
        'master_replid2:0000000000000000000000000000000000000000',
        `master_repl_offset:${off}`,
      ].join('\n'),
    );
    expect(t).toContain(
      [
        '6379> INFO replication',
        '# Replication',
        'role:master',
        'connected_slaves:1',
        `slave0:ip=127.0.0.1,port=6380,state=online,offset=${off},lag=<masked>`,
        'master_failover_state:no-failover',
        'master_replid:<id1>',
      ].join('\n'),
    );
    expect(t).toContain(
      `6380> ROLE\n1) "slave"\n2) "127.0.0.1"\n3) (integer) 6379\n4) "connected"\n5) (integer) ${off}\n`,
    );
    expect(t).toContain(
      `6379> ROLE\n1) "master"\n2) (integer) ${off}\n3) 1) 1) "127.0.0.1"\n      2) "6380"\n      3) "${off}"\n`,
    );
    expect(t).toContain('6380> GET k1\n"v1"\n');
    expect(t).toContain('6379> CONFIG GET port\n1) "port"\n2) "6379"\n');
    expect(t).toContain('6380> GET "unbalanced\nInvalid argument(s)\n');
    expect(t).toContain('kill 6379\n6379> PING\nCould not connect to Redis at 127.0.0.1:6379: Connection refused\n');
    // After the kill the replica's link is down at once.
    expect(t).toMatch(
      /6380> ROLE\n1\) "slave"\n2\) "127\.0\.0\.1"\n3\) \(integer\) 6379\n4\) "connect(ing)?"\n5\) \(integer\) -?\d+\n$/,
    );
    // No real port leaks into the transcript.
    expect(raw).not.toMatch(/\b21[01]\d\d\b/);
  });

  it('refuses link steps and does not leave servers behind', { timeout: 30_000 }, async () => {
    await expect(
      runRealScenario('nodes 6379 6380\nlink 6379 6380 down\n', {
        basePort: BASE_PORT,
        tmpDir: path.join(tmpDir, 'link'),
      }),
    ).rejects.toThrow(/line 2: `link 6379 6380 down`: link steps are not supported against real Redis/);
    // The ports are free again.
    const again = await runRealScenario('nodes 6379 6380\n6379> PING\n', {
      basePort: BASE_PORT,
      tmpDir: path.join(tmpDir, 'again'),
    });
    expect(again).toBe('nodes 6379 6380\n6379> PING\nPONG\n');
  });

  it('refuses scripts that do not parse, and a version other than the binary', async () => {
    await expect(
      runRealScenario('nodes 6379\nbogus\n', { basePort: BASE_PORT, tmpDir: path.join(tmpDir, 'bad') }),
    ).rejects.toThrow(/line 2: unknown step "bogus"/);
    await expect(
      runRealScenario('redis 4.0\nnodes 6379\n', { basePort: BASE_PORT, tmpDir: path.join(tmpDir, 'v4') }),
    ).rejects.toThrow(/line 1: this real-redis run is Redis 7\.0 \(the script asks for 4\.0\)/);
  });
});

/**
 * One engine, two hosts: every scenario here runs on the in-process simulator and on worker
 * threads (one per node, bytes flowing worker→worker over MessageChannels, the coordinator only
 * sequencing them) and the two transcripts, log lines included, must be byte-identical. The
 * scenarios cover full and partial syncs, diskless transfers, failovers, kill/start with and
 * without a saved RDB, SHUTDOWN, CONFIG REWRITE, WAIT, expiry and network partitions.
 *
 * Worker threads are pooled across scenarios (booting one is the slow part) and all terminated in
 * afterAll.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkerPlayground } from '../../src/host';
import { createNodeWorkerPlayground, createNodeWorkerPool, spawnNodeWorker } from '../../src/host/node';
import type { PlaygroundApi } from '../../src/playground';
import { parseScenario, runScenario, type Scenario } from '../../src/scenario';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const SCENARIOS = [
  '../scenarios/seed-walkthrough-4.0.scn',
  '../diff/scenarios/01-full-sync-basic.scn',
  '../diff/scenarios/02-diskless-delay-shared-rdb.scn',
  '../diff/scenarios/04-failover-replid2.scn',
  '../diff/scenarios/06-master-restart-after-save.scn',
  '../diff/scenarios/07-master-restart-stale-save.scn',
  '../diff/scenarios/08-master-shutdown-restart.scn',
  '../diff/scenarios/10-replica-restart-config-rewrite.scn',
  '../diff/scenarios/13-backlog-overflow-full-resync.scn',
  '../diff/scenarios/16-wait.scn',
  '../diff/scenarios/19-expire-propagation.scn',
  '../diff/scenarios/30-middle-killed-restarted.scn',
  './scenarios/partition-heal.scn',
  './scenarios/partition-failover.scn',
];

function load(file: string): Scenario {
  const parsed = parseScenario(readFileSync(new URL(file, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.errors)}`);
  return parsed.scenario;
}

async function transcript(sc: Scenario, seed: number, playground?: () => PlaygroundApi): Promise<string> {
  let out = '';
  const pg = await runScenario(sc, { logs: true, seed, playground }, (s) => {
    out += s;
  });
  pg.dispose();
  return out;
}

const pool = createNodeWorkerPool();
afterAll(() => pool.close());

describe('the simulator and worker threads print the same transcript (with logs)', () => {
  for (const file of SCENARIOS) {
    it(file.replace(/^.*\//, ''), async () => {
      const sc = load(file);
      for (const seed of file.includes('seed-walkthrough') ? [1] : [1, 2]) {
        const version = sc.version;
        const sim = await transcript(sc, seed);
        const workers = await transcript(sc, seed, () => createNodeWorkerPlayground({ version, seed, pool }));
        expect(workers.length).toBeGreaterThan(0);
        expect(workers).toBe(sim);
      }
    }, 60_000);
  }
});

describe('worker playgrounds', () => {
  it('implement PlaygroundApi and end their threads on dispose', async () => {
    let spawned = 0;
    let terminated = 0;
    const pg: PlaygroundApi = createWorkerPlayground({
      spawn: () => {
        spawned++;
        const w = spawnNodeWorker();
        return {
          ...w,
          terminate: () => {
            terminated++;
            w.terminate();
          },
        };
      },
    });
    const a = pg.addNode('127.0.0.1', 7001);
    const b = pg.addNode('127.0.0.1', 7002);
    await pg.start(a);
    await pg.start(b);
    expect(await pg.exec(b, ['REPLICAOF', '127.0.0.1', '7001'])).toEqual({ t: 'status', s: 'OK' });
    expect(await pg.exec(a, ['SET', 'k', 'v'])).toEqual({ t: 'status', s: 'OK' });
    expect(await pg.settle()).toBe(true);
    expect(await pg.exec(b, ['GET', 'k'])).toEqual({ t: 'bulk', s: 'v' });
    expect((await pg.snapshot(b))?.linkState).toBe('connected');
    await pg.kill(a);
    expect(pg.isRunning(a)).toBe(false);
    expect(await pg.exec(a, ['PING'])).toBeNull();
    pg.dispose();
    expect([spawned, terminated]).toEqual([2, 2]);
    await expect(pg.exec(b, ['PING'])).rejects.toThrow(/disposed/);
  }, 30_000);

  it('back the runner: `scenario FILE --workers` prints what the simulator prints', () => {
    const file = 'tests/diff/scenarios/06-master-restart-after-save.scn';
    const run = (...extra: string[]) => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', file, '--logs', ...extra], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      return r.stdout;
    };
    const sim = run('--seed', '3');
    expect(sim).toContain('[6379] ');
    expect(run('--seed', '3', '--workers')).toBe(sim);
  }, 60_000);
});

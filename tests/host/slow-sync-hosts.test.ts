/**
 * Flow control keeps the two hosts in step: a full sync over a bandwidth-limited link, where the
 * master's RDB writes block on a full socket and resume when the coordinator reports the replica
 * has read enough (`want-writable` / `writable`; a sleeping replica's `unread` / `read-later`),
 * prints the same log lines at the same simulated
 * times, and shows the same snapshots at every step, on the in-process simulator and on worker
 * threads (bytes travelling worker to worker).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeWorkerPlayground, createNodeWorkerPool } from '../../src/host/node';
import { asApi, Playground, type PlaygroundApi } from '../../src/playground';

const pool = createNodeWorkerPool();
afterAll(() => pool.close());

async function run(pg: PlaygroundApi, diskless: boolean, sleep: boolean): Promise<string[]> {
  const out: string[] = [];
  pg.on((ev) => {
    if (ev.type === 'log') out.push(`${pg.now()} ${ev.node} ${ev.line}`);
  });
  for (const port of [6379, 6380]) {
    const name = pg.addNode('127.0.0.1', port, {
      'repl-ping-replica-period': '3600',
      'repl-diskless-sync-delay': '0',
      'repl-diskless-sync': diskless ? 'yes' : 'no',
    });
    await pg.start(name);
  }
  await pg.exec('127.0.0.1:6379', ['DEBUG', 'POPULATE', '150000']);
  await pg.setNetwork!({ latencyMs: 2, bytesPerSec: 1_500_000 });
  await pg.exec('127.0.0.1:6380', ['SLAVEOF', '127.0.0.1', '6379']);
  for (let i = 0; i < 60; i++) {
    await pg.advance(250);
    // The replica stops reading for a while: the master's writes wait on the full socket.
    if (sleep && i === 2) out.push(JSON.stringify(await pg.exec('127.0.0.1:6380', ['DEBUG', 'SLEEP', '3'])));
    const m = await pg.snapshot('127.0.0.1:6379');
    const r = await pg.snapshot('127.0.0.1:6380');
    out.push(`${pg.now()} ${JSON.stringify(m?.replicas)} ${r?.linkState} ${JSON.stringify(r?.transfer)}`);
    if (r?.linkState === 'connected') break;
  }
  out.push(JSON.stringify(await pg.exec('127.0.0.1:6380', ['DBSIZE'])));
  pg.dispose();
  return out;
}

describe('a flow-controlled full sync on both hosts', () => {
  for (const [diskless, sleep] of [
    [true, false],
    [false, false],
    [true, true],
  ]) {
    it(`${diskless ? 'diskless' : 'disk'}${sleep ? ', the replica asleep a while' : ''}: same logs, times and snapshots`, async () => {
      const sim = await run(asApi(new Playground({ version: '7.0', seed: 5 })), diskless, sleep);
      const workers = await run(createNodeWorkerPlayground({ version: '7.0', seed: 5, pool }), diskless, sleep);
      expect(sim.some((l) => l.includes('"sync"') || l.includes(' sync '))).toBe(true);
      expect(sim[sim.length - 1]).toBe('{"t":"int","n":150000}');
      expect(workers).toEqual(sim);
    }, 120_000);
  }
});

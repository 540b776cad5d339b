/**
 * The worker protocol on one thread (host/inline) and the node runtime every host shares: the
 * same transcripts as the simulator without the cost of threads, per-process pids and seeds, and
 * what survives a kill.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createInlineWorkerPlayground, NodeRuntime } from '../../src/host';
import { bytesFromBin } from '../../src/lib';
import type { NodeEffect } from '../../src/links';
import { asApi, Playground, type PlaygroundApi } from '../../src/playground';
import { parseScenario, runScenario } from '../../src/scenario';

async function transcript(file: string, seed: number, playground?: () => PlaygroundApi): Promise<string> {
  const parsed = parseScenario(readFileSync(new URL(file, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  let out = '';
  const pg = await runScenario(parsed.scenario, { logs: true, seed, playground }, (s) => {
    out += s;
  });
  pg.dispose();
  return out;
}

const resp = (...argv: string[]) =>
  bytesFromBin(`*${argv.length}\r\n${argv.map((a) => `$${a.length}\r\n${a}\r\n`).join('')}`);
const logs = (effects: NodeEffect[]) => effects.flatMap((e) => (e.t === 'log' ? [e.line] : []));
const sent = (effects: NodeEffect[]) =>
  effects.flatMap((e) => (e.t === 'send' && e.bytes ? [new TextDecoder().decode(e.bytes)] : []));

describe('the inline worker playground', () => {
  for (const file of ['./scenarios/partition-heal.scn', '../diff/scenarios/31-disk-sync-master-restart.scn']) {
    it(`prints the simulator's transcript: ${file.replace(/^.*\//, '')}`, async () => {
      for (const seed of [1, 5]) {
        const sim = await transcript(file, seed);
        expect(await transcript(file, seed, () => createInlineWorkerPlayground({ seed }))).toBe(sim);
      }
    });
  }

  it('serializes concurrent calls in the order they were made', async () => {
    const pg = createInlineWorkerPlayground();
    const a = pg.addNode('127.0.0.1', 6379);
    const started = pg.start(a);
    const replies = await Promise.all([
      pg.exec(a, ['SET', 'n', '1']),
      pg.exec(a, ['INCR', 'n']),
      pg.exec(a, ['GET', 'n']),
    ]);
    await started;
    expect(replies).toEqual([
      { t: 'status', s: 'OK' },
      { t: 'int', n: 2 },
      { t: 'bulk', s: '2' },
    ]);
    pg.dispose();
  });
});

describe('NodeRuntime', () => {
  const spec = (files: Record<string, Uint8Array> = {}) => ({
    name: '127.0.0.1:6379',
    host: '127.0.0.1',
    port: 6379,
    version: '7.0',
    pid: 4242,
    seed: 99,
    config: {},
    files,
  });

  it('starts a process with the given pid, forks children as pid + k, and reports files written', () => {
    const rt = new NodeRuntime();
    const started = rt.handle({ t: 'start', now: 1_000_000, spec: spec() });
    expect(logs(started.effects)[0]).toMatch(/^4242:C .* Redis is starting/);
    const { conn } = rt.handle({ t: 'accept', now: 1_000_000, link: 1, peer: '127.0.0.1:40000' });
    expect(conn).toBe(1);
    const bg = rt.handle({ t: 'data', now: 1_000_000, conn: 1, seq: 0, len: 0, bytes: resp('BGSAVE') });
    expect(logs(bg.effects)).toContainEqual(expect.stringMatching(/Background saving started by pid 4243$/));
    expect(bg.effects.some((e) => e.t === 'file' && e.name === 'dump.rdb')).toBe(true);
    rt.handle({ t: 'cron', now: 1_000_200 });
    const again = rt.handle({ t: 'data', now: 1_000_300, conn: 1, seq: 0, len: 0, bytes: resp('BGSAVE') });
    expect(logs(again.effects)).toContainEqual(expect.stringMatching(/started by pid 4244$/));
  });

  it('derives everything random from the seed: same seed, same run id', () => {
    const runId = (seed: number) => {
      const rt = new NodeRuntime();
      rt.handle({ t: 'start', now: 0, spec: { ...spec(), seed } });
      rt.handle({ t: 'accept', now: 0, link: 1, peer: '127.0.0.1:40000' });
      const r = rt.handle({ t: 'data', now: 0, conn: 1, seq: 0, len: 0, bytes: resp('INFO', 'server') });
      return /run_id:(\w+)/.exec(sent(r.effects).join(''))![1];
    };
    expect(runId(7)).toBe(runId(7));
    expect(runId(7)).not.toBe(runId(8));
  });

  it('dies on kill without saving, and starts again from the files it is given', () => {
    const rt = new NodeRuntime();
    rt.handle({ t: 'start', now: 0, spec: spec() });
    rt.handle({ t: 'accept', now: 0, link: 1, peer: '127.0.0.1:40000' });
    rt.handle({ t: 'data', now: 0, conn: 1, seq: 0, len: 0, bytes: resp('SET', 'a', '1') });
    const saved = rt.handle({ t: 'data', now: 0, conn: 1, seq: 0, len: 0, bytes: resp('SAVE') });
    const file = saved.effects.find((e) => e.t === 'file');
    expect(file).toBeDefined();
    rt.handle({ t: 'data', now: 0, conn: 1, seq: 0, len: 0, bytes: resp('SET', 'b', '2') });
    expect(rt.handle({ t: 'kill' }).effects).toEqual([]);
    expect(rt.running).toBe(false);
    expect(rt.snapshot()).toBeNull();
    const files = file?.t === 'file' ? { [file.name]: file.bytes } : {};
    rt.handle({ t: 'start', now: 5000, spec: { ...spec(files), pid: 5000 } });
    expect(rt.snapshot()?.keys).toBe(1);
  });

  it('keeps the simulator and asApi working on the same runtime', async () => {
    const api = asApi(new Playground());
    const n = api.addNode('127.0.0.1', 6379);
    await api.start(n);
    expect(await api.exec(n, ['PING'])).toEqual({ t: 'status', s: 'PONG' });
  });
});

/**
 * The playground's optional extras, which the page uses and every host offers: a shaped network
 * (one-way latency and bandwidth on node-to-node connections, never on consoles), the bytes in
 * flight, and removing a node. Shaped runs are as deterministic as loopback ones, on one thread or
 * behind the worker protocol.
 */
import { describe, expect, it } from 'vitest';
import { createInlineWorkerPlayground } from '../../src/host';
import { asApi, Playground, type PlaygroundApi, type Reply } from '../../src/playground';

const bulk = (r: Reply | null) => (r?.t === 'bulk' ? r.s : undefined);

async function pair(pg: PlaygroundApi): Promise<[string, string]> {
  const m = pg.addNode('127.0.0.1', 6379);
  const r = pg.addNode('127.0.0.1', 6380);
  await pg.start(m);
  await pg.start(r);
  await pg.exec(r, ['REPLICAOF', '127.0.0.1', '6379']);
  expect(await pg.settle()).toBe(true);
  return [m, r];
}

describe('a shaped network', () => {
  it('delays replication by the latency, leaves consoles alone, and still settles', async () => {
    const pg = asApi(new Playground());
    const [m, r] = await pair(pg);
    await pg.setNetwork!({ latencyMs: 250, bytesPerSec: 0 });
    const t0 = pg.now();
    expect(await pg.exec(m, ['SET', 'k', 'v'])).toEqual({ t: 'status', s: 'OK' });
    expect(pg.now()).toBe(t0);
    const flying = pg.inFlight!();
    expect(flying).toHaveLength(1);
    expect(flying[0]).toMatchObject({ from: m, to: r, sentAt: t0, deliverAt: t0 + 250 });
    expect(bulk(await pg.exec(r, ['GET', 'k']))).toBeNull();
    await pg.advance(249);
    expect(bulk(await pg.exec(r, ['GET', 'k']))).toBeNull();
    await pg.advance(1);
    expect(bulk(await pg.exec(r, ['GET', 'k']))).toBe('v');
    expect(pg.inFlight!()).toEqual([]);
    expect(await pg.settle()).toBe(true);
  });

  it('spreads a big transfer over time at the bandwidth limit, in order', async () => {
    const pg = asApi(new Playground());
    const [m, r] = await pair(pg);
    await pg.setNetwork!({ latencyMs: 10, bytesPerSec: 1000 });
    await pg.exec(m, ['SET', 'a', 'x'.repeat(2000)]);
    await pg.exec(m, ['SET', 'b', 'y']);
    const [first, second] = pg.inFlight!();
    expect(first.bytes).toBeGreaterThan(2000);
    expect(first.deliverAt - first.sentAt).toBeGreaterThanOrEqual(2010);
    expect(second.deliverAt).toBeGreaterThanOrEqual(first.deliverAt);
    await pg.advance(first.deliverAt - pg.now() - 1);
    expect(bulk(await pg.exec(r, ['GET', 'b']))).toBeNull();
    expect(await pg.settle()).toBe(true);
    expect(bulk(await pg.exec(r, ['GET', 'b']))).toBe('y');
  });

  it('drops what is in flight across a cut', async () => {
    const pg = asApi(new Playground());
    const [m, r] = await pair(pg);
    await pg.setNetwork!({ latencyMs: 500, bytesPerSec: 0 });
    await pg.exec(m, ['SET', 'k', 'v']);
    await pg.link(m, r, false);
    expect(pg.inFlight!()).toEqual([]);
    await pg.setNetwork!({ latencyMs: 0, bytesPerSec: 0 });
    await pg.link(m, r, true);
    expect(await pg.settle()).toBe(true);
    expect(bulk(await pg.exec(r, ['GET', 'k']))).toBe('v');
  });

  it('runs the same on the worker protocol as on the simulator', async () => {
    const run = async (pg: PlaygroundApi) => {
      const log: string[] = [];
      pg.on((ev) => {
        if (ev.type === 'log') log.push(`${ev.node} ${ev.line}`);
      });
      const [m, r] = await pair(pg);
      await pg.setNetwork!({ latencyMs: 35, bytesPerSec: 20_000 });
      for (let i = 0; i < 5; i++) await pg.exec(m, ['RPUSH', 'l', 'z'.repeat(3000)]);
      await pg.kill(r);
      await pg.advance(1000);
      await pg.start(r);
      await pg.settle();
      log.push(JSON.stringify(await pg.snapshot(r)), String(pg.now()));
      pg.dispose();
      return log.join('\n');
    };
    expect(await run(createInlineWorkerPlayground())).toBe(await run(asApi(new Playground())));
  });
});

describe('removeNode', () => {
  it('kills the node and forgets it; its replica sees the link drop', async () => {
    for (const pg of [asApi(new Playground()), createInlineWorkerPlayground()]) {
      const [m, r] = await pair(pg);
      await pg.removeNode!(m);
      expect(pg.nodeNames()).toEqual([r]);
      expect((await pg.snapshot(r))?.linkState).not.toBe('connected');
      expect(() => pg.isRunning(m)).toThrow(/no node/);
      pg.dispose();
    }
  });
});

/**
 * An application's Redis client through failovers staged on the bridge: an ioredis writer keeps
 * writing (each write acknowledged by WAIT, so it counts only once a replica has it) while the
 * control channel runs a FAILOVER (the old master turns replica: the writer gets READONLY and
 * re-points to the node ROLE names), then kills the new master and promotes the other node (the
 * writer's connection drops: it reconnects and re-points). Every acknowledged write must be on the
 * last master. Skipped when redis-tools are not installed (the helpers' check).
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bridged, client, haveRedis, serve, waitFor } from './helpers';

const SLOT = 2;

describe.skipIf(!haveRedis())('an ioredis client through failovers on the bridge', () => {
  let b: Bridged;

  beforeAll(async () => {
    b = await serve(SLOT, [6379, 6380]);
  }, 60_000);

  afterAll(async () => {
    await b?.close();
  });

  it('reconnects, re-points and loses no acknowledged write', async () => {
    const ports = [b.portOf(6379), b.portOf(6380)];
    await b.control('6380> REPLICAOF 127.0.0.1 6379');
    await waitFor('6380 in sync', () => b.logs.some((l) => /^\[6380\] .*sync: Finished with success/.test(l)));

    /** The bridged port of the node that says it is a master (0: none yet). */
    const findMaster = async (): Promise<number> => {
      for (const p of ports) {
        const probe = new Redis({ port: p, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        probe.on('error', () => {});
        try {
          await probe.connect();
          const role = (await probe.call('ROLE')) as unknown[];
          if (role[0] === 'master') return p;
        } catch {
          // Down: try the next one.
        } finally {
          probe.disconnect();
        }
      }
      return 0;
    };

    const acked: number[] = [];
    const masters = new Set<number>();
    let stop = false;
    let failures = 0;
    const writer = (async () => {
      let port = ports[0];
      let c = client(port);
      for (let i = 1; !stop; i++) {
        try {
          await c.set(`w:${i}`, String(i));
          if (Number(await c.call('WAIT', '1', '300')) >= 1) acked.push(i);
          masters.add(port);
        } catch {
          failures++;
          c.disconnect();
          await new Promise((r) => setTimeout(r, 50));
          port = (await findMaster()) || port;
          c = client(port);
        }
      }
      c.disconnect();
    })();

    await waitFor('writes to the first master', () => acked.length >= 50);
    await b.control('6379> FAILOVER');
    expect(b.out.at(-1)).toBe('OK\n');
    await waitFor('writes re-pointed to 6380', () => masters.has(ports[1]) && acked.length >= 150);
    await b.control('kill 6380');
    await b.control('6379> REPLICAOF NO ONE');
    const before = acked.length;
    await waitFor(
      'writes on 6379 again after the kill',
      async () => failures >= 2 && (await findMaster()) === ports[0],
    );
    // With no replica left WAIT answers 0: the writer keeps going, nothing more is acknowledged.
    await new Promise((r) => setTimeout(r, 200));
    stop = true;
    await writer;

    expect(before).toBeGreaterThanOrEqual(150);
    const last = client(ports[0]);
    try {
      const values = await last.mget(acked.map((i) => `w:${i}`));
      const lost = acked.filter((i, k) => values[k] !== String(i));
      expect(lost).toEqual([]);
    } finally {
      last.disconnect();
    }
  }, 60_000);
});

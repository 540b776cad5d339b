/**
 * A node's console and replies the server pushes (subscribe mode, published messages): a reply no
 * command waits for goes out as a `push` event, never as the answer to a later command, so every
 * command still gets its own reply — on the simulator and on worker threads alike. PUBLISH on a master reaches
 * a subscribed replica console through the replication stream without upsetting it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeWorkerPlayground, createNodeWorkerPool } from '../../src/host/node';
import { asApi, Playground, type PlaygroundApi } from '../../src/playground';

const pool = createNodeWorkerPool();
afterAll(() => pool.close());

const hosts: [string, () => PlaygroundApi][] = [
  ['simulator', () => asApi(new Playground({ version: '7.0', seed: 4 }))],
  ['worker threads', () => createNodeWorkerPlayground({ version: '7.0', seed: 4, pool })],
];

const A = '127.0.0.1:6379';
const B = '127.0.0.1:6380';
const bulks = (...s: string[]) => ({ t: 'array', items: s.map((x) => ({ t: 'bulk', s: x })) });

for (const [hostName, make] of hosts) {
  describe(`console replies in subscribe mode (${hostName})`, () => {
    it('each command gets its own reply after a multi-channel SUBSCRIBE and a pushed message', async () => {
      const pg = make();
      try {
        pg.addNode('127.0.0.1', 6379);
        pg.addNode('127.0.0.1', 6380);
        await pg.start(A);
        await pg.start(B);
        expect(await pg.exec(B, ['REPLICAOF', '127.0.0.1', '6379'])).toEqual({ t: 'status', s: 'OK' });
        expect(await pg.settle()).toBe(true);
        const sub = await pg.exec(B, ['SUBSCRIBE', 'a', 'b']);
        expect(sub).toEqual({
          t: 'array',
          items: [
            { t: 'bulk', s: 'subscribe' },
            { t: 'bulk', s: 'a' },
            { t: 'int', n: 1 },
          ],
        });
        // Published on the master, delivered by the replica to its subscribed console.
        expect(await pg.exec(A, ['PUBLISH', 'a', 'hi'])).toEqual({ t: 'int', n: 0 });
        await pg.settle();
        expect(await pg.exec(B, ['PING'])).toEqual(bulks('pong', ''));
        const un = await pg.exec(B, ['UNSUBSCRIBE']);
        expect(un).toEqual({
          t: 'array',
          items: [
            { t: 'bulk', s: 'unsubscribe' },
            { t: 'bulk', s: 'a' },
            { t: 'int', n: 1 },
          ],
        });
        expect(await pg.exec(B, ['GET', 'nothing'])).toEqual({ t: 'bulk', s: null });
      } finally {
        pg.dispose();
      }
    });
  });
}

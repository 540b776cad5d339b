/**
 * Real replication both ways through the bridge, against Debian's redis-server 7.0 (skipped when
 * it is not installed):
 * - a real replica of a playground master: full sync (the engine's RDB loads in real Redis), the
 *   stream (DEBUG DIGEST equal), then a failover inside the playground after which the real
 *   replica continues from the promoted node with a partial resync, logged on both sides;
 * - a playground replica of a real master: full sync (the engine loads 7.0's RDB with its compact
 *   encodings), the stream, then partial resyncs after the link is dropped from either side.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Bridged,
  basePort,
  client,
  haveRedis,
  infoField,
  type RealServer,
  serve,
  startReal,
  waitFor,
} from './helpers';

const SLOT = 0;

/** Some of everything, in the small sizes real Redis stores compactly (listpack, intset). */
async function fill(c: Redis, prefix: string): Promise<void> {
  await c.mset(`${prefix}s1`, 'v1', `${prefix}n`, '12345', `${prefix}big`, 'x'.repeat(5000));
  await c.rpush(`${prefix}list`, 'a', 'b', 'c', '1', '2');
  await c.hset(`${prefix}hash`, 'f1', 'v1', 'f2', '2');
  await c.sadd(`${prefix}ints`, '1', '2', '3');
  await c.sadd(`${prefix}set`, 'x', 'y');
  await c.zadd(`${prefix}z`, 1, 'one', 2.5, 'two');
  await c.set(`${prefix}ttl`, 'v', 'EX', 1000);
  const big = [];
  for (let i = 0; i < 300; i++) big.push(`f${i}`, `v${i}`);
  await c.hset(`${prefix}bighash`, ...big);
}

async function digest(c: Redis): Promise<string> {
  return String(await c.call('DEBUG', 'DIGEST'));
}

async function replOffset(c: Redis, field: string): Promise<number> {
  return Number(infoField(await c.info('replication'), field));
}

describe.skipIf(!haveRedis())('the bridge and real redis-server replicating', () => {
  let b: Bridged;
  const reals: RealServer[] = [];
  const clients: Redis[] = [];
  const c = (port: number) => {
    const x = client(port);
    clients.push(x);
    return x;
  };

  beforeAll(async () => {
    b = await serve(SLOT, [6379, 6380, 6381]);
  }, 60_000);

  afterAll(async () => {
    for (const x of clients) x.disconnect();
    await b?.close();
    for (const r of reals) await r.stop();
  });

  it('a real replica follows a playground master, and continues with a partial resync after a failover', async () => {
    const m = c(b.portOf(6379));
    const p2 = c(b.portOf(6380));
    await m.config('SET', 'repl-diskless-sync-delay', '0');
    await p2.config('SET', 'repl-diskless-sync-delay', '0');
    await fill(m, 'a:');
    // A playground replica too: it becomes the new master in the failover.
    await b.control('6380> REPLICAOF 127.0.0.1 6379');
    const real = await startReal(basePort(SLOT) + 50, ['--replicaof', `127.0.0.1 ${b.portOf(6379)}`]);
    reals.push(real);
    await waitFor('the real replica to finish its full sync', () => /sync: Finished with success/.test(real.log()));
    expect(real.log()).toMatch(/Loading RDB produced by version 7\.0\.15/);
    await fill(m, 'b:');
    await m.incrby('a:n', 5);
    await m.del('a:set');
    const caughtUp = async () =>
      (await replOffset(real.client, 'master_repl_offset')) === (await replOffset(m, 'master_repl_offset')) &&
      (await replOffset(p2, 'master_repl_offset')) === (await replOffset(m, 'master_repl_offset'));
    await waitFor('both replicas to catch up', caughtUp);
    expect(await real.client.dbsize()).toBe(await m.dbsize());
    expect(await digest(real.client)).toBe(await digest(m));
    expect(await real.client.get('a:n')).toBe('12350');

    // The failover: the master dies, 6380 is promoted, the real replica follows it.
    await b.control('kill 6379');
    await b.control('6380> REPLICAOF NO ONE');
    await real.client.call('REPLICAOF', '127.0.0.1', String(b.portOf(6380)));
    await waitFor('the real replica to resync with the new master', () =>
      /Successful partial resynchronization with master/.test(real.log()),
    );
    expect(real.log()).toMatch(/Master accepted a Partial Resynchronization/);
    expect(real.log()).not.toMatch(/Full resync from master: .*\n(.|\n)*Full resync from master/);
    expect(b.logs.join('\n')).toMatch(/\[6380\] .*Partial resynchronization request from 127\.0\.0\.1:\d+ accepted/);
    await p2.set('after', 'failover');
    await waitFor('the stream from the new master', async () => (await real.client.get('after')) === 'failover');
    expect(await digest(real.client)).toBe(await digest(p2));
  }, 60_000);

  it('a playground node replicates from a real master: full sync, stream, partial resyncs', async () => {
    const real = await startReal(basePort(SLOT) + 51, ['--repl-diskless-sync-delay', '0']);
    reals.push(real);
    await fill(real.client, 'r:');
    await real.client.call('DEBUG', 'POPULATE', '2000', 'pop', '20');
    const p = c(b.portOf(6381));
    expect(await p.call('REPLICAOF', '127.0.0.1', String(real.port))).toBe('OK');
    await waitFor('the full sync', () =>
      b.logs.some((l) => /^\[6381\] .*MASTER <-> REPLICA sync: Finished with success/.test(l)),
    );
    await real.client.set('stream', '1');
    await real.client.lpush('r:list', 'pushed');
    const caughtUp = async () =>
      (await replOffset(p, 'master_repl_offset')) === (await replOffset(real.client, 'master_repl_offset'));
    await waitFor('the stream', caughtUp);
    expect(await p.dbsize()).toBe(await real.client.dbsize());
    expect(await digest(p)).toBe(await digest(real.client));
    // The replica announced its bridged port: the real master lists it where it can be reached.
    expect(infoField(await real.client.info('replication'), 'slave0')).toMatch(
      new RegExp(`^ip=127\\.0\\.0\\.1,port=${b.portOf(6381)},state=online`),
    );

    // The link dropped from the playground side, then from the real master's side.
    expect(await p.call('CLIENT', 'KILL', 'TYPE', 'master')).toBe(1);
    await waitFor('a partial resync after CLIENT KILL TYPE master', () =>
      b.logs.some((l) => /^\[6381\] .*Successful partial resynchronization with master/.test(l)),
    );
    await real.client.set('between', 'kills');
    expect(await real.client.call('CLIENT', 'KILL', 'TYPE', 'replica')).toBe(1);
    await waitFor(
      'a second partial resync after CLIENT KILL TYPE replica',
      () => b.logs.filter((l) => /^\[6381\] .*Successful partial resynchronization with master/.test(l)).length >= 2,
    );
    const accepted = real.log().match(/Partial resynchronization request from 127\.0\.0\.1:\d+ accepted/g) ?? [];
    expect(accepted.length).toBe(2);
    expect(b.logs.filter((l) => /^\[6381\] .*Full resync from master/.test(l)).length).toBe(1);
    await real.client.set('last', 'write');
    await waitFor('the stream after the resyncs', caughtUp);
    expect(await digest(p)).toBe(await digest(real.client));
  }, 60_000);
});

/**
 * Real clients, unchanged, against a bridged node: redis-cli (commands, INFO, --pipe bulk
 * loading, --rdb fetching a dump through the replication protocol), ioredis and node-redis (their
 * own reply parsing, pipelines, MULTI/EXEC), and redis-benchmark with no errors — with the node's
 * worker serving the sockets (direct) and with the bytes relayed through the coordinator. Skipped
 * when redis-tools are not installed.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bridged, client, haveRedis, redisCli, serve } from './helpers';

// Both ways of serving clients: each node's worker serving its sockets itself (the default), and
// this thread relaying their bytes through the coordinator's external endpoints.
describe.skipIf(!haveRedis()).each([
  { mode: 'direct', slot: 1 },
  { mode: 'relay', slot: 4 },
])('real clients on a bridged node ($mode)', ({ mode, slot }) => {
  let b: Bridged;
  let port: number;
  const dir = mkdtempSync(join(tmpdir(), 'bridge-clients-'));

  beforeAll(async () => {
    b = await serve(slot, [6379], mode === 'relay');
    port = b.portOf(6379);
  }, 60_000);

  afterAll(async () => {
    await b?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('redis-cli: commands, replies as it prints them, INFO', async () => {
    const p = String(port);
    expect(await redisCli(['-p', p, 'PING'])).toBe('PONG\n');
    expect(await redisCli(['-p', p, 'SET', 'greeting', 'hello world'])).toBe('OK\n');
    expect(await redisCli(['-p', p, '--no-raw', 'GET', 'greeting'])).toBe('"hello world"\n');
    expect(await redisCli(['-p', p, '--no-raw', 'RPUSH', 'l', 'a', 'b'])).toBe('(integer) 2\n');
    expect(await redisCli(['-p', p, '--no-raw', 'LRANGE', 'l', '0', '-1'])).toBe('1) "a"\n2) "b"\n');
    expect(await redisCli(['-p', p, '--no-raw', 'NOSUCHCMD'])).toMatch(/^\(error\) ERR unknown command 'NOSUCHCMD'/);
    const info = await redisCli(['-p', p, 'INFO', 'server']);
    expect(info).toMatch(/^redis_version:7\.0\.15\r$/m);
    expect(info).toMatch(/^tcp_port:6379\r$/m);
    // Interactive mode reads commands from stdin when it is not a terminal.
    expect(await redisCli(['-p', p], 'INCR n\nINCR n\nGET n\n')).toBe('1\n2\n2\n');
  });

  it('redis-cli --pipe loads a mass insertion file', async () => {
    let proto = '';
    for (let i = 0; i < 5000; i++) {
      const k = `mass:${i}`;
      proto += `*3\r\n$3\r\nSET\r\n$${k.length}\r\n${k}\r\n$${String(i).length}\r\n${i}\r\n`;
    }
    const out = await redisCli(['-p', String(port), '--pipe'], proto);
    expect(out).toMatch(/errors: 0, replies: 5000/);
    expect(await redisCli(['-p', String(port), 'GET', 'mass:4999'])).toBe('4999\n');
  });

  it('redis-cli --rdb fetches a dump that redis-check-rdb accepts', async () => {
    const file = join(dir, 'dump.rdb');
    await redisCli(['-p', String(port), 'CONFIG', 'SET', 'repl-diskless-sync-delay', '0']);
    const out = await redisCli(['-p', String(port), '--rdb', file], undefined, true);
    expect(out).toMatch(/Transfer finished with success/);
    const check = await new Promise<string>((resolve, reject) =>
      execFile('redis-check-rdb', [file], (err, stdout) => (err ? reject(err) : resolve(stdout))),
    );
    expect(check).toMatch(/RDB looks OK!/);
    expect(readFileSync(file).subarray(0, 9).toString()).toBe('REDIS0010');
  });

  it('ioredis: its own parsing, a pipeline and MULTI/EXEC', async () => {
    const c = client(port);
    try {
      expect(await c.set('io:a', '1')).toBe('OK');
      const res = await c.pipeline().incr('io:a').get('io:a').hset('io:h', 'f', 'v').hgetall('io:h').exec();
      expect(res).toEqual([
        [null, 2],
        [null, '2'],
        [null, 1],
        [null, { f: 'v' }],
      ]);
      const tx = await c.multi().set('io:b', 'x').incr('io:a').lpush('io:l', 'q').exec();
      expect(tx).toEqual([
        [null, 'OK'],
        [null, 3],
        [null, 1],
      ]);
      await expect(c.call('INCR', 'io:b')).rejects.toThrow('ERR value is not an integer or out of range');
      const buf = Buffer.from([0, 255, 13, 10, 1]);
      await c.set('io:bin', buf);
      expect(await c.getBuffer('io:bin')).toEqual(buf);
    } finally {
      c.disconnect();
    }
  });

  it('node-redis: its own parsing, a pipeline and MULTI/EXEC', async () => {
    // node-redis 6 speaks RESP3 by default (HELLO 3), which the engine does not have yet: RESP2.
    const c = createClient({ RESP: 2, socket: { port, host: '127.0.0.1', reconnectStrategy: false } });
    c.on('error', () => {});
    await c.connect();
    try {
      expect(await c.set('nr:a', '10')).toBe('OK');
      expect(await c.multi().incrBy('nr:a', 5).get('nr:a').rPush('nr:l', ['x', 'y']).exec()).toEqual([15, '15', 2]);
      const piped = await Promise.all([c.incr('nr:a'), c.lRange('nr:l', 0, -1), c.sAdd('nr:s', ['1', '2'])]);
      expect(piped).toEqual([16, ['x', 'y'], 2]);
      expect(await c.zAdd('nr:z', { score: 1.5, value: 'm' })).toBe(1);
      expect(await c.zScore('nr:z', 'm')).toBe(1.5);
    } finally {
      c.destroy();
    }
  });

  it('node-redis over RESP3 (HELLO 3): maps, doubles and sets as its RESP3 parser reads them', async () => {
    const c = createClient({ RESP: 3, socket: { port, host: '127.0.0.1', reconnectStrategy: false } });
    c.on('error', () => {});
    await c.connect();
    try {
      expect(await c.hSet('r3:h', { f: 'v', g: 'w' })).toBe(2);
      expect(await c.hGetAll('r3:h')).toEqual({ f: 'v', g: 'w' });
      await c.zAdd('r3:z', [
        { score: 1.5, value: 'm' },
        { score: 2, value: 'n' },
      ]);
      expect(await c.zRangeWithScores('r3:z', 0, -1)).toEqual([
        { value: 'm', score: 1.5 },
        { value: 'n', score: 2 },
      ]);
      expect(await c.zIncrBy('r3:z', 1, 'm')).toBe(2.5);
      await c.sAdd('r3:s', ['x']);
      expect(await c.sMembers('r3:s')).toEqual(['x']);
      expect(await c.multi().incr('r3:n').get('r3:n').exec()).toEqual([1, '1']);
    } finally {
      c.destroy();
    }
  });

  it('redis-benchmark -t set,get,incr,lpush -P 16 runs without an error', async () => {
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) =>
      execFile(
        'redis-benchmark',
        ['-p', String(port), '-t', 'set,get,incr,lpush', '-n', '20000', '-P', '16', '--csv'],
        { timeout: 60_000 },
        (err, stdout, stderr) => (err ? reject(err) : resolve({ stdout, stderr })),
      ),
    );
    expect(stderr).toBe('');
    const tests = stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => JSON.parse(`[${l}]`) as [string, string]);
    expect(tests.map((t) => t[0])).toEqual(['SET', 'GET', 'INCR', 'LPUSH']);
    for (const [, rps] of tests) expect(Number(rps)).toBeGreaterThan(0);
    expect(await redisCli(['-p', String(port), 'GET', 'counter:__rand_int__'])).toBe('20000\n');
  }, 60_000);
});

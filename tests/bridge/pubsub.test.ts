/**
 * redis-cli's two streaming modes through the bridge — SUBSCRIBE/PSUBSCRIBE (it keeps reading and
 * prints each push as it arrives) and MONITOR — and a real client library's subscriber (ioredis)
 * fed by PUBLISH from another connection. Each redis-cli case runs the same way against the bridged
 * node (its worker serving the sockets, or the coordinator relaying them) and against a redis-server of the test's own, and the two outputs must be equal (MONITOR's
 * timestamps and client ports aside), so real Redis is the oracle. Skipped without redis-tools.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Bridged,
  basePort,
  client,
  haveRedis,
  type RealServer,
  redisCli,
  serve,
  startReal,
  waitFor,
} from './helpers';

/** A redis-cli that keeps running (subscribe mode, MONITOR): its output so far, and a way to stop it. */
interface Streaming {
  out(): string;
  /** Ctrl-C, as a user quits it; resolves when the process is gone. */
  stop(): Promise<void>;
}

function streaming(port: number, args: string[]): Streaming {
  const p: ChildProcess = spawn('redis-cli', ['-p', String(port), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  p.stdout?.on('data', (b: Buffer) => {
    out += b.toString('latin1');
  });
  p.stderr?.on('data', (b: Buffer) => {
    out += b.toString('latin1');
  });
  return {
    out: () => out,
    stop: async () => {
      if (p.exitCode !== null || p.signalCode !== null) return;
      const gone = new Promise((r) => p.once('exit', r));
      p.kill('SIGINT');
      await gone;
    },
  };
}

/** How many clients a server has connected (CLIENT LIST lines). */
async function clients(port: number): Promise<number> {
  return (await redisCli(['-p', String(port), 'CLIENT', 'LIST'])).trim().split('\n').length;
}

// The node's worker serving the sockets itself (the default), and the coordinator relaying them.
describe.skipIf(!haveRedis()).each([
  { mode: 'direct', slot: 5 },
  { mode: 'relay', slot: 6 },
])('redis-cli streaming modes and a pub/sub client through the bridge ($mode)', ({ mode, slot }) => {
  let b: Bridged;
  let real: RealServer;
  let servers: { name: string; port: number }[];

  beforeAll(async () => {
    b = await serve(slot, [6379], mode === 'relay');
    real = await startReal(basePort(slot) + 50);
    servers = [
      { name: 'bridge', port: b.portOf(6379) },
      { name: 'redis-server', port: real.port },
    ];
  }, 60_000);

  afterAll(async () => {
    await real?.stop();
    await b?.close();
  });

  /** Run `fn` against both servers; their results must be equal, and are returned (the bridge's). */
  async function both<T>(fn: (port: number) => Promise<T>): Promise<T> {
    const [bridged, oracle] = [await fn(servers[0].port), await fn(servers[1].port)];
    expect(bridged).toEqual(oracle);
    return bridged;
  }

  it('redis-cli SUBSCRIBE prints each message as it is published, and Ctrl-C unsubscribes it', async () => {
    const out = await both(async (port) => {
      const sub = streaming(port, ['SUBSCRIBE', 'news', 'sport']);
      try {
        await waitFor('both subscriptions', () => sub.out().includes('sport\n2\n'));
        const n1 = await redisCli(['-p', String(port), 'PUBLISH', 'news', 'hello world']);
        const n2 = await redisCli(['-p', String(port), 'PUBLISH', 'weather', 'nobody listens']);
        const n3 = await redisCli(['-p', String(port), 'PUBLISH', 'sport', 'x\r\ny']);
        await waitFor('the second message', () => sub.out().includes('x\r\ny\n'));
        const before = await clients(port);
        await sub.stop();
        // The subscriber's connection is gone: nobody receives the next message.
        await waitFor('the subscriber to disconnect', async () => (await clients(port)) === before - 1);
        const n4 = await redisCli(['-p', String(port), 'PUBLISH', 'news', 'late']);
        return { received: sub.out(), counts: [n1, n2, n3, n4] };
      } finally {
        await sub.stop();
      }
    });
    expect(out.counts).toEqual(['1\n', '0\n', '1\n', '0\n']);
    expect(out.received).toBe(
      'subscribe\nnews\n1\nsubscribe\nsport\n2\nmessage\nnews\nhello world\nmessage\nsport\nx\r\ny\n',
    );
  });

  it('redis-cli --no-raw PSUBSCRIBE formats pattern messages as redis-cli does', async () => {
    const out = await both(async (port) => {
      const sub = streaming(port, ['--no-raw', 'PSUBSCRIBE', 'ne*', 'a?c']);
      try {
        await waitFor('both patterns', () => sub.out().includes('(integer) 2\n'));
        await redisCli(['-p', String(port), 'PUBLISH', 'news', 'one']);
        await redisCli(['-p', String(port), 'PUBLISH', 'abc', 'two']);
        await waitFor('both messages', () => sub.out().includes('"two"\n'));
        return sub.out();
      } finally {
        await sub.stop();
      }
    });
    expect(out).toContain('1) "pmessage"\n2) "ne*"\n3) "news"\n4) "one"\n');
    expect(out).toContain('1) "pmessage"\n2) "a?c"\n3) "abc"\n4) "two"\n');
  });

  it('redis-cli MONITOR streams every command other clients run, with its db and client address', async () => {
    /** MONITOR's lines with the timestamp and the client's port made comparable. */
    const normal = (s: string) =>
      s
        .replace(/^\d+\.\d{6} \[(\d+) 127\.0\.0\.1:\d+\]/gm, 'TIME [$1 127.0.0.1:PORT]')
        .replace(/^\d+\.\d{6} /gm, 'TIME ');
    const out = await both(async (port) => {
      const mon = streaming(port, ['MONITOR']);
      try {
        await waitFor('MONITOR to start', () => mon.out().startsWith('OK\n'));
        const p = String(port);
        // redis-cli sends the words as typed: MONITOR shows their case.
        await redisCli(['-p', p, 'set', 'greeting', 'hello "you"\n']);
        await redisCli(['-p', p, '-n', '3', 'GET', 'greeting']);
        await redisCli(['-p', p, 'rPush', 'l', 'a', 'b\x01']);
        await waitFor('the RPUSH line', () => mon.out().includes('"rPush"'));
        const raw = mon.out();
        return normal(raw);
      } finally {
        await mon.stop();
      }
    });
    expect(out).toBe(
      'OK\n' +
        'TIME [0 127.0.0.1:PORT] "set" "greeting" "hello \\"you\\"\\n"\n' +
        'TIME [3 127.0.0.1:PORT] "SELECT" "3"\n' +
        'TIME [3 127.0.0.1:PORT] "GET" "greeting"\n' +
        'TIME [0 127.0.0.1:PORT] "rPush" "l" "a" "b\\x01"\n',
    );
  });

  it('MONITOR timestamps follow the wall clock', async () => {
    const mon = streaming(b.portOf(6379), ['MONITOR']);
    try {
      await waitFor('MONITOR to start', () => mon.out().startsWith('OK\n'));
      const t0 = Date.now() / 1000;
      await redisCli(['-p', String(b.portOf(6379)), 'PING']);
      await waitFor('the PING line', () => mon.out().includes('"PING"'));
      const ts = Number(/^(\d+\.\d{6}) /m.exec(mon.out().slice(3))?.[1]);
      expect(Math.abs(ts - t0)).toBeLessThan(5);
    } finally {
      await mon.stop();
    }
  });

  it('ioredis: a subscriber gets what another client publishes, then leaves subscribe mode', async () => {
    const port = b.portOf(6379);
    const sub = client(port);
    const pub = client(port);
    try {
      const got: string[] = [];
      sub.on('message', (ch: string, msg: string) => got.push(`${ch}:${msg}`));
      sub.on('pmessage', (pat: string, ch: string, msg: string) => got.push(`${pat}|${ch}:${msg}`));
      expect(await sub.subscribe('orders', 'alerts')).toBe(2);
      expect(await sub.psubscribe('ord*')).toBe(3);
      expect(await pub.publish('orders', 'o-1')).toBe(2);
      expect(await pub.publish('alerts', 'a-1')).toBe(1);
      expect(await pub.publish('orders', Buffer.from([0xff, 0x00, 0x41]))).toBe(2);
      expect(await pub.pubsub('NUMSUB', 'orders', 'alerts', 'none')).toEqual(['orders', 1, 'alerts', 1, 'none', 0]);
      expect(await pub.pubsub('NUMPAT')).toBe(1);
      await waitFor('five deliveries', () => got.length === 5);
      expect(got.slice(0, 3)).toEqual(['orders:o-1', 'ord*|orders:o-1', 'alerts:a-1']);
      // (ioredis waits forever on an argument-less UNSUBSCRIBE, against real Redis too: name them.)
      expect(await sub.unsubscribe('orders', 'alerts')).toBe(1);
      expect(await sub.punsubscribe('ord*')).toBe(0);
      // Out of subscribe mode: an ordinary command works on the same connection again.
      expect(await sub.set('after', 'sub')).toBe('OK');
      expect(await pub.publish('orders', 'o-2')).toBe(0);
    } finally {
      sub.disconnect();
      pub.disconnect();
    }
  });
});

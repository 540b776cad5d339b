/**
 * The coordinator's external endpoints (host/cluster.ts) without any real socket: a worker
 * playground on one thread (inline workers) with a recording `OutsideNetwork` stands in for the
 * TCP bridge. An accepted outside client is a connection the node accepts; a node's connect to an
 * address that names no node is handed to the outside, which completes or refuses it; an alias
 * keeps the bridge's own address inside; kills and closes reach the outside. Time is the virtual
 * clock, moved by `advance`.
 */
import { describe, expect, it } from 'vitest';
import { createWorkerPlayground, type OutsideNetwork, spawnInlineWorker, type WorkerPlayground } from '../../src/host';

/** An outside world that records what the playground asks of it. */
class Outside implements OutsideNetwork {
  readonly out = new Map<number, string>();
  readonly closed: number[] = [];
  readonly connects: { ext: number; host: string; port: number }[] = [];
  data(ext: number, bytes: Uint8Array): void {
    this.out.set(ext, (this.out.get(ext) ?? '') + new TextDecoder().decode(bytes));
  }
  close(ext: number): void {
    this.closed.push(ext);
  }
  connect(ext: number, host: string, port: number): void {
    this.connects.push({ ext, host, port });
  }
}

const enc = (s: string) => new TextEncoder().encode(s);

async function playground(outside: Outside, ports = [6379]): Promise<{ pg: WorkerPlayground; names: string[] }> {
  const pg = createWorkerPlayground({ seed: 7, spawn: () => spawnInlineWorker(), outside });
  const names = ports.map((p) => pg.addNode('127.0.0.1', p));
  await pg.startAll(names);
  return { pg, names };
}

/** Let the playground finish what it is doing (a no-op operation runs after every queued one). */
const idle = (pg: WorkerPlayground) => pg.advance(0);

describe('external endpoints', () => {
  it('an outside client is a connection the node accepts, bytes both ways, closes both ways', async () => {
    const outside = new Outside();
    const { pg, names } = await playground(outside);
    const ext = await pg.acceptExternal(names[0], '127.0.0.1:50000');
    expect(ext).toBeGreaterThan(0);
    pg.sendExternal(ext, enc('*1\r\n$4\r\nPING\r\n*3\r\n$3\r\nSET\r\n$1\r\n'));
    pg.sendExternal(ext, enc('k\r\n$1\r\nv\r\n'));
    await idle(pg);
    expect(outside.out.get(ext)).toBe('+PONG\r\n+OK\r\n');
    pg.sendExternal(ext, enc('CLIENT LIST\r\n'));
    await idle(pg);
    expect(outside.out.get(ext)).toMatch(/addr=127\.0\.0\.1:50000 laddr=127\.0\.0\.1:6379 /);
    // The node closes the connection (CLIENT KILL from its console): the outside is told.
    expect(await pg.exec(names[0], ['CLIENT', 'KILL', 'ADDR', '127.0.0.1:50000'])).toEqual({ t: 'int', n: 1 });
    expect(outside.closed).toEqual([ext]);
    // Another client closes from outside: the node forgets it.
    const other = await pg.acceptExternal(names[0], '127.0.0.1:50001');
    await pg.closeExternal(other);
    expect(JSON.stringify(await pg.exec(names[0], ['CLIENT', 'LIST']))).not.toContain('50001');
    pg.dispose();
  });

  it('a kill closes the outside clients, and a stopped node accepts none', async () => {
    const outside = new Outside();
    const { pg, names } = await playground(outside);
    const ext = await pg.acceptExternal(names[0], '127.0.0.1:50002');
    await pg.kill(names[0]);
    expect(outside.closed).toEqual([ext]);
    expect(await pg.acceptExternal(names[0], '127.0.0.1:50003')).toBe(0);
    pg.dispose();
  });

  it('a connect to an address outside the playground is completed or refused by the outside', async () => {
    const outside = new Outside();
    const { pg, names } = await playground(outside);
    const logs: string[] = [];
    pg.on((ev) => {
      if (ev.type === 'log') logs.push(ev.line);
    });
    await pg.exec(names[0], ['REPLICAOF', '127.0.0.1', '7000']);
    await pg.advance(1000);
    expect(outside.connects).toHaveLength(1);
    const first = outside.connects[0];
    expect(first).toMatchObject({ host: '127.0.0.1', port: 7000 });
    await pg.externalRefused(first.ext, 'Connection refused');
    expect(logs.at(-1)).toMatch(/# Error condition on socket for SYNC: Connection refused$/);
    // The next attempt (replicationCron, once a second) is completed: the handshake's PING goes out.
    await pg.advance(1000);
    expect(outside.connects).toHaveLength(2);
    const second = outside.connects[1];
    await pg.externalConnected(second.ext, '127.0.0.1:51000');
    expect(outside.out.get(second.ext)).toBe('*1\r\n$4\r\nPING\r\n');
    pg.sendExternal(second.ext, enc('+PONG\r\n'));
    await idle(pg);
    expect(outside.out.get(second.ext)).toMatch(/REPLCONF\r\n\$14\r\nlistening-port\r\n\$4\r\n6379\r\n/);
    // The node gives up the master: the outside socket is closed.
    await pg.exec(names[0], ['REPLICAOF', 'NO', 'ONE']);
    expect(outside.closed).toContain(second.ext);
    pg.dispose();
  });

  it("an alias (the bridge's own port for a node) stays inside the playground", async () => {
    const outside = new Outside();
    const { pg, names } = await playground(outside, [6379, 6380]);
    pg.alias('127.0.0.1', 16379, names[0]);
    await pg.exec(names[1], ['REPLICAOF', '127.0.0.1', '16379']);
    expect(await pg.settle()).toBe(true);
    expect(outside.connects).toEqual([]);
    const snap = await pg.snapshot(names[0]);
    expect(snap?.replicas.map((r) => r.port)).toEqual([6380]);
    pg.dispose();
  });
});

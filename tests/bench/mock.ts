/**
 * ioredis-mock's side: the same commands on the same keys, pipelined 16 at a time
 * (redis.pipeline() … exec(), each pipeline awaited before the next, like one pipelining client).
 */
import RedisMock from 'ioredis-mock';
import { collectGarbage, type OpName, PIPELINE } from './engine';

function keysFor(op: OpName, n: number, keyspace: number): string[] {
  const out: string[] = new Array(n);
  let x = 12345;
  for (let i = 0; i < n; i++) {
    let rand = '__rand_int__';
    if (keyspace > 0) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      rand = String((x >>> 8) % keyspace).padStart(12, '0');
    }
    out[i] = op === 'incr' ? `counter:${rand}` : `key:${rand}`;
  }
  return out;
}

export class MockBench {
  readonly redis = new RedisMock();

  /** Commands per second for `n` commands of `op`. */
  async run(op: OpName, n: number, keyspace: number): Promise<number> {
    const keys = keysFor(op, n, keyspace);
    const r = this.redis;
    collectGarbage();
    const t0 = performance.now();
    for (let i = 0; i < n; i += PIPELINE) {
      const p = r.pipeline();
      const end = Math.min(n, i + PIPELINE);
      if (op === 'set') for (let j = i; j < end; j++) p.set(keys[j], 'xxx');
      else if (op === 'get') for (let j = i; j < end; j++) p.get(keys[j]);
      else for (let j = i; j < end; j++) p.incr(keys[j]);
      await p.exec();
    }
    return (n / (performance.now() - t0)) * 1000;
  }

  async close(): Promise<void> {
    await this.redis.flushall();
    this.redis.disconnect();
  }
}

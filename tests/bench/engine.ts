/**
 * The engine's side of the benchmark: a master Server with one online replica Server over the
 * harness's in-memory link, pipelined commands pushed into the master (RESP decode, execute,
 * reply, propagate to the backlog and the replica, the replica applying the stream), and full
 * syncs of a big keyspace (RDB write, transfer, load).
 */
import type { Server } from '../../src/engine';
import { encodeCommand } from '../../src/engine';
import { bytesFromBin } from '../../src/lib';
import { type BenchClient, Harness } from './harness';

export const PIPELINE = 16;

/**
 * A full garbage collection before a timed run (when node runs with --expose-gc, as `npm run
 * bench` does), so that no column pays for the garbage the column measured before it left.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** What redis-benchmark -t set,get,incr sends (-d 3 values; keys fixed, or 12-digit random ones with -r). */
export type OpName = 'set' | 'get' | 'incr';

function argvFor(op: OpName, rand: string): string[] {
  if (op === 'set') return ['SET', `key:${rand}`, 'xxx'];
  if (op === 'get') return ['GET', `key:${rand}`];
  return ['INCR', `counter:${rand}`];
}

/**
 * `n` commands as pipelines of 16, one Uint8Array per pipeline. With `keyspace` 0 the keys are
 * redis-benchmark's literal `key:__rand_int__`; otherwise `__rand_int__` is a 12-digit number
 * below `keyspace` (redis-benchmark -r), from a fixed seed.
 */
export function pipelines(op: OpName, n: number, keyspace: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let x = 12345;
  for (let i = 0; i < n; i += PIPELINE) {
    let s = '';
    for (let j = 0; j < PIPELINE && i + j < n; j++) {
      let rand = '__rand_int__';
      if (keyspace > 0) {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        rand = String((x >>> 8) % keyspace).padStart(12, '0');
      }
      s += encodeCommand(argvFor(op, rand));
    }
    out.push(bytesFromBin(s));
  }
  return out;
}

/** A master with one online replica (diskless sync, no delay), and a client on the master. */
export function masterWithReplica(): { h: Harness; master: Server; replica: Server; client: BenchClient } {
  const h = new Harness();
  const master = h.addServer(19001, { 'repl-diskless-sync-delay': '0' });
  const replica = h.addServer(19002);
  h.connect(replica).send(bytesFromBin(encodeCommand(['REPLICAOF', '127.0.0.1', '19001'])));
  h.tick(1000);
  if (replica.rs.state !== 'connected' || master.slaves[0]?.replica?.state !== 'online') {
    throw new Error('bench set-up: the replica did not come online');
  }
  return { h, master, replica, client: h.connect(master) };
}

/** Push every pipeline through the master; returns commands per second (wall clock). */
export function runPipelines(client: BenchClient, chunks: Uint8Array[], n: number): number {
  collectGarbage();
  const t0 = performance.now();
  for (let i = 0; i < chunks.length; i++) client.send(chunks[i]);
  const ms = performance.now() - t0;
  return (n / ms) * 1000;
}

/** Load `count` keys `key:N` → `value:N` (N from 0, as DEBUG POPULATE makes them) through pipelined SETs. */
export function loadKeys(client: BenchClient, count: number, batch = 1000): void {
  for (let i = 0; i < count; i += batch) {
    let s = '';
    for (let j = i; j < Math.min(count, i + batch); j++) s += encodeCommand(['SET', `key:${j}`, `value:${j}`]);
    client.send(bytesFromBin(s));
  }
}

/**
 * Full sync timing: a fresh empty replica gets REPLICAOF; the time until its link is up
 * (master_link_status:up). The replica is shut down afterwards. Returns milliseconds.
 */
export function fullSyncOnce(h: Harness, master: Server, port: number): number {
  const replica = h.addServer(port);
  const cli = h.connect(replica);
  const cmd = bytesFromBin(encodeCommand(['REPLICAOF', '127.0.0.1', String(master.port)]));
  const t0 = performance.now();
  cli.send(cmd);
  let guard = 0;
  while (replica.rs.state !== 'connected') {
    h.tick(100);
    if (++guard > 600) throw new Error('full sync did not finish');
  }
  const ms = performance.now() - t0;
  if (replica.keyCount() !== master.keyCount()) throw new Error('full sync: key counts differ');
  h.removeServer(replica);
  return ms;
}

/**
 * Memory per key, run in a child process with --expose-gc (tests/bench/run.ts starts it):
 *   node --expose-gc --import tsx tests/bench/memory.ts <set|sync> <keys>
 * `set`: heapUsed (after full GCs) of a master before and after SET key:N value:N for N < keys,
 * sent as pipelined commands. `sync`: the same keys on a master, then the heap growth of a full
 * sync into an empty replica (RDB written, transferred, loaded). Prints one JSON line.
 */
import { encodeCommand } from '../../src/engine';
import { bytesFromBin } from '../../src/lib';
import { loadKeys } from './engine';
import { Harness } from './harness';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

function heap(): number {
  for (let i = 0; i < 4; i++) gc!();
  return process.memoryUsage().heapUsed;
}

const mode = process.argv[2] ?? 'set';
const keys = Number(process.argv[3] ?? 1_000_000);
const h = new Harness();
const master = h.addServer(19101, { 'repl-diskless-sync-delay': '0' });
const client = h.connect(master);
let before: number;
let after: number;
if (mode === 'set') {
  before = heap();
  loadKeys(client, keys);
  after = heap();
} else {
  loadKeys(client, keys);
  before = heap();
  const replica = h.addServer(19102);
  h.connect(replica).send(bytesFromBin(encodeCommand(['REPLICAOF', '127.0.0.1', '19101'])));
  h.tick(1000);
  if (replica.keyCount() !== keys) throw new Error('sync: replica did not get every key');
  after = heap();
}
if (master.keyCount() !== keys) throw new Error('master did not get every key');
console.log(JSON.stringify({ mode, keys, heapBefore: before, heapAfter: after, bytesPerKey: (after - before) / keys }));

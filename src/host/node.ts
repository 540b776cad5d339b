/**
 * Node host entry: playgrounds whose nodes run in worker_threads (the headless runner's
 * `--workers`). Each worker boots through node-worker-boot.mjs so it can load the TypeScript
 * sources, under tsx and under vitest alike. Not part of host/index.ts: it needs Node.
 */
import { Worker } from 'node:worker_threads';
import type { ClusterOptions } from './cluster';
import {
  createWorkerPlayground,
  createWorkerPool,
  type OutsideNetwork,
  type WorkerLike,
  type WorkerPlayground,
  type WorkerPool,
} from './worker-playground';

/** Start a worker thread serving one node. */
export function spawnNodeWorker(): WorkerLike {
  // A larger young generation (V8 grows it up to this only as allocation demands): a node serving
  // many small requests (the TCP bridge's direct mode) scavenges less often, which measured about
  // 15% less CPU per request under redis-benchmark -P 1 -c 50.
  const w = new Worker(new URL('./node-worker-boot.mjs', import.meta.url), {
    resourceLimits: { maxYoungGenerationSizeMb: 48 },
  });
  let ended = false;
  return {
    postMessage: (msg, transfer) => w.postMessage(msg, transfer as never),
    onMessage: (fn) => {
      w.on('message', fn);
    },
    onError: (fn) => {
      w.on('error', fn);
      w.on('exit', (code) => {
        if (!ended) fn(new Error(`worker thread exited (code ${code})`));
      });
    },
    terminate: () => {
      ended = true;
      void w.terminate();
    },
  };
}

/** A pool of worker threads shared by several playgrounds (tests); `close()` terminates them. */
export function createNodeWorkerPool(): WorkerPool {
  return createWorkerPool(spawnNodeWorker);
}

export interface NodeWorkerPlaygroundOptions extends ClusterOptions {
  /** Take workers from this pool instead of starting (and at dispose, terminating) fresh ones. */
  pool?: WorkerPool;
  /** Real sockets (the TCP bridge): addresses that name no node become real connections. */
  outside?: OutsideNetwork;
}

/** A playground with one worker thread per node; call `dispose()` to end the threads. */
export function createNodeWorkerPlayground(opts: NodeWorkerPlaygroundOptions = {}): WorkerPlayground {
  const { pool, ...rest } = opts;
  return createWorkerPlayground({ ...rest, spawn: pool ? () => pool.spawn() : spawnNodeWorker });
}

/**
 * Browser host entry: playgrounds whose nodes run in Web Workers (bundled by Vite from
 * browser-worker.ts). The page's entry picks this; not part of host/index.ts (it needs `Worker`).
 */
import type { ClusterOptions } from './cluster';
import {
  createWorkerPlayground,
  createWorkerPool,
  type WorkerLike,
  type WorkerPlayground,
  type WorkerPool,
  type WorkerPoolOptions,
} from './worker-playground';

/** Start a Web Worker serving one node. */
export function spawnBrowserWorker(): WorkerLike {
  const w = new Worker(new URL('./browser-worker.ts', import.meta.url), { type: 'module' });
  return {
    postMessage: (msg, transfer) => w.postMessage(msg, (transfer ?? []) as unknown as Transferable[]),
    onMessage: (fn) => w.addEventListener('message', (ev) => fn(ev.data)),
    onError: (fn) =>
      w.addEventListener('error', (ev) => fn(new Error(ev.message || 'the worker script failed to load'))),
    terminate: () => w.terminate(),
  };
}

/** A pool of Web Workers shared by the page's playgrounds (see `createWorkerPool`). */
export function createBrowserWorkerPool(opts: WorkerPoolOptions = {}): WorkerPool {
  return createWorkerPool(spawnBrowserWorker, opts);
}

export interface BrowserWorkerPlaygroundOptions extends ClusterOptions {
  /** Take workers from this pool (a disposed playground hands them back) instead of fresh ones. */
  pool?: WorkerPool;
}

/** A playground with one Web Worker per node; call `dispose()` to end (or hand back) the workers. */
export function createBrowserWorkerPlayground(opts: BrowserWorkerPlaygroundOptions = {}): WorkerPlayground {
  const { pool, ...rest } = opts;
  return createWorkerPlayground({ ...rest, spawn: pool ? () => pool.spawn() : spawnBrowserWorker });
}

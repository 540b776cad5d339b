/**
 * Browser host entry: playgrounds whose nodes run in Web Workers (bundled by Vite from
 * browser-worker.ts). The page's entry picks this; not part of host/index.ts (it needs `Worker`).
 */
import type { ClusterOptions } from './cluster';
import { createWorkerPlayground, type WorkerLike, type WorkerPlayground } from './worker-playground';

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

/** A playground with one Web Worker per node; call `dispose()` to end the workers. */
export function createBrowserWorkerPlayground(opts: ClusterOptions = {}): WorkerPlayground {
  return createWorkerPlayground({ ...opts, spawn: spawnBrowserWorker });
}

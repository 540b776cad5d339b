/**
 * Browser host entry: playgrounds whose nodes run in Web Workers (bundled by Vite from
 * browser-worker.ts into a script of its own, loaded relative to this module). The page's entry
 * picks this; not part of host/index.ts (it needs `Worker`). The single-file builds swap in
 * host/browser-inline.ts, which has the same exports.
 */

import { webWorkerHost, wrapWebWorker } from './web-worker';
import type { WorkerLike } from './worker-playground';

export type { BrowserWorkerPlaygroundOptions } from './web-worker';

/** Start a Web Worker serving one node. */
export function spawnBrowserWorker(): WorkerLike {
  const w = new Worker(new URL('./browser-worker.ts', import.meta.url), { type: 'module', name: 'redis-node' });
  return wrapWebWorker(w, 'the worker script failed to load');
}

export const { createBrowserWorkerPool, createBrowserWorkerPlayground } = webWorkerHost(spawnBrowserWorker);

/// <reference types="vite/client" />
/**
 * Browser host for the single-file builds (dist/redis-playground.js, dist/playground.html): the
 * same exports as host/browser.ts, but each node's Web Worker starts from a Blob URL made from the
 * worker bundle inlined into this module as a string (Vite's `?worker&inline`, built as a classic
 * script: Chromium refuses module workers from Blob URLs on file:// pages), so the file needs
 * nothing beside it — no worker script to copy, no base URL to get right — and works from file://
 * pages. The single-file builds swap this module in for host/browser.ts (build/single-file.ts);
 * the multi-file page keeps the separate, cacheable worker script.
 */
import InlineWorker from './browser-worker.ts?worker&inline';
import { webWorkerHost, wrapWebWorker } from './web-worker';
import type { WorkerLike } from './worker-playground';

export type { BrowserWorkerPlaygroundOptions } from './web-worker';

/** Start a Web Worker serving one node, from the inlined worker bundle. */
export function spawnBrowserWorker(): WorkerLike {
  return wrapWebWorker(new InlineWorker({ name: 'redis-node' }), 'the worker script failed to start');
}

export const { createBrowserWorkerPool, createBrowserWorkerPlayground } = webWorkerHost(spawnBrowserWorker);

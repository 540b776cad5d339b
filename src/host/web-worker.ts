/**
 * What the two browser hosts share: a Web Worker seen as a `WorkerLike`, and the page-level pool
 * and playground constructors built on a way to start one. host/browser.ts starts workers from a
 * script URL (the multi-file page), host/browser-inline.ts from a Blob of an inlined bundle (the
 * single-file widget and page); everything else is the same.
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

/** A started Web Worker as the coordinator sees one. `failure` is the error when it cannot start. */
export function wrapWebWorker(w: Worker, failure: string): WorkerLike {
  return {
    postMessage: (msg, transfer) => w.postMessage(msg, (transfer ?? []) as unknown as Transferable[]),
    onMessage: (fn) => w.addEventListener('message', (ev) => fn(ev.data)),
    onError: (fn) => w.addEventListener('error', (ev) => fn(new Error(ev.message || failure))),
    terminate: () => w.terminate(),
  };
}

export interface BrowserWorkerPlaygroundOptions extends ClusterOptions {
  /** Take workers from this pool (a disposed playground hands them back) instead of fresh ones. */
  pool?: WorkerPool;
}

/** The pool and playground constructors of a browser host that starts workers with `spawn`. */
export function webWorkerHost(spawn: () => WorkerLike) {
  return {
    /** A pool of Web Workers shared by the page's playgrounds (see `createWorkerPool`). */
    createBrowserWorkerPool: (opts: WorkerPoolOptions = {}): WorkerPool => createWorkerPool(spawn, opts),
    /** A playground with one Web Worker per node; call `dispose()` to end (or hand back) the workers. */
    createBrowserWorkerPlayground: (opts: BrowserWorkerPlaygroundOptions = {}): WorkerPlayground => {
      const { pool, ...rest } = opts;
      return createWorkerPlayground({ ...rest, spawn: pool ? () => pool.spawn() : spawn });
    },
  };
}

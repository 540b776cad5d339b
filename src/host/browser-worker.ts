/**
 * Entry of a Web Worker running one node, for Vite:
 * `new Worker(new URL('./browser-worker.ts', import.meta.url), { type: 'module' })` (browser.ts).
 * Serves the protocol on the worker's global scope.
 */
import type { PortLike, ToWorker } from '../links';
import { serveWorker } from './worker-core';

/** The dedicated worker scope, typed without the DOM's Window view of `self`. */
const scope = globalThis as unknown as {
  postMessage(msg: unknown): void;
  addEventListener(type: 'message', fn: (ev: { data: unknown }) => void): void;
};
serveWorker({
  post: (msg) => scope.postMessage(msg),
  onMessage: (fn) => scope.addEventListener('message', (ev) => fn(ev.data as ToWorker<PortLike>)),
});

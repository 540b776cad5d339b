/**
 * Entry of a Node worker thread running one node (booted by node-worker-boot.mjs, which teaches
 * the thread TypeScript): serve the protocol on `parentPort`.
 */
import { parentPort } from 'node:worker_threads';
import type { PortLike, ToWorker } from '../links';
import { serveWorker } from './worker-core';

const port = parentPort;
if (!port) throw new Error('node-worker.ts must run in a worker thread');
serveWorker({
  post: (msg) => port.postMessage(msg),
  onMessage: (fn) => port.on('message', (m: ToWorker<PortLike>) => fn(m)),
});

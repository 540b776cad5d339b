/**
 * Entry of a Node worker thread running one node (booted by node-worker-boot.mjs, which teaches
 * the thread TypeScript): serve the protocol on `parentPort`, lending the worker real sockets for
 * direct mode (the TCP bridge's fast path: the node's clients connect to this thread itself).
 */
import { createServer } from 'node:net';
import { parentPort } from 'node:worker_threads';
import type { PortLike, ToWorker } from '../links';
import { type DirectHost, type DirectSocket, serveWorker } from './worker-core';

const port = parentPort;
if (!port) throw new Error('node-worker.ts must run in a worker thread');

const direct: DirectHost = {
  now: () => Date.now(),
  listen: (host, p, onSocket) =>
    new Promise((resolve, reject) => {
      const server = createServer({ noDelay: true }, (s) => {
        s.on('error', () => {});
        let closed: (() => void) | null = null;
        let gone = false;
        s.on('close', () => {
          gone = true;
          closed?.();
        });
        const sock: DirectSocket = {
          peer: `${s.remoteAddress ?? '127.0.0.1'}:${s.remotePort ?? 0}`,
          write: (b) => {
            s.write(b);
          },
          end: () => {
            s.end(() => s.destroy());
          },
          destroy: () => {
            s.destroy();
          },
          onData: (fn) => {
            s.on('data', fn);
          },
          onClose: (fn) => {
            if (gone) fn();
            else closed = fn;
          },
        };
        onSocket(sock);
      });
      server.once('error', (e) => reject(new Error(`cannot listen on ${host}:${p}: ${e.message}`)));
      server.listen({ host, port: p, exclusive: true }, () => resolve({ close: () => server.close() }));
    }),
};

serveWorker(
  {
    post: (msg) => port.postMessage(msg),
    onMessage: (fn) => port.on('message', (m: ToWorker<PortLike>) => fn(m)),
  },
  direct,
);

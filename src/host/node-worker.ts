/**
 * Entry of a Node worker thread running one node (booted by node-worker-boot.mjs, which teaches
 * the thread TypeScript): serve the protocol on `parentPort`, lending the worker real sockets for
 * direct mode (the TCP bridge's fast path: the node's clients connect to this thread itself).
 */
import { createServer, type Socket } from 'node:net';
import { parentPort } from 'node:worker_threads';
import type { PortLike, ToWorker } from '../links';
import { type DirectHost, type DirectSocket, serveWorker } from './worker-core';

const port = parentPort;
if (!port) throw new Error('node-worker.ts must run in a worker thread');

/**
 * Replies wait for the end of the event-loop turn, as Redis writes its clients' replies in
 * beforeSleep rather than after each command: every client whose request arrived in this turn is
 * answered by one write at the end of it (one `writev` for a client given several pieces), so a
 * busy client such as redis-benchmark wakes once for many replies instead of once per reply —
 * fewer context switches on a loaded machine. The engine reuses its output buffers, so each piece
 * is copied here, into Node's pooled small buffers.
 */
const dirty = new Set<Pending>();
let flushing = false;

interface Pending {
  socket: Socket;
  pieces: Buffer[];
  /** end() was asked for: close once the pieces are out. */
  ending: boolean;
}

function flush(): void {
  flushing = false;
  for (const p of dirty) drain(p);
  dirty.clear();
}

/** Write what `p` holds now (and end it if asked). */
function drain(p: Pending): void {
  const { socket, pieces } = p;
  if (pieces.length === 1) socket.write(pieces[0]);
  else if (pieces.length > 1) {
    socket.cork();
    for (const b of pieces) socket.write(b);
    socket.uncork();
  }
  pieces.length = 0;
  if (p.ending) socket.end(() => socket.destroy());
}

function later(p: Pending): void {
  dirty.add(p);
  if (!flushing) {
    flushing = true;
    setImmediate(flush);
  }
}

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
        const out: Pending = { socket: s, pieces: [], ending: false };
        const sock: DirectSocket = {
          peer: `${s.remoteAddress ?? '127.0.0.1'}:${s.remotePort ?? 0}`,
          write: (b) => {
            if (out.ending) return;
            const copy = Buffer.allocUnsafe(b.length);
            copy.set(b);
            out.pieces.push(copy);
            later(out);
          },
          end: () => {
            out.ending = true;
            later(out);
          },
          destroy: () => {
            // A reset: what was not written yet is dropped with the connection.
            out.pieces.length = 0;
            dirty.delete(out);
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

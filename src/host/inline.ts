/**
 * The worker protocol without threads: `spawnInlineWorker` serves a node on this thread behind a
 * MessageChannel, so the coordinator talks to it exactly as to a real worker (numbered calls,
 * transferred link ports, chunks applied on command). Tests use it to exercise the protocol
 * quickly; a page could use it where Web Workers are unavailable.
 */
import type { NodeSnapshot } from '../engine';
import { type ChannelLike, type FromWorker, listen, newChannel, type PortLike, type ToWorker } from '../links';
import type { ClusterOptions } from './cluster';
import { serveWorker } from './worker-core';
import { createWorkerPlayground, type WorkerLike, type WorkerPlayground } from './worker-playground';

/** A "worker" on this thread. */
export function spawnInlineWorker(channel: () => ChannelLike = newChannel): WorkerLike {
  const { port1, port2 } = channel();
  serveWorker({
    post: (msg) => port2.postMessage(msg),
    onMessage: (fn) => listen(port2, (d) => fn(d as ToWorker<PortLike>)),
  });
  let handler: ((msg: FromWorker<NodeSnapshot>) => void) | null = null;
  listen(port1, (d) => handler?.(d as FromWorker<NodeSnapshot>));
  return {
    postMessage: (msg, transfer) => port1.postMessage(msg, transfer ?? []),
    onMessage: (fn) => {
      handler = fn;
    },
    terminate: () => port1.close(),
  };
}

/** A worker playground whose "workers" share this thread. */
export function createInlineWorkerPlayground(opts: ClusterOptions = {}): WorkerPlayground {
  return createWorkerPlayground({ ...opts, spawn: () => spawnInlineWorker() });
}

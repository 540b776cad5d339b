/**
 * Hosts: what runs engines and links them. `NodeRuntime` runs one node's engine from protocol
 * commands; `Cluster` is the coordinator (time, network, consoles, settle) whose operations any
 * driver runs — the in-process simulator (playground/sim.ts) synchronously, `WorkerPlayground`
 * over one worker per node. Everything here is environment-free; the environment entries are
 * `host/node` (worker_threads), `host/browser` (Web Workers) and `host/inline` (same thread).
 */

export {
  type CloseConsoleOptions,
  Cluster,
  type ClusterEvent,
  type ClusterGen,
  type ClusterOp,
  type ClusterOptions,
  CRON_MS,
  DEFAULT_EPOCH,
  type InFlight,
  type NetworkShape,
  nodeSeed,
  type Payload,
  runAsync,
  runSync,
  type SentCommand,
} from './cluster';
export { createInlineWorkerPlayground, spawnInlineWorker } from './inline';
export { type CallResult, inlineWire, NodeRuntime, type Wire } from './node-runtime';
export { ReplyDecoder } from './reply-decoder';
export { type DirectHost, type DirectSocket, serveWorker, type WorkerEndpoint } from './worker-core';
export {
  createWorkerPlayground,
  createWorkerPool,
  type OutsideNetwork,
  type WorkerLike,
  WorkerPlayground,
  type WorkerPlaygroundOptions,
  type WorkerPool,
  type WorkerPoolOptions,
} from './worker-playground';

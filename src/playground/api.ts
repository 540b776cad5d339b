/**
 * The one API every caller drives a playground through — page, widget, tutorials, the headless
 * runner and tests. It is asynchronous because nodes may live in Web Workers or worker threads;
 * the in-process simulator implements it by resolving at once (`asApi`). The UI sees only this:
 * events, snapshots and replies, never engine objects.
 */

import type { NodeSnapshot, RedisVersion, Reply } from '../engine';
import type { CloseConsoleOptions, InFlight, NetworkShape, SentCommand } from '../host';
import type { Disposer } from '../lib';
import type { Playground, PlaygroundEvent } from './sim';

// The network's shape and bytes in flight are the coordinator's (host/cluster.ts); callers name
// them through this API.
export type { InFlight, NetworkShape };

/** The optional extras, as a simulator may or may not offer them yet. */
interface Extras {
  removeNode?(name: string): void;
  setNetwork?(shape: NetworkShape): void;
  inFlight?(): InFlight[];
}

export interface PlaygroundApi {
  readonly version: RedisVersion;
  /** Node names ("HOST:PORT") in creation order. */
  nodeNames(): string[];
  /** Create a node (stopped). Returns its name. */
  addNode(host: string, port: number, config?: Record<string, string>): string;
  isRunning(name: string): boolean;
  start(name: string): Promise<void>;
  /**
   * Start several stopped nodes in the same instant, their processes booting together (each
   * finds the others running); optional: a caller may start them one by one instead.
   */
  startAll?(names: readonly string[]): Promise<void>;
  /** Crash a node (kill -9). */
  kill(name: string): Promise<void>;
  /** Cut (up=false) or heal the network between two nodes. */
  link(a: string, b: string, up: boolean): Promise<void>;
  /**
   * Send one command from the node's console `con` (1, the default, is its first console; each
   * number is a redis-cli of its own: connection, db, MULTI state, subscriptions); null when the
   * node is not running. A reply the server pushes to a console unasked (a published message, a
   * MONITOR line) comes as a `push` event. A command that
   * blocks (WAIT, DEBUG SLEEP, a write during CLIENT PAUSE) lets simulated time pass until it
   * answers, as a scenario step does.
   */
  exec(name: string, argv: string[], con?: number): Promise<Reply | null>;
  /**
   * Send one command from the node's console without letting time pass for it: resolves once it
   * is sent, with its reply to come — at once, or when advance() has let the time it blocks for
   * pass (what a page running in real time wants). Optional.
   */
  send?(name: string, argv: string[], con?: number): Promise<SentCommand>;
  /** The db the node's console has selected (prompt `127.0.0.1:6379[5]>`). */
  consoleDb(name: string, con?: number): number;
  /** Let simulated time pass. */
  advance(ms: number): Promise<void>;
  /** Let time pass until replication is quiet (bounded). */
  settle(limitMs?: number): Promise<boolean>;
  snapshot(name: string): Promise<NodeSnapshot | null>;
  /** Simulated now (unix ms). */
  now(): number;
  on(fn: (ev: PlaygroundEvent) => void): Disposer;
  dispose(): void;
  /**
   * Optional extras a host may offer; the UI hides what is missing.
   * Remove a node (it is killed first).
   */
  removeNode?(name: string): Promise<void>;
  /** Shape every node-to-node connection: one-way latency and a bandwidth limit (0 = unlimited). */
  setNetwork?(shape: NetworkShape): Promise<void>;
  /** Node-to-node bytes sent but not yet delivered, for drawing them on the links. */
  inFlight?(): InFlight[];
  /**
   * Every node's snapshot at once (null: not running), as of the end of the last completed
   * operation, without waiting for the one under way. A host that keeps the same object while
   * nothing changed (and an unchanged node's snapshot object too) lets a caller skip work.
   */
  snapshots?(): Readonly<Record<string, NodeSnapshot | null>>;
  /**
   * The RDB file a SAVE on the node would write now (null when it is not running), handed back
   * without saving: the node's files, logs and counters stay as they were.
   */
  dumpRdb?(name: string): Promise<Uint8Array | null>;
  /**
   * The node's console connection goes away, as when Ctrl-C ends a waiting redis-cli: the server
   * sees it close, a command waiting for its reply gets null, the next command reconnects.
   */
  closeConsole?(name: string, con?: number, opts?: CloseConsoleOptions): Promise<void>;
}

/** The in-process simulator behind the async API. */
export function asApi(pg: Playground): PlaygroundApi {
  const x = pg as Playground & Extras;
  return {
    version: pg.version,
    nodeNames: () => pg.nodeNames(),
    addNode: (h, p, c) => pg.addNode(h, p, c),
    isRunning: (n) => pg.isRunning(n),
    start: async (n) => pg.start(n),
    startAll: async (names) => pg.startAll(names),
    kill: async (n) => pg.kill(n),
    link: async (a, b, up) => pg.link(a, b, up),
    exec: async (n, argv, con) => pg.exec(n, argv, con),
    send: async (n, argv, con) => pg.send(n, argv, con),
    consoleDb: (n, con) => pg.consoleDb(n, con),
    advance: async (ms) => pg.advance(ms),
    settle: async (limit) => pg.settle(limit),
    snapshot: async (n) => pg.snapshot(n),
    dumpRdb: async (n) => pg.dumpRdb(n),
    closeConsole: async (n, con, opts) => pg.closeConsole(n, con, opts),
    now: () => pg.clock.now(),
    on: (fn) => pg.events.on(fn),
    dispose: () => {},
    removeNode: x.removeNode ? async (n) => x.removeNode!(n) : undefined,
    setNetwork: x.setNetwork ? async (shape) => x.setNetwork!(shape) : undefined,
    inFlight: x.inFlight ? () => x.inFlight!() : undefined,
  };
}

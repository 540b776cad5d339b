/**
 * The deterministic playground: every node's engine in this thread, a virtual clock, and an
 * in-memory network with Redis-over-TCP semantics (connect/refuse, ordered bytes, reset on kill
 * or partition). Events are processed FIFO, so a run is a pure function of the script and the
 * seed. Time moves only through `advance` and `settle`; each node's serverCron fires every 100 ms
 * counted from that process's start, as in redis-server (hz 10).
 *
 * The coordinator is host's `Cluster`; this class answers its ops at once, with one in-process
 * `NodeRuntime` per node, so every method is synchronous. The worker playgrounds run the same
 * coordinator over workers and print the same transcripts. Callers that should not care which
 * (the runner, the page) use the async `PlaygroundApi` (api.ts).
 */

import type { NodeSnapshot, RedisVersion, Reply } from '../engine';
import {
  type CloseConsoleOptions,
  Cluster,
  type ClusterEvent,
  type ClusterGen,
  type ClusterOp,
  type ClusterOptions,
  type InFlight,
  type NetworkShape,
  NodeRuntime,
  type Payload,
  runSync,
  type SentCommand,
} from '../host';
import type { Emitter, SimClock } from '../lib';

/** How a playground is made. */
export type PlaygroundOptions = ClusterOptions;

/** What a playground tells its watchers. */
export type PlaygroundEvent = ClusterEvent;

export { DEFAULT_EPOCH } from '../host';

export class Playground {
  readonly clock: SimClock;
  readonly version: RedisVersion;
  readonly events: Emitter<PlaygroundEvent>;
  private readonly cluster: Cluster;
  private readonly runtimes = new Map<string, NodeRuntime>();

  constructor(opts: PlaygroundOptions = {}) {
    this.cluster = new Cluster(opts);
    this.clock = this.cluster.clock;
    this.version = this.cluster.version;
    this.events = this.cluster.events;
  }

  private run<T>(gen: ClusterGen<T>): T {
    return runSync(gen, (op) => this.answer(op));
  }

  private answer(op: ClusterOp): unknown {
    switch (op.op) {
      case 'call':
        return this.runtimes.get(op.node)!.handle(op.cmd);
      case 'calls':
        return op.calls.map((c) => this.runtimes.get(c.node)!.handleAll(c.cmds));
      case 'snapshot':
        return this.runtimes.get(op.node)!.snapshot();
      case 'console-send':
        return { seq: 0, len: op.bytes.length, bytes: op.bytes } satisfies Payload;
      case 'console-recv':
        return op.payload.bytes;
      case 'console-close':
        return undefined;
    }
  }

  /** Add a node (not started). `name` is "HOST:PORT". */
  addNode(host: string, port: number, config: Record<string, string> = {}): string {
    const name = this.cluster.addNode(host, port, config);
    this.runtimes.set(name, new NodeRuntime());
    return name;
  }

  /** Names of all nodes, in creation order. */
  nodeNames(): string[] {
    return this.cluster.nodeNames();
  }

  isRunning(name: string): boolean {
    return this.cluster.isRunning(name);
  }

  /** Start a node as redis-server would: its config file, its last saved RDB. */
  start(name: string): void {
    this.run(this.cluster.start(name));
  }

  /** Start several stopped nodes in the same instant (see Cluster.startAll). */
  startAll(names: readonly string[]): void {
    this.run(this.cluster.startAll(names));
  }

  /** The process dies at once (kill -9): no save; peers see their connections reset. */
  kill(name: string): void {
    this.run(this.cluster.kill(name));
  }

  /** Cut (down) or heal (up) the network between two nodes. */
  link(a: string, b: string, up: boolean): void {
    this.run(this.cluster.link(a, b, up));
  }

  /** Kill a node (if running) and forget it. */
  removeNode(name: string): void {
    this.run(this.cluster.removeNode(name));
    this.runtimes.delete(name);
  }

  /** Shape every node-to-node connection: one-way latency and a bandwidth limit (0 = unlimited). */
  setNetwork(shape: NetworkShape): void {
    this.cluster.setNetwork(shape);
  }

  /** The current shape (latency 0, bandwidth 0: loopback). */
  network(): NetworkShape {
    return this.cluster.network();
  }

  /** Node-to-node bytes sent but not yet delivered, for drawing them on the links. */
  inFlight(): InFlight[] {
    return this.cluster.inFlight();
  }

  /** Run queued network events until nothing is left (everything that needs no time). */
  drain(): void {
    this.run(this.cluster.drain());
  }

  /**
   * Send one command from the node's console (a redis-cli connection) and return its reply, or
   * null when the node is not running (redis-cli: "Could not connect"). A blocking command (WAIT)
   * lets simulated time pass until its reply arrives.
   */
  exec(name: string, argv: string[], con = 1): Reply | null {
    return this.run(this.cluster.exec(name, argv, con));
  }

  /**
   * Send one console command without letting time pass for it: the reply is there at once, or
   * comes when advance() has let enough time pass (null if the connection goes away first).
   */
  send(name: string, argv: string[], con = 1): SentCommand {
    return this.run(this.cluster.send(name, argv, con));
  }

  /** The db the console has selected (for the prompt `127.0.0.1:6379[5]>`). */
  consoleDb(name: string, con = 1): number {
    return this.cluster.consoleDb(name, con);
  }

  /** Let `ms` of simulated time pass, firing every node's cron ticks in order. */
  advance(ms: number): void {
    this.run(this.cluster.advance(ms));
  }

  /** A snapshot of a running node, or null. */
  snapshot(name: string): NodeSnapshot | null {
    return this.run(this.cluster.snapshot(name));
  }

  /** The console's redis-cli goes away (see Cluster.closeConsole). */
  closeConsole(name: string, con = 1, opts?: CloseConsoleOptions): void {
    this.run(this.cluster.closeConsole(name, con, opts));
  }

  /** The RDB a SAVE would write now, without saving (null when the node is not running). */
  dumpRdb(name: string): Uint8Array | null {
    return this.run(this.cluster.dumpRdb(name));
  }

  /** Whether replication is quiet (see scenario-format: settle). */
  quiet(): boolean {
    return this.run(this.cluster.quiet());
  }

  /** Let time pass until quiet (bounded: 60 s). Returns whether it got quiet. */
  settle(limitMs = 60_000): boolean {
    return this.run(this.cluster.settle(limitMs));
  }
}

/**
 * The deterministic playground: every node's engine in one thread, a virtual clock, and an
 * in-memory network with Redis-over-TCP semantics (connect/refuse, ordered bytes, reset on kill
 * or partition). Events are processed FIFO, so a run is a pure function of the script and the
 * seed. Time moves only through `advance` and `settle`; each node's serverCron fires every 100 ms
 * counted from that process's start, as in redis-server (hz 10).
 *
 * This is the one API every caller drives nodes through: exec a console line, kill, start, cut
 * links, advance time, settle.
 */

import type { RedisVersion } from '../engine';
import { encodeCommand, type FileStore, type Net, type NodeSnapshot, type Reply, Server, snapshot } from '../engine';
import { binFromBytes, bytesFromBin, Emitter, type Rng, randInt, SimClock, seededRng } from '../lib';
import { ReplyDecoder } from './reply-decoder';

/** How a playground is made. */
export interface PlaygroundOptions {
  version?: RedisVersion;
  seed?: number;
  /** Unix ms of simulated time zero (log timestamps). */
  epoch?: number;
}

/** What a playground tells its watchers. */
export type PlaygroundEvent =
  | { type: 'log'; node: string; line: string }
  | { type: 'node'; node: string; running: boolean };

/** One end of a connection, as an engine sees it. */
interface End {
  node: string | null; // null: a console (redis-cli) end
  connId: number;
  peer: End | null;
  open: boolean;
}

interface NodeEntry {
  name: string;
  host: string;
  port: number;
  server: Server | null;
  files: Map<string, Uint8Array>;
  /** The config file: what it started with, plus CONFIG REWRITE. */
  configFile: Record<string, string>;
  nextCron: number;
  /** The console's redis-cli connection (reconnected after a restart). */
  console: End | null;
  consoleReplies: ReplyDecoder;
  consoleDb: number;
}

const CRON_MS = 100;
/** 2 Sep 2024 15:43:00 UTC — the day of the walkthrough this project grew from. */
export const DEFAULT_EPOCH = Date.UTC(2024, 8, 2, 15, 43, 0);

export class Playground {
  readonly clock: SimClock;
  readonly version: RedisVersion;
  readonly events = new Emitter<PlaygroundEvent>();
  private readonly rng: Rng;
  private readonly nodes = new Map<string, NodeEntry>();
  private readonly ends = new Map<number, End>();
  private nextConn = 1;
  private queue: (() => void)[] = [];
  private readonly down = new Set<string>();
  private pid: number;
  private ephemeral: number;

  constructor(opts: PlaygroundOptions = {}) {
    this.version = opts.version ?? '7.0';
    this.clock = new SimClock(opts.epoch ?? DEFAULT_EPOCH);
    this.rng = seededRng(opts.seed ?? 1);
    this.pid = randInt(this.rng, 2000, 9000);
    this.ephemeral = randInt(this.rng, 33000, 59000);
  }

  // ------------------------------------------------------------------ nodes

  /** Add a node (not started). `name` is "HOST:PORT". */
  addNode(host: string, port: number, config: Record<string, string> = {}): string {
    const name = `${host}:${port}`;
    if (this.nodes.has(name)) throw new Error(`node ${name} already exists`);
    this.nodes.set(name, {
      name,
      host,
      port,
      server: null,
      files: new Map(),
      configFile: { ...config },
      nextCron: 0,
      console: null,
      consoleReplies: new ReplyDecoder(),
      consoleDb: 0,
    });
    return name;
  }

  /** Names of all nodes, in creation order. */
  nodeNames(): string[] {
    return [...this.nodes.keys()];
  }

  isRunning(name: string): boolean {
    return this.node(name).server !== null;
  }

  private node(name: string): NodeEntry {
    const n = this.nodes.get(name);
    if (!n) throw new Error(`no node ${name}`);
    return n;
  }

  /** Start a node as redis-server would: its config file, its last saved RDB. */
  start(name: string): void {
    const n = this.node(name);
    if (n.server) return;
    const files: FileStore = {
      read: (f) => n.files.get(f),
      write: (f, data) => n.files.set(f, data),
    };
    const pid = this.pid++;
    n.nextCron = this.clock.now();
    n.console = null;
    n.consoleDb = 0;
    n.server = new Server({
      version: this.version,
      host: n.host,
      port: n.port,
      clock: this.clock,
      rng: this.rng,
      net: this.netFor(n),
      files,
      pid,
      nextPid: () => this.pid++,
      log: (line) => this.events.emit({ type: 'log', node: name, line }),
      emit: (ev) => {
        if (ev.type === 'exit') this.crashed(n);
        else if (ev.type === 'config-rewrite') n.configFile = ev.config;
      },
      config: n.configFile,
    });
    if (n.server?.exited) n.server = null;
    // The first serverCron runs right after start-up (cron loop 0), before anyone can type.
    if (n.server) {
      n.nextCron = this.clock.now() + CRON_MS;
      n.server.cron();
    }
    this.events.emit({ type: 'node', node: name, running: n.server !== null });
    this.drain();
  }

  /** The process dies at once (kill -9): no save; peers see their connections reset. */
  kill(name: string): void {
    const n = this.node(name);
    if (!n.server) return;
    n.server.exited = true;
    this.crashed(n);
    this.drain();
  }

  private crashed(n: NodeEntry): void {
    n.server = null;
    n.console = null;
    for (const e of [...this.ends.values()]) {
      if (e.node === n.name && e.open) this.reset(e);
    }
    this.events.emit({ type: 'node', node: n.name, running: false });
  }

  /** Cut (down) or heal (up) the network between two nodes. */
  link(a: string, b: string, up: boolean): void {
    const key = [a, b].sort().join('|');
    if (up) {
      this.down.delete(key);
      return;
    }
    this.down.add(key);
    for (const e of [...this.ends.values()]) {
      if (e.open && e.peer && ((e.node === a && e.peer.node === b) || (e.node === b && e.peer.node === a))) this.cut(e);
    }
    this.drain();
  }

  private linkDown(a: string, b: string): boolean {
    return this.down.has([a, b].sort().join('|'));
  }

  // ------------------------------------------------------------------ network

  private resolve(host: string, port: number): NodeEntry | undefined {
    const h = host.toLowerCase() === 'localhost' ? '127.0.0.1' : host;
    return this.nodes.get(`${h}:${port}`);
  }

  private netFor(n: NodeEntry): Net {
    return {
      connect: (host, port) => {
        const end: End = { node: n.name, connId: this.nextConn++, peer: null, open: true };
        this.ends.set(end.connId, end);
        this.queue.push(() => this.establish(end, n, host, port));
        return end.connId;
      },
      send: (conn, data) => {
        const end = this.ends.get(conn);
        if (!end?.open || !end.peer) return;
        const peer = end.peer;
        const copy = data.slice();
        this.queue.push(() => this.deliver(peer, copy));
      },
      close: (conn) => {
        const end = this.ends.get(conn);
        if (!end?.open) return;
        end.open = false;
        this.ends.delete(conn);
        const peer = end.peer;
        if (peer) this.queue.push(() => this.closePeer(peer));
      },
    };
  }

  private establish(end: End, from: NodeEntry, host: string, port: number): void {
    if (!end.open || from.server === null) return;
    const target = this.resolve(host, port);
    const srv = from.server;
    if (!target?.server || this.linkDown(from.name, target.name)) {
      end.open = false;
      this.ends.delete(end.connId);
      srv.onConnectFailed(end.connId, 'Connection refused');
      return;
    }
    const local = `${from.host}:${this.ephemeral++}`;
    const other: End = { node: target.name, connId: this.nextConn++, peer: end, open: true };
    end.peer = other;
    this.ends.set(other.connId, other);
    target.server.onAccept(other.connId, local);
    srv.onConnected(end.connId, local);
  }

  private deliver(to: End, data: Uint8Array): void {
    if (!to.open) return;
    if (to.node === null) {
      const n = this.consoleOwner(to);
      n?.consoleReplies.push(binFromBytes(data));
      return;
    }
    this.nodes.get(to.node)?.server?.onData(to.connId, data);
  }

  private closePeer(to: End): void {
    if (!to.open) return;
    to.open = false;
    this.ends.delete(to.connId);
    this.notifyClosed(to);
  }

  /** Tell the owner of an end (already marked closed) that its connection is gone. */
  private notifyClosed(to: End): void {
    if (to.node === null) {
      const n = this.consoleOwner(to);
      if (n) n.console = null;
      return;
    }
    this.nodes.get(to.node)?.server?.onClosed(to.connId);
  }

  /**
   * A partition cuts a live connection: unlike a kill, both processes survive, so both ends are
   * closed at once (nothing in flight is delivered any more) and both owners are told.
   */
  private cut(e: End): void {
    for (const x of e.peer ? [e, e.peer] : [e]) {
      if (!x.open) continue;
      x.open = false;
      this.ends.delete(x.connId);
      this.queue.push(() => this.notifyClosed(x));
    }
  }

  /** Reset a connection whose owner died (kill): only the surviving peer sees it closed. */
  private reset(e: End): void {
    e.open = false;
    this.ends.delete(e.connId);
    const peer = e.peer;
    if (peer?.open) this.queue.push(() => this.closePeer(peer));
  }

  private consoleOwner(e: End): NodeEntry | undefined {
    for (const n of this.nodes.values()) if (n.console === e) return n;
    return undefined;
  }

  /** Run queued network events until nothing is left (everything that needs no time). */
  drain(): void {
    let guard = 0;
    while (this.queue.length) {
      const q = this.queue;
      this.queue = [];
      for (const f of q) f();
      if (++guard > 1_000_000) throw new Error('network never quiet');
    }
  }

  // ------------------------------------------------------------------ consoles

  /**
   * Send one command from the node's console (a redis-cli connection) and return its reply, or
   * null when the node is not running (redis-cli: "Could not connect"). A blocking command (WAIT)
   * lets simulated time pass until its reply arrives.
   */
  exec(name: string, argv: string[]): Reply | null {
    const n = this.node(name);
    if (!n.server) return null;
    if (!n.console?.open) {
      const cli: End = { node: null, connId: this.nextConn++, peer: null, open: true };
      const srvEnd: End = { node: n.name, connId: this.nextConn++, peer: cli, open: true };
      cli.peer = srvEnd;
      this.ends.set(cli.connId, cli);
      this.ends.set(srvEnd.connId, srvEnd);
      n.console = cli;
      n.consoleReplies = new ReplyDecoder();
      n.server.onAccept(srvEnd.connId, `127.0.0.1:${this.ephemeral++}`);
      // redis-cli re-selects the db it was using after a reconnect.
      if (n.consoleDb !== 0) this.sendConsole(n, ['SELECT', String(n.consoleDb)]);
    }
    return this.sendConsole(n, argv);
  }

  private sendConsole(n: NodeEntry, argv: string[]): Reply | null {
    const cli = n.console!;
    const peer = cli.peer!;
    const bytes = bytesFromBin(encodeCommand(argv));
    this.queue.push(() => this.deliver(peer, bytes));
    this.drain();
    let r = n.consoleReplies.next();
    const limit = this.clock.now() + 3_600_000;
    while (r === null && n.server && this.clock.now() < limit) {
      this.advance(CRON_MS);
      r = n.consoleReplies.next();
    }
    if (r && r.t === 'status' && r.s === 'OK' && argv[0].toLowerCase() === 'select') n.consoleDb = Number(argv[1]);
    return r;
  }

  /** The db the console has selected (for the prompt `127.0.0.1:6379[5]>`). */
  consoleDb(name: string): number {
    return this.node(name).consoleDb;
  }

  // ------------------------------------------------------------------ time

  /** Let `ms` of simulated time pass, firing every node's cron ticks in order. */
  advance(ms: number): void {
    const target = this.clock.now() + ms;
    for (;;) {
      let next = Number.POSITIVE_INFINITY;
      for (const n of this.nodes.values()) if (n.server && n.nextCron < next) next = n.nextCron;
      if (next > target) break;
      this.clock.set(next);
      for (const n of this.nodes.values()) {
        if (n.server && n.nextCron === next) {
          n.nextCron += CRON_MS;
          n.server.cron();
          this.drain();
        }
      }
    }
    this.clock.set(target);
  }

  /** A snapshot of a running node, or null. */
  snapshot(name: string): NodeSnapshot | null {
    const s = this.node(name).server;
    return s ? snapshot(s) : null;
  }

  /** Whether replication is quiet (see scenario-format: settle). */
  quiet(): boolean {
    if (this.queue.length) return false;
    const snaps = new Map<string, NodeSnapshot>();
    for (const n of this.nodes.values()) if (n.server) snaps.set(n.name, snapshot(n.server));
    for (const [name, s] of snaps) {
      if (s.childRunning) return false;
      // Every replica whose master runs and is reachable is connected and caught up.
      if (s.role === 'slave') {
        const m = this.resolve(s.masterHost!, s.masterPort);
        if (!m?.server || this.linkDown(name, m.name) || m.name === name) continue;
        const ms = snaps.get(m.name)!;
        if (s.linkState !== 'connected' || s.slaveReplOffset !== ms.masterReplOffset) return false;
      }
      // Every master lists exactly its running, reachable replicas, each online and acked.
      const expected = [...snaps.entries()]
        .filter(([rn, rs]) => {
          if (rs.role !== 'slave' || rn === name) return false;
          const m = this.resolve(rs.masterHost!, rs.masterPort);
          return m?.name === name && !this.linkDown(rn, name);
        })
        .map(([rn]) => this.node(rn).port)
        .sort();
      const listed = s.replicas.map((r) => r.port).sort();
      if (expected.join(',') !== listed.join(',')) return false;
      for (const r of s.replicas) if (r.state !== 'online' || r.ackOffset !== s.masterReplOffset) return false;
    }
    return true;
  }

  /** Let time pass until quiet (bounded: 60 s). Returns whether it got quiet. */
  settle(limitMs = 60_000): boolean {
    this.drain();
    const end = this.clock.now() + limitMs;
    while (!this.quiet()) {
      if (this.clock.now() >= end) return false;
      this.advance(CRON_MS);
    }
    return true;
  }
}

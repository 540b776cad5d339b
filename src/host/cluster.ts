/**
 * The coordinator of a playground: nodes by name, simulated time, an in-memory network with
 * Redis-over-TCP semantics (connect/refuse, ordered bytes, reset on kill or partition), consoles,
 * faults, and the settle quiet-check. Events are processed FIFO, so a run is a pure function of
 * the script and the seed. Each node's serverCron fires every 100 ms counted from that process's
 * start, as in redis-server (hz 10).
 *
 * The coordinator never touches an engine. Every operation is a generator that yields `ClusterOp`s
 * — "call node N with this NodeCommand", "call these nodes at once", "what is N's snapshot",
 * console I/O — and resumes with the answer. A synchronous driver (the simulator,
 * playground/sim.ts, with nodes in the same thread) and an asynchronous one
 * (worker-playground.ts, one worker per node) run the very same generators, which is why a run on
 * workers replays the simulator's order of events exactly.
 *
 * Where calls do not depend on each other the coordinator asks for them together, so that
 * workers run them in parallel, and then applies their effects in its own fixed order: the cron
 * ticks of one instant (each node's tick sees only its own node — what another node's tick sends
 * it arrives after every tick of that instant), and consecutive chunk deliveries in the network
 * queue (one call per node, same outcome as one by one: `deliverRun`).
 *
 * Determinism across hosts: every node process gets its own random source, seeded from (playground
 * seed, node name, start count); node pids and ephemeral ports come from the coordinator's own
 * seeded source, and a forked child's pid is its parent's plus k. Nothing a node does depends on
 * which thread runs it.
 */
import { encodeCommand, type NodeSnapshot, type RedisVersion, type Reply, SOCKET_WAKE_AT } from '../engine';
import { binFromBytes, bytesFromBin, Emitter, type Rng, randInt, SimClock, seededRng } from '../lib';
import type { NodeCommand, NodeEffect } from '../links';
import type { CallResult } from './node-runtime';
import { ReplyDecoder } from './reply-decoder';

/** How a playground is made. */
export interface ClusterOptions {
  version?: RedisVersion;
  seed?: number;
  /** Unix ms of simulated time zero (log timestamps). */
  epoch?: number;
  /**
   * Addresses that name no node are endpoints outside the playground (the TCP bridge): a node's
   * connect to one is handed to the driver (`ext-connect`) instead of being refused.
   */
  external?: boolean;
}

/** What a playground tells its watchers. */
export type ClusterEvent =
  | { type: 'log'; node: string; line: string }
  | { type: 'node'; node: string; running: boolean }
  /**
   * A reply no command on that console waits for: one the server pushed (a SUBSCRIBE's further
   * confirmations, a published message, a MONITOR line). `console` is the console's number (1: the
   * node's first console).
   */
  | { type: 'push'; node: string; console: number; reply: Reply }
  /**
   * The reply to a command `send` left waiting arrived (null: the connection went away first),
   * told at the moment it arrives, in order with every other event.
   */
  | { type: 'reply'; node: string; console: number; reply: Reply | null };

/** A chunk on its way: its number on the link, its length, and the bytes when they travel inline. */
export interface Payload {
  seq: number;
  len: number;
  bytes?: Uint8Array;
}

/** Commands for one node's process, run in order under `NodeRuntime.skips` (links/protocol.ts). */
export interface NodeCalls {
  node: string;
  cmds: NodeCommand[];
}

/** What the coordinator needs from its driver; each op is answered with the value noted. */
export type ClusterOp =
  /** Run a command on a node's process → `CallResult`. */
  | { op: 'call'; node: string; cmd: NodeCommand }
  /**
   * Run commands on several nodes' processes (at most one entry per node; never `accept` or
   * `connected`) → `(CallResult | null)[][]`, per entry and command, null where skipped. The
   * entries do not depend on each other, so a driver may run them at the same time.
   */
  | { op: 'calls'; calls: NodeCalls[] }
  /** The node's current snapshot → `NodeSnapshot | null`. */
  | { op: 'snapshot'; node: string }
  /** Send bytes from the console end of `link` → `Payload`. */
  | { op: 'console-send'; link: number; bytes: Uint8Array }
  /** The bytes of a chunk that reached the console end of `link` → `Uint8Array`. */
  | { op: 'console-recv'; link: number; payload: Payload }
  /** The console end of `link` is closed → nothing. */
  | { op: 'console-close'; link: number }
  /**
   * External endpoints (the TCP bridge; only with `external`): `ext` names the outside end of a
   * connection — a real socket the driver holds. Their bytes travel inline (the node's `accept` /
   * `connected` say `inline`): in `Payload.bytes` both ways. `ext-link`: that end is now
   * connected over `link` → nothing.
   */
  | { op: 'ext-link'; ext: number; link: number }
  /** Send bytes that arrived on the outside socket `ext` → `Payload` (with the bytes). */
  | { op: 'ext-send'; ext: number; bytes: Uint8Array }
  /** A chunk (bytes inline) reached the outside end `ext`: write it to the socket → nothing. */
  | { op: 'ext-recv'; ext: number; payload: Payload }
  /** The playground closed or reset the connection of `ext`: close the socket → nothing. */
  | { op: 'ext-close'; ext: number }
  /**
   * A node connects to an address outside the playground: open a real connection for `ext` and
   * report how it went later (`externalConnected` / `externalRefused`) → nothing.
   */
  | { op: 'ext-connect'; ext: number; host: string; port: number };

/**
 * How every node-to-node connection behaves (consoles are never shaped): one-way latency, and a
 * bandwidth limit that makes a big transfer (a full sync's RDB) take visible time.
 */
export interface NetworkShape {
  latencyMs: number;
  /** Bytes per second each direction of a connection can carry; 0 = unlimited. */
  bytesPerSec: number;
}

/** Bytes on their way between two nodes (only while the network is shaped). */
export interface InFlight {
  from: string;
  to: string;
  bytes: number;
  /**
   * Simulated unix ms: when the segment starts leaving (once what was written before it on this
   * direction has left: until then it waits in the send buffer), and when it arrives.
   */
  sentAt: number;
  deliverAt: number;
}

/**
 * A console command's reply: `value` once it arrived (undefined until then), `later` for whoever
 * waits for it after the command was sent.
 */
interface PendingReply {
  value: Reply | null | undefined;
  later: ((r: Reply | null) => void) | null;
}

/** A coordinator operation: yields ops, returns T. */
export type ClusterGen<T = void> = Generator<ClusterOp, T, unknown>;

/** Run a coordinator operation whose ops are answered synchronously. */
export function runSync<T>(gen: ClusterGen<T>, answer: (op: ClusterOp) => unknown): T {
  let r = gen.next();
  while (!r.done) r = gen.next(answer(r.value));
  return r.value;
}

/** Run a coordinator operation whose ops are answered asynchronously. */
export async function runAsync<T>(gen: ClusterGen<T>, answer: (op: ClusterOp) => unknown): Promise<T> {
  let r = gen.next();
  while (!r.done) r = gen.next(await answer(r.value));
  return r.value;
}

/** One end of a connection, as the coordinator sees it. */
interface End {
  /** Creation order (global): resets and cuts visit ends in this order. */
  id: number;
  /** The owning node, or null for a console (redis-cli) end or an external one. */
  node: string | null;
  /** Whether this end is outside the playground (a real socket; its id names it to the driver). */
  ext: boolean;
  /** The owner's connection id (-1 until the owner has given one). */
  conn: number;
  /** The link (MessageChannel) of an established connection, 0 before. */
  link: number;
  peer: End | null;
  open: boolean;
  /** Shaped network: when this direction's wire is free again, and when its last chunk arrives. */
  txFree: number;
  lastAt: number;
  /**
   * Flow control (engine/net.ts): bytes the owner wrote on this end, how many of them its peer's
   * process has been handed, and whether the owner waits for room (a `want-writable`).
   */
  sent: number;
  read: number;
  wantsWritable: boolean;
}

/**
 * A queued network event: a chunk to deliver to an end (kept as data, so that consecutive
 * deliveries can be handed to their nodes together: see `drain`), or any other step.
 */
type Item = { to: End; p: Payload } | { run: () => ClusterGen };

/** Something the shaped network delivers later: a chunk or a graceful close. */
interface Timed {
  at: number;
  to: End;
  item: Item;
  flight?: InFlight;
}

interface NodeState {
  name: string;
  host: string;
  port: number;
  running: boolean;
  /** How many times the process was started (part of its random seed). */
  starts: number;
  /** Files that survive a restart (dump.rdb). */
  files: Map<string, Uint8Array>;
  /** The config file: what it started with, plus CONFIG REWRITE. */
  configFile: Record<string, string>;
  nextCron: number;
  /** Open ends owned by the node, by its connection id. */
  ends: Map<number, End>;
  /** The node's consoles by number (1, 2, ...): each a redis-cli of its own, made on first use. */
  consoles: Map<number, ConsoleState>;
}

/** One redis-cli connected to a node. */
interface ConsoleState {
  /** Its connection (reconnected after a restart), null while it has none. */
  end: End | null;
  replies: ReplyDecoder;
  /** The db it selected, re-selected when it reconnects. */
  db: number;
  /** Commands sent and not answered yet, oldest first: each takes the next reply. */
  waiters: ((r: Reply | null) => void)[];
}

/** How a console's connection is dropped (Cluster.closeConsole). */
export interface CloseConsoleOptions {
  /** The next connection re-selects the db (default: db 0, a new redis-cli). */
  keepDb?: boolean;
  /** Open the new connection at once, re-selecting the db (Ctrl-C in subscribe mode or MONITOR). */
  reconnect?: boolean;
}

/** A console command sent without waiting: its reply comes when simulated time brings it. */
export interface SentCommand {
  reply: Promise<Reply | null>;
  /** Simulated time the command was written on the console's connection (unset: not running). */
  sentAt?: number;
  /**
   * Simulated time its reply arrived (or the connection went away), set when it does: a session
   * recorder replays a blocking command with the time it took.
   */
  answeredAt?: number;
}

export const CRON_MS = 100;
/** 2 Sep 2024 15:43:00 UTC — the day of the walkthrough this project grew from. */
export const DEFAULT_EPOCH = Date.UTC(2024, 8, 2, 15, 43, 0);

/** A 32-bit seed from a playground seed, a node name and its start count (FNV-1a). */
export function nodeSeed(seed: number, name: string, start: number): number {
  let h = 0x811c9dc5;
  for (const ch of `${seed}/${name}/${start}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export class Cluster {
  readonly clock: SimClock;
  readonly version: RedisVersion;
  readonly seed: number;
  readonly events = new Emitter<ClusterEvent>();
  /** The coordinator's own randomness: pids and ephemeral ports, never a node's. */
  private readonly rng: Rng;
  private readonly nodes = new Map<string, NodeState>();
  /** Open ends, in creation order. */
  private readonly ends = new Map<number, End>();
  private nextEnd = 1;
  private nextLink = 1;
  private queue: Item[] = [];
  private readonly down = new Set<string>();
  private readonly external: boolean;
  /** Other addresses that mean a node (the bridge's listening ports), as "HOST:PORT" → node. */
  private readonly aliases = new Map<string, string>();
  private pid: number;
  private ephemeral: number;
  private shape: NetworkShape = { latencyMs: 0, bytesPerSec: 0 };
  /** The shaped network's pending deliveries, by time (ties in the order sent). Empty when unshaped. */
  private timed: Timed[] = [];
  /**
   * Termination detection: bytes reported sent on any link, and bytes whose delivery has run
   * (applied, or dropped because their connection was reset). Quiet needs the two equal.
   */
  sentBytes = 0;
  settledBytes = 0;

  constructor(opts: ClusterOptions = {}) {
    this.version = opts.version ?? '7.0';
    this.seed = opts.seed ?? 1;
    this.clock = new SimClock(opts.epoch ?? DEFAULT_EPOCH);
    this.external = opts.external ?? false;
    this.rng = seededRng(this.seed);
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
      running: false,
      starts: 0,
      files: new Map(),
      configFile: { ...config },
      nextCron: 0,
      ends: new Map(),
      consoles: new Map(),
    });
    return name;
  }

  /** Names of all nodes, in creation order. */
  nodeNames(): string[] {
    return [...this.nodes.keys()];
  }

  isRunning(name: string): boolean {
    return this.node(name).running;
  }

  /** The db console `con` has selected (for the prompt `127.0.0.1:6379[5]>`). */
  consoleDb(name: string, con = 1): number {
    return this.node(name).consoles.get(con)?.db ?? 0;
  }

  /** Console `con` of a node, made (unconnected, db 0) on first use. */
  private console(n: NodeState, con: number): ConsoleState {
    if (!Number.isInteger(con) || con < 1) throw new Error(`console number must be a whole number from 1, got ${con}`);
    let c = n.consoles.get(con);
    if (!c) {
      c = { end: null, replies: new ReplyDecoder(), db: 0, waiters: [] };
      n.consoles.set(con, c);
    }
    return c;
  }

  /** The files a node keeps across restarts (dump.rdb). */
  files(name: string): ReadonlyMap<string, Uint8Array> {
    return this.node(name).files;
  }

  private node(name: string): NodeState {
    const n = this.nodes.get(name);
    if (!n) throw new Error(`no node ${name}`);
    return n;
  }

  private *call(n: NodeState, cmd: NodeCommand): ClusterGen<CallResult> {
    return (yield { op: 'call', node: n.name, cmd }) as CallResult;
  }

  /** Several nodes' commands at once (see ClusterOp `calls`). */
  private *callAll(calls: NodeCalls[]): ClusterGen<(CallResult | null)[][]> {
    if (calls.length === 0) return [];
    return (yield { op: 'calls', calls }) as (CallResult | null)[][];
  }

  /** Start a node as redis-server would: its config file, its last saved RDB. */
  *start(name: string): ClusterGen {
    if (this.node(name).running) return;
    yield* this.startAll([name]);
  }

  /**
   * Start several stopped nodes in the same instant, their processes booting at once (a page's
   * starting preset): pids and seeds are drawn in the order given, as by `start` one after
   * another, and their start-up effects are applied in that order before the network is drained
   * — so, unlike starting them one by one, each finds the others already running.
   */
  *startAll(names: readonly string[]): ClusterGen {
    const todo = names.map((name) => this.node(name)).filter((n) => !n.running);
    const cmds = todo.map((n) => ({ node: n.name, cmds: [this.startCommand(n)] }));
    const rs = yield* this.callAll(cmds);
    for (const [i, n] of todo.entries()) this.started(n, rs[i][0]);
    yield* this.drain();
  }

  /** A node's process is about to start: its pid and seed, and the `start` command. */
  private startCommand(n: NodeState): NodeCommand {
    const pid = this.pid;
    // The next process starts a little later: leave room for this one's forked children.
    this.pid += randInt(this.rng, 50, 400);
    n.nextCron = this.clock.now();
    // The console keeps its db across the restart: redis-cli re-selects it when it reconnects.
    for (const c of n.consoles.values()) this.consoleGone(c);
    n.running = true;
    return {
      t: 'start',
      now: this.clock.now(),
      spec: {
        name: n.name,
        host: n.host,
        port: n.port,
        version: this.version,
        pid,
        seed: nodeSeed(this.seed, n.name, n.starts++),
        config: { ...n.configFile },
        files: Object.fromEntries(n.files),
      },
    };
  }

  /** A node's `start` returned: apply its effects (it may have exited at once). */
  private started(n: NodeState, r: CallResult | null): void {
    this.apply(n, r?.effects ?? []);
    if (n.running) n.nextCron = this.clock.now() + CRON_MS;
    this.events.emit({ type: 'node', node: n.name, running: n.running });
  }

  /** The process dies at once (kill -9): no save; peers see their connections reset. */
  *kill(name: string): ClusterGen {
    const n = this.node(name);
    if (!n.running) return;
    yield* this.call(n, { t: 'kill' });
    this.crashed(n);
    yield* this.drain();
  }

  /** Kill a node (if running) and forget it. */
  *removeNode(name: string): ClusterGen {
    yield* this.kill(name);
    this.nodes.delete(name);
    for (const k of [...this.down]) if (k.split('|').includes(name)) this.down.delete(k);
  }

  private crashed(n: NodeState): void {
    n.running = false;
    for (const c of n.consoles.values()) this.consoleGone(c);
    for (const e of [...this.ends.values()]) if (e.node === n.name && e.open) this.reset(e);
    n.ends.clear();
    this.events.emit({ type: 'node', node: n.name, running: false });
  }

  /** Cut (down) or heal (up) the network between two nodes. */
  *link(a: string, b: string, up: boolean): ClusterGen {
    const key = [a, b].sort().join('|');
    if (up) {
      this.down.delete(key);
      return;
    }
    this.down.add(key);
    for (const e of [...this.ends.values()]) {
      if (e.open && e.peer && ((e.node === a && e.peer.node === b) || (e.node === b && e.peer.node === a))) this.cut(e);
    }
    yield* this.drain();
  }

  private linkDown(a: string, b: string): boolean {
    return this.down.has([a, b].sort().join('|'));
  }

  /**
   * Shape node-to-node connections from now on. Unshaped (the default: 0 and 0), a chunk arrives
   * within the step that sent it, as on loopback; shaped, it arrives `latencyMs` after its last
   * byte left, each direction sending at most `bytesPerSec`, and time must pass for it to arrive.
   */
  setNetwork(shape: NetworkShape): void {
    this.shape = { latencyMs: Math.max(0, shape.latencyMs), bytesPerSec: Math.max(0, shape.bytesPerSec) };
  }

  network(): NetworkShape {
    return { ...this.shape };
  }

  /** Node-to-node bytes sent but not yet delivered (only while the network is shaped). */
  inFlight(): InFlight[] {
    const out: InFlight[] = [];
    for (const t of this.timed) if (t.flight && t.to.open) out.push({ ...t.flight });
    return out;
  }

  private shaped(from: End, to: End): boolean {
    return from.node !== null && to.node !== null && (this.shape.latencyMs > 0 || this.shape.bytesPerSec > 0);
  }

  /** Schedule a chunk from `from` to `to` on the shaped network. */
  private sendShaped(from: End, to: End, p: Payload): void {
    const now = this.clock.now();
    const start = Math.max(now, from.txFree);
    from.txFree = this.shape.bytesPerSec > 0 ? start + (p.len * 1000) / this.shape.bytesPerSec : start;
    const at = Math.max(Math.ceil(from.txFree + this.shape.latencyMs), from.lastAt);
    from.lastAt = at;
    const flight: InFlight = { from: from.node!, to: to.node!, bytes: p.len, sentAt: start, deliverAt: at };
    this.schedule({ at, to, item: { to, p }, flight });
  }

  private schedule(t: Timed): void {
    let i = this.timed.length;
    while (i > 0 && this.timed[i - 1].at > t.at) i--;
    this.timed.splice(i, 0, t);
  }

  /** Apply what a node did during a call, in order (as if each had happened at once). */
  private apply(n: NodeState, effects: NodeEffect[]): void {
    for (const ef of effects) {
      switch (ef.t) {
        case 'log':
          this.events.emit({ type: 'log', node: n.name, line: ef.line });
          break;
        case 'connect': {
          const end = this.newEnd(n.name, null);
          end.conn = ef.conn;
          n.ends.set(ef.conn, end);
          this.queue.push({ run: () => this.establish(end, n, ef.host, ef.port) });
          break;
        }
        case 'send': {
          const end = n.ends.get(ef.conn);
          if (!end?.open || !end.peer) break;
          const peer = end.peer;
          const p: Payload = { seq: ef.seq, len: ef.len, bytes: ef.bytes };
          this.sentBytes += ef.len;
          end.sent += ef.len;
          if (this.shaped(end, peer)) this.sendShaped(end, peer, p);
          else this.queue.push({ to: peer, p });
          break;
        }
        case 'close': {
          const end = n.ends.get(ef.conn);
          if (!end?.open) break;
          this.forget(end);
          const peer = end.peer;
          if (!peer) break;
          if (this.shaped(end, peer)) {
            // The close travels behind the last chunk, like a FIN.
            const at = Math.max(this.clock.now() + this.shape.latencyMs, end.lastAt);
            this.schedule({ at, to: peer, item: { run: () => this.closePeer(peer) } });
          } else this.queue.push({ run: () => this.closePeer(peer) });
          break;
        }
        case 'want-writable': {
          const end = n.ends.get(ef.conn);
          if (!end?.open) break;
          end.wantsWritable = true;
          // The peer may have read enough since the node last heard of it.
          this.wakeIfWritable(end);
          break;
        }
        case 'unread': {
          // Taken back from what the delivery of this very chunk counts as read (deliverRun).
          const writer = n.ends.get(ef.conn)?.peer;
          if (writer) writer.read -= ef.len;
          break;
        }
        case 'read-later': {
          const writer = n.ends.get(ef.conn)?.peer;
          if (!writer) break;
          writer.read += ef.len;
          if (writer.wantsWritable) this.wakeIfWritable(writer);
          break;
        }
        case 'exit':
          if (n.running) this.crashed(n);
          break;
        case 'config':
          n.configFile = ef.config;
          break;
        case 'file':
          n.files.set(ef.name, ef.bytes);
          break;
      }
    }
  }

  // ------------------------------------------------------------------ network

  private newEnd(node: string | null, peer: End | null): End {
    const e: End = {
      id: this.nextEnd++,
      node,
      ext: false,
      conn: -1,
      link: 0,
      peer,
      open: true,
      txFree: 0,
      lastAt: 0,
      sent: 0,
      read: 0,
      wantsWritable: false,
    };
    this.ends.set(e.id, e);
    return e;
  }

  /** Mark an end closed and drop it from the tables. */
  private forget(e: End): void {
    e.open = false;
    this.ends.delete(e.id);
    if (e.node !== null) {
      const n = this.nodes.get(e.node);
      if (n?.ends.get(e.conn) === e) n.ends.delete(e.conn);
    }
  }

  private resolve(host: string, port: number): NodeState | undefined {
    const h = host.toLowerCase() === 'localhost' ? '127.0.0.1' : host;
    const key = `${h}:${port}`;
    return this.nodes.get(this.aliases.get(key) ?? key);
  }

  /** Let `HOST:PORT` mean node `name` too (the bridge's port for it), so a connect there stays inside. */
  alias(host: string, port: number, name: string): void {
    this.node(name);
    this.aliases.set(`${host}:${port}`, name);
  }

  private *establish(end: End, from: NodeState, host: string, port: number): ClusterGen {
    if (!end.open || !from.running) return;
    const target = this.resolve(host, port);
    if (!target && this.external) {
      const outside = this.newEnd(null, end);
      outside.ext = true;
      end.peer = outside;
      yield { op: 'ext-connect', ext: outside.id, host, port };
      return;
    }
    if (!target?.running || this.linkDown(from.name, target.name)) {
      this.forget(end);
      const r = yield* this.call(from, {
        t: 'connect-failed',
        now: this.clock.now(),
        conn: end.conn,
        reason: 'Connection refused',
      });
      this.apply(from, r.effects);
      return;
    }
    const local = `${from.host}:${this.ephemeral++}`;
    const link = this.nextLink++;
    const other = this.newEnd(target.name, end);
    other.link = link;
    end.peer = other;
    end.link = link;
    const acc = yield* this.call(target, { t: 'accept', now: this.clock.now(), link, peer: local });
    other.conn = acc.conn!;
    target.ends.set(other.conn, other);
    this.apply(target, acc.effects);
    const con = yield* this.call(from, { t: 'connected', now: this.clock.now(), conn: end.conn, link, local });
    this.apply(from, con.effects);
  }

  /**
   * Deliver consecutive queued chunks, exactly as delivering them one by one would: each chunk is
   * applied (or dropped, its end being closed or its node gone) in queue order, and each node's
   * effects are applied before the next chunk is looked at. A node's chunks are handed to it in
   * one call, and all the nodes concerned are called at once: what a node does with a chunk
   * depends only on that node, and applying a node's effects can close only that node's own ends
   * (or end its process) at once — everything else it causes is queued behind this run — which is
   * the very rule (`NodeRuntime.skips`) the node uses to skip what would not have been delivered.
   */
  private *deliverRun(run: { to: End; p: Payload }[]): ClusterGen {
    const byNode = new Map<NodeState, { cmds: NodeCommand[]; at: number[] }>();
    const now = this.clock.now();
    run.forEach(({ to, p }, i) => {
      if (to.node === null || !to.open) return;
      const n = this.nodes.get(to.node);
      if (!n?.running) return;
      let c = byNode.get(n);
      if (!c) byNode.set(n, (c = { cmds: [], at: [] }));
      c.cmds.push({ t: 'data', now, conn: to.conn, seq: p.seq, len: p.len, bytes: p.bytes });
      c.at.push(i);
    });
    const nodes = [...byNode.keys()];
    const answers = yield* this.callAll(nodes.map((n) => ({ node: n.name, cmds: byNode.get(n)!.cmds })));
    /** Each chunk's answer, by its place in the run (undefined: not handed to any node). */
    const results: (CallResult | null | undefined)[] = [];
    nodes.forEach((n, k) => {
      for (const [j, i] of byNode.get(n)!.at.entries()) results[i] = answers[k][j];
    });
    for (let i = 0; i < run.length; i++) {
      const { to, p } = run[i];
      this.settledBytes += p.len;
      if (!to.open) {
        if (results[i]) throw new Error(`coordinator and node ${to.node} disagree on a dropped chunk`);
        continue;
      }
      if (to.ext) {
        yield { op: 'ext-recv', ext: to.id, payload: p };
        continue;
      }
      if (to.node === null) {
        const owner = this.consoleOwner(to);
        if (!owner) continue;
        const bytes = (yield { op: 'console-recv', link: to.link, payload: p }) as Uint8Array;
        owner.c.replies.push(binFromBytes(bytes));
        this.answerConsole(owner.n, owner.num, owner.c);
        continue;
      }
      const n = this.nodes.get(to.node);
      if (!n?.running) {
        if (results[i]) throw new Error(`coordinator and node ${to.node} disagree on a dropped chunk`);
        continue;
      }
      const r = results[i];
      if (!r) throw new Error(`node ${n.name} skipped a chunk the coordinator delivers`);
      this.apply(n, r.effects);
      // The reader took the chunk off its socket: its writer may have room again.
      const from = to.peer;
      if (from !== null) {
        from.read += p.len;
        if (from.wantsWritable) this.wakeIfWritable(from);
      }
    }
  }

  /**
   * A writer waiting for room (`want-writable`) is told once what its peer has not read yet is
   * down to SOCKET_WAKE_AT (engine/net.ts), behind what is already queued.
   */
  private wakeIfWritable(e: End): void {
    if (!e.open || e.sent - e.read > SOCKET_WAKE_AT) return;
    e.wantsWritable = false;
    this.queue.push({ run: () => this.writable(e) });
  }

  private *writable(e: End): ClusterGen {
    if (!e.open || e.node === null) return;
    const n = this.nodes.get(e.node);
    if (!n?.running) return;
    const r = yield* this.call(n, { t: 'writable', now: this.clock.now(), conn: e.conn, read: e.read });
    this.apply(n, r.effects);
  }

  private *closePeer(to: End): ClusterGen {
    if (!to.open) return;
    this.forget(to);
    yield* this.notifyClosed(to);
  }

  /** Tell the owner of an end (already marked closed) that its connection is gone. */
  private *notifyClosed(to: End): ClusterGen {
    if (to.ext) {
      yield { op: 'ext-close', ext: to.id };
      return;
    }
    if (to.node === null) {
      const owner = this.consoleOwner(to);
      if (owner) this.consoleGone(owner.c);
      yield { op: 'console-close', link: to.link };
      return;
    }
    const n = this.nodes.get(to.node);
    if (!n?.running) return;
    const r = yield* this.call(n, { t: 'closed', now: this.clock.now(), conn: to.conn });
    this.apply(n, r.effects);
  }

  /**
   * A partition cuts a live connection: unlike a kill, both processes survive, so both ends are
   * closed at once (nothing in flight is delivered any more) and both owners are told.
   */
  private cut(e: End): void {
    for (const x of e.peer ? [e, e.peer] : [e]) {
      if (!x.open) continue;
      this.forget(x);
      this.queue.push({ run: () => this.notifyClosed(x) });
    }
  }

  /** Reset a connection whose owner died (kill): only the surviving peer sees it closed. */
  private reset(e: End): void {
    this.forget(e);
    const peer = e.peer;
    if (peer?.open) this.queue.push({ run: () => this.closePeer(peer) });
  }

  private consoleOwner(e: End): { n: NodeState; num: number; c: ConsoleState } | undefined {
    for (const n of this.nodes.values()) for (const [num, c] of n.consoles) if (c.end === e) return { n, num, c };
    return undefined;
  }

  /**
   * Run queued network events until nothing is left (everything that needs no time), in FIFO
   * order; what they queue runs after them. Consecutive chunk deliveries run together
   * (`deliverRun`), with the same outcome as one by one.
   */
  *drain(): ClusterGen {
    let guard = 0;
    while (this.queue.length) {
      const q = this.queue;
      this.queue = [];
      for (let i = 0; i < q.length; ) {
        const it = q[i];
        if ('run' in it) {
          yield* it.run();
          i++;
          continue;
        }
        let j = i + 1;
        while (j < q.length && !('run' in q[j])) j++;
        yield* this.deliverRun(q.slice(i, j) as { to: End; p: Payload }[]);
        i = j;
      }
      if (++guard > 1_000_000) throw new Error('network never quiet');
    }
  }

  // ------------------------------------------------------------------ external endpoints

  /**
   * A real client connected to the node's port from outside (the bridge accepted a socket from
   * `peer`, "IP:PORT"): the node accepts a connection whose other end is external. Returns the
   * external end's id, or 0 when the node is not running (the caller refuses the socket).
   */
  *acceptExternal(name: string, peer: string): ClusterGen<number> {
    const n = this.node(name);
    if (!n.running) return 0;
    const outside = this.newEnd(null, null);
    outside.ext = true;
    const srvEnd = this.newEnd(n.name, outside);
    outside.peer = srvEnd;
    const link = this.nextLink++;
    outside.link = link;
    srvEnd.link = link;
    const r = yield* this.call(n, { t: 'accept', now: this.clock.now(), link, peer, inline: true });
    srvEnd.conn = r.conn!;
    n.ends.set(srvEnd.conn, srvEnd);
    yield { op: 'ext-link', ext: outside.id, link };
    this.apply(n, r.effects);
    yield* this.drain();
    return outside.id;
  }

  /**
   * Bytes that arrived on external sockets, in arrival order: each goes to its connection's node
   * end as one chunk, and all are delivered before the network drains (so bytes that arrived
   * together reach their nodes in one call each). Bytes for a connection already closed are
   * dropped, as a reset socket's would be.
   */
  *sendExternal(chunks: readonly { ext: number; bytes: Uint8Array }[]): ClusterGen {
    for (const { ext, bytes } of chunks) {
      const e = this.ends.get(ext);
      if (!e?.ext || !e.open || !e.peer?.open || e.link === 0) continue;
      const p = (yield { op: 'ext-send', ext, bytes }) as Payload;
      this.sentBytes += p.len;
      this.queue.push({ to: e.peer, p });
    }
    yield* this.drain();
  }

  /**
   * Effects a node produced on its own thread between calls (clients it serves directly, see
   * worker-core's direct mode): apply them as if a call had just returned them.
   */
  *applyEffects(name: string, effects: NodeEffect[]): ClusterGen {
    const n = this.nodes.get(name);
    if (!n?.running || effects.length === 0) return;
    this.apply(n, effects);
    yield* this.drain();
  }

  /** The outside closed socket `ext` (or it failed): the node sees its connection closed. */
  *closeExternal(ext: number): ClusterGen {
    const e = this.ends.get(ext);
    if (!e?.ext || !e.open) return;
    this.forget(e);
    const peer = e.peer;
    if (peer?.open) this.queue.push({ run: () => this.closePeer(peer) });
    yield* this.drain();
  }

  /** The real connection a node asked for (`ext-connect`) is established; `local` is its address. */
  *externalConnected(ext: number, local: string): ClusterGen {
    const outside = this.ends.get(ext);
    const end = outside?.peer;
    if (!outside?.ext || !outside.open || !end?.open || end.node === null) return;
    const from = this.nodes.get(end.node);
    if (!from?.running) return;
    const link = this.nextLink++;
    outside.link = link;
    end.link = link;
    yield { op: 'ext-link', ext, link };
    const con = yield* this.call(from, {
      t: 'connected',
      now: this.clock.now(),
      conn: end.conn,
      link,
      local,
      inline: true,
    });
    this.apply(from, con.effects);
    yield* this.drain();
  }

  /** The real connection a node asked for could not be made (`reason`: "Connection refused"). */
  *externalRefused(ext: number, reason: string): ClusterGen {
    const outside = this.ends.get(ext);
    if (!outside?.ext) return;
    this.forget(outside);
    const end = outside.peer;
    if (!end?.open || end.node === null) return;
    const from = this.nodes.get(end.node);
    this.forget(end);
    if (!from?.running) return;
    const r = yield* this.call(from, { t: 'connect-failed', now: this.clock.now(), conn: end.conn, reason });
    this.apply(from, r.effects);
    yield* this.drain();
  }

  // ------------------------------------------------------------------ consoles

  /**
   * Send one command from console `con` of the node (a redis-cli connection; 1 is the node's first
   * console) and return its reply, or null when the node is not running (redis-cli: "Could not
   * connect"). A blocking command (WAIT, DEBUG SLEEP, a write during CLIENT PAUSE) lets simulated
   * time pass until its reply arrives.
   */
  *exec(name: string, argv: string[], con = 1): ClusterGen<Reply | null> {
    const n = this.node(name);
    if (!n.running) return null;
    const reply = yield* this.sendConsole(n, con, argv);
    const limit = this.clock.now() + 3_600_000;
    while (reply.value === undefined && n.running && this.clock.now() < limit) yield* this.advance(CRON_MS);
    return reply.value ?? null;
  }

  /**
   * Send one command from console `con` without letting time pass for it: the reply comes at once
   * when the command answers at once, or later, when whoever moves the clock (the page, the
   * runner) has let enough time pass — or null if the node or its connection goes away first.
   */
  *send(name: string, argv: string[], con = 1): ClusterGen<SentCommand> {
    const n = this.node(name);
    if (!n.running) return { reply: Promise.resolve(null) };
    const reply = yield* this.sendConsole(n, con, argv);
    const sentAt = this.clock.now();
    if (reply.value !== undefined) return { reply: Promise.resolve(reply.value), sentAt, answeredAt: sentAt };
    const sent: SentCommand = { reply: Promise.resolve(null), sentAt };
    sent.reply = new Promise((resolve) => {
      reply.later = (r) => {
        sent.answeredAt = this.clock.now();
        this.events.emit({ type: 'reply', node: name, console: con, reply: r });
        resolve(r);
      };
    });
    return sent;
  }

  /** Open a console's connection; redis-cli re-selects the db it was using after a reconnect. */
  private *openConsole(n: NodeState, con: number, c: ConsoleState): ClusterGen {
    const cli = this.newEnd(null, null);
    const srvEnd = this.newEnd(n.name, cli);
    const link = this.nextLink++;
    cli.link = link;
    srvEnd.link = link;
    cli.peer = srvEnd;
    c.end = cli;
    c.replies = new ReplyDecoder();
    const peer = `127.0.0.1:${this.ephemeral++}`;
    const r = yield* this.call(n, { t: 'accept', now: this.clock.now(), link, peer });
    srvEnd.conn = r.conn!;
    n.ends.set(srvEnd.conn, srvEnd);
    this.apply(n, r.effects);
    if (c.db !== 0) yield* this.exec(n.name, ['SELECT', String(c.db)], con);
  }

  /** Write argv on a console's connection (opened first if need be), queue for its reply. */
  private *sendConsole(n: NodeState, con: number, argv: string[]): ClusterGen<PendingReply> {
    const c = this.console(n, con);
    if (!c.end?.open) yield* this.openConsole(n, con, c);
    const cli = c.end!;
    const reply: PendingReply = {
      value: undefined,
      later: null,
    };
    c.waiters.push((r) => {
      reply.value = r;
      if (r && r.t === 'status' && r.s === 'OK' && argv[0].toLowerCase() === 'select') c.db = Number(argv[1]);
      reply.later?.(r);
    });
    const bytes = bytesFromBin(encodeCommand(argv));
    const p = (yield { op: 'console-send', link: cli.link, bytes }) as Payload;
    this.sentBytes += p.len;
    this.queue.push({ to: cli.peer!, p });
    yield* this.drain();
    return reply;
  }

  /**
   * Console `con`'s redis-cli drops its connection, as on Ctrl-C: the server sees it close, and a
   * command waiting for its reply gets null. By default (redis-cli exited: Ctrl-C while a command
   * waits) the next command opens a new connection on db 0, as a new redis-cli would; `keepDb`
   * makes it re-select the db instead (the scenario format's `ctrl-c`), and `reconnect` opens the
   * new connection at once, re-selecting the db, as redis-cli 7.0 does on Ctrl-C in subscribe mode
   * or MONITOR.
   */
  *closeConsole(name: string, con = 1, opts: CloseConsoleOptions = {}): ClusterGen {
    const n = this.node(name);
    const c = n.consoles.get(con);
    const cli = c?.end;
    if (!c || !cli?.open) return;
    this.forget(cli);
    this.consoleGone(c);
    if (!opts.keepDb && !opts.reconnect) c.db = 0;
    yield { op: 'console-close', link: cli.link };
    const peer = cli.peer;
    if (peer?.open) this.queue.push({ run: () => this.closePeer(peer) });
    yield* this.drain();
    if (opts.reconnect && n.running) {
      yield* this.openConsole(n, con, c);
      yield* this.drain();
    }
  }

  /**
   * Replies that arrived go to the commands waiting for them, oldest first. A reply no command
   * waits for is one the server pushed (the rest of a SUBSCRIBE's confirmations, a published
   * message, a MONITOR line): it is told to the watchers as a `push` event, never taken later as
   * the answer to the next command.
   */
  private answerConsole(n: NodeState, num: number, c: ConsoleState): void {
    for (;;) {
      const r = c.replies.next();
      if (r === null) return;
      const waiter = c.waiters.shift();
      if (waiter !== undefined) waiter(r);
      else this.events.emit({ type: 'push', node: n.name, console: num, reply: r });
    }
  }

  /** A console's connection is gone (closed, reset, or the process died): nothing more comes. */
  private consoleGone(c: ConsoleState): void {
    c.end = null;
    for (const w of c.waiters.splice(0)) w(null);
  }

  // ------------------------------------------------------------------ time

  /**
   * Let `ms` of simulated time pass. At each instant where something is due: the shaped
   * network's arrivals first (drained), then the cron ticks of every node due — all at once, since
   * a tick depends only on its own node — with their effects applied in node order, then the
   * network drained.
   */
  *advance(ms: number): ClusterGen {
    const target = this.clock.now() + ms;
    for (;;) {
      let next = Number.POSITIVE_INFINITY;
      for (const n of this.nodes.values()) if (n.running && n.nextCron < next) next = n.nextCron;
      if (this.timed.length && this.timed[0].at < next) next = this.timed[0].at;
      if (next > target) break;
      this.clock.set(next);
      // The shaped network's arrivals due now come before the cron ticks of the same instant.
      while (this.timed.length && this.timed[0].at <= next) this.queue.push(this.timed.shift()!.item);
      yield* this.drain();
      const due = [...this.nodes.values()].filter((n) => n.running && n.nextCron === next);
      for (const n of due) n.nextCron += CRON_MS;
      const ticks = yield* this.callAll(due.map((n) => ({ node: n.name, cmds: [{ t: 'cron', now: next }] })));
      due.forEach((n, i) => {
        // Applying a tick's effects can end only that node's process, so every node due still runs.
        const r = ticks[i][0];
        if (!r) throw new Error(`node ${n.name} skipped its cron tick`);
        this.apply(n, r.effects);
      });
      yield* this.drain();
    }
    this.clock.set(target);
  }

  /**
   * The RDB a SAVE on the node would write now (null when it is not running), without saving:
   * no file, no log line, nothing in the node changes.
   */
  *dumpRdb(name: string): ClusterGen<Uint8Array | null> {
    const n = this.node(name);
    if (!n.running) return null;
    const r = yield* this.call(n, { t: 'dump', now: this.clock.now() });
    this.apply(n, r.effects);
    return r.rdb ?? null;
  }

  /** A snapshot of a running node, or null. */
  *snapshot(name: string): ClusterGen<NodeSnapshot | null> {
    const n = this.node(name);
    if (!n.running) return null;
    return (yield { op: 'snapshot', node: name }) as NodeSnapshot | null;
  }

  /** Whether replication is quiet (see scenario-format: settle). */
  *quiet(): ClusterGen<boolean> {
    if (this.queue.length || this.sentBytes !== this.settledBytes || this.timed.some((t) => t.to.open)) return false;
    const snaps = new Map<string, NodeSnapshot>();
    for (const n of this.nodes.values()) {
      if (!n.running) continue;
      const s = yield* this.snapshot(n.name);
      if (s) snaps.set(n.name, s);
    }
    for (const [name, s] of snaps) {
      if (s.childRunning) return false;
      // Every replica whose master runs and is reachable is connected and caught up.
      if (s.role === 'slave') {
        const m = this.resolve(s.masterHost!, s.masterPort);
        if (!m?.running || this.linkDown(name, m.name) || m.name === name) continue;
        const ms = snaps.get(m.name)!;
        // Applied everything (slave_repl_offset) and holds it in its own history too.
        if (s.linkState !== 'connected' || s.slaveReplOffset !== ms.masterReplOffset) return false;
        if (s.masterReplOffset !== ms.masterReplOffset) return false;
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
  *settle(limitMs = 60_000): ClusterGen<boolean> {
    yield* this.drain();
    const end = this.clock.now() + limitMs;
    while (!(yield* this.quiet())) {
      if (this.clock.now() >= end) return false;
      yield* this.advance(CRON_MS);
    }
    return true;
  }
}

/**
 * A playground whose nodes each run in their own worker, with the simulator's semantics: the
 * coordinator (cluster.ts) runs here, on the caller's thread, and answers its ops by messaging
 * the workers (links/protocol.ts). Bytes between two nodes flow worker→worker over the
 * MessageChannel handed to both when their connection is established; the console's end of each
 * console link is held here. Each worker has at most one call outstanding; several workers are
 * called at once only where the coordinator asks for independent calls together (`calls`), and it
 * applies their answers in its own order, so log lines, replies and every engine's state come out
 * in the simulator's order. Answers carry a node's snapshot only when it changed.
 *
 * The environment stays outside: the caller injects `spawn` (host/node.ts: a worker thread;
 * host/browser.ts: a Web Worker; inline.ts: same thread) and, optionally, `channel`.
 */
import type { NodeSnapshot, Reply } from '../engine';
import type { Disposer } from '../lib';
import {
  type ChannelLike,
  type FromWorker,
  type NodeCommand,
  type NodeEffect,
  type NodeResult,
  newChannel,
  type PortLike,
  SequencedLink,
  type ToWorker,
} from '../links';
import {
  type CloseConsoleOptions,
  Cluster,
  type ClusterEvent,
  type ClusterGen,
  type ClusterOp,
  type ClusterOptions,
  type InFlight,
  type NetworkShape,
  type Payload,
  runAsync,
  type SentCommand,
} from './cluster';
import type { CallResult } from './node-runtime';

/** A worker as the coordinator uses it: Node's `Worker` and the browser's, adapted. */
export interface WorkerLike {
  postMessage(msg: ToWorker<PortLike>, transfer?: PortLike[]): void;
  /** Install the (single) handler of the worker's messages. */
  onMessage(fn: (msg: FromWorker<NodeSnapshot>) => void): void;
  /** The worker failed or ended on its own. */
  onError?(fn: (err: unknown) => void): void;
  terminate(): void;
}

/**
 * The world outside the playground (the TCP bridge's real sockets), each socket named by the id
 * of its external end (host/cluster.ts: external endpoints). Called in the order things happen
 * on each connection: every `data` before its `close`.
 */
export interface OutsideNetwork {
  /** Bytes a node sent to the socket `ext`: write them. */
  data(ext: number, bytes: Uint8Array): void;
  /** The playground closed or reset the connection: close the socket. */
  close(ext: number): void;
  /**
   * A node connects to an address outside the playground: open a socket and report with
   * `externalConnected(ext, local)` or `externalRefused(ext, reason)`.
   */
  connect(ext: number, host: string, port: number): void;
}

export interface WorkerPlaygroundOptions extends ClusterOptions {
  /** Real sockets: given, addresses that name no node are real outbound connections. */
  outside?: OutsideNetwork;
  /** Make a worker running worker-core's `serveWorker` (one per node). */
  spawn: () => WorkerLike;
  /** Make a MessageChannel (default: the environment's). */
  channel?: () => ChannelLike;
}

/** The coordinator's handle on one node's worker: numbered calls, answered in order. */
class NodeProxy {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (r: (NodeResult | null)[]) => void; reject: (e: Error) => void }
  >();
  /** Calls (not listens) awaiting their result. */
  private calls = 0;
  /** Effects the node reported for its direct clients, not yet handed to the coordinator. */
  private early: NodeEffect[] = [];
  private failure: Error | null = null;
  /** The node's state after the last call (answers carry it only when it changed). */
  snapshot: NodeSnapshot | null = null;

  constructor(
    readonly name: string,
    private readonly worker: WorkerLike,
    /** Told when an answer brought a new snapshot. */
    private readonly onSnapshot: () => void,
    /** Told when direct-mode effects arrived while no call was under way. */
    private readonly onEarly: () => void = () => {},
  ) {
    worker.onMessage((msg) => {
      if (msg.t === 'effects') {
        this.early.push(...msg.effects);
        if (this.calls === 0) this.onEarly();
        return;
      }
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.t === 'result') {
        this.calls--;
        if (msg.snapshot !== undefined) {
          this.snapshot = msg.snapshot;
          this.onSnapshot();
        }
        p.resolve(this.withEarly(msg.results));
      } else if (msg.t === 'listening') {
        if (msg.error) p.reject(new Error(msg.error));
        else p.resolve([]);
      } else if (msg.t === 'error') {
        this.calls--;
        p.reject(new Error(`node ${name}: ${msg.message}`));
      }
    });
    worker.onError?.((err) => this.fail(err instanceof Error ? err : new Error(String(err))));
  }

  /**
   * What the node did for its direct clients happened before this call's commands: it goes first.
   * The first command of a call is always one the coordinator expects run (the commands it may
   * expect skipped come after something of the same node's), so a skipped first command — the
   * process ended for a direct client (SHUTDOWN) — becomes a result holding just those effects.
   */
  private withEarly(results: (NodeResult | null)[]): (NodeResult | null)[] {
    if (this.early.length === 0 || results.length === 0) return results;
    const early = this.takeEarly();
    const first = results[0];
    results[0] = first ? { ...first, effects: [...early, ...first.effects] } : { effects: early };
    return results;
  }

  /** The direct-mode effects not yet applied (emptied). */
  takeEarly(): NodeEffect[] {
    const e = this.early;
    this.early = [];
    return e;
  }

  /** Direct mode: serve the node's clients on host:port from within its worker. */
  listen(host: string, port: number, wallOffset: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: () => resolve(), reject });
      this.worker.postMessage({ t: 'listen', id, host, port, wallOffset });
    });
  }

  call(cmds: NodeCommand[], port?: PortLike): Promise<(NodeResult | null)[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    this.calls++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (port) this.worker.postMessage({ t: 'call', id, cmds, port }, [port]);
      else this.worker.postMessage({ t: 'call', id, cmds });
    });
  }

  private fail(err: Error): void {
    this.failure ??= new Error(`node ${this.name}: worker failed: ${err.message}`);
    for (const p of this.pending.values()) p.reject(this.failure);
    this.pending.clear();
  }

  dispose(): void {
    this.fail(new Error('playground disposed'));
    this.worker.terminate();
  }
}

/** The PlaygroundApi (playground/api.ts) over one worker per node. */
export class WorkerPlayground {
  readonly version;
  private readonly cluster: Cluster;
  private readonly spawn: () => WorkerLike;
  private readonly channel: () => ChannelLike;
  private readonly proxies = new Map<string, NodeProxy>();
  /** Console ends of console links, by link. */
  private readonly consoles = new Map<number, SequencedLink>();
  /** Ports not yet handed over: the connecting side's (until `connected`) or the console's. */
  private readonly spare = new Map<number, PortLike>();
  private busy: Promise<unknown> = Promise.resolve();
  private readonly outside: OutsideNetwork | null;
  /** Bytes from external sockets waiting for the next delivery (one operation takes them all). */
  private inbound: { ext: number; bytes: Uint8Array }[] = [];
  private disposed = false;
  /** Every node's snapshot as of the end of the last operation (see `snapshots`). */
  private published: Record<string, NodeSnapshot | null> = {};
  private snapshotsChanged = false;

  constructor(opts: WorkerPlaygroundOptions) {
    this.outside = opts.outside ?? null;
    this.cluster = new Cluster({ ...opts, external: opts.outside !== undefined });
    this.version = this.cluster.version;
    this.spawn = opts.spawn;
    this.channel = opts.channel ?? newChannel;
  }

  nodeNames(): string[] {
    return this.cluster.nodeNames();
  }

  /** Add a node (stopped); its worker starts booting now. */
  addNode(host: string, port: number, config?: Record<string, string>): string {
    const name = this.cluster.addNode(host, port, config);
    let applying = false;
    const proxy = new NodeProxy(
      name,
      this.spawn(),
      () => {
        this.snapshotsChanged = true;
      },
      () => {
        // Direct clients' effects with no call under way: apply them in an operation of their own
        // (a call made before it runs takes them first).
        if (applying) return;
        applying = true;
        void this.run(() => {
          applying = false;
          return this.cluster.applyEffects(name, proxy.takeEarly());
        }).catch(() => {});
      },
    );
    this.proxies.set(name, proxy);
    this.snapshotsChanged = true;
    return name;
  }

  isRunning(name: string): boolean {
    return this.cluster.isRunning(name);
  }

  consoleDb(name: string, con = 1): number {
    return this.cluster.consoleDb(name, con);
  }

  now(): number {
    return this.cluster.clock.now();
  }

  on(fn: (ev: ClusterEvent) => void): Disposer {
    return this.cluster.events.on(fn);
  }

  start(name: string): Promise<void> {
    return this.run(() => this.cluster.start(name));
  }

  /** Start several stopped nodes in the same instant, their workers booting them together. */
  startAll(names: readonly string[]): Promise<void> {
    return this.run(() => this.cluster.startAll(names));
  }

  kill(name: string): Promise<void> {
    return this.run(() => this.cluster.kill(name));
  }

  link(a: string, b: string, up: boolean): Promise<void> {
    return this.run(() => this.cluster.link(a, b, up));
  }

  exec(name: string, argv: string[], con = 1): Promise<Reply | null> {
    return this.run(() => this.cluster.exec(name, argv, con));
  }

  /** Send a console command without letting time pass for it (see Cluster.send). */
  send(name: string, argv: string[], con = 1): Promise<SentCommand> {
    return this.run(() => this.cluster.send(name, argv, con));
  }

  advance(ms: number): Promise<void> {
    return this.run(() => this.cluster.advance(ms));
  }

  settle(limitMs?: number): Promise<boolean> {
    return this.run(() => this.cluster.settle(limitMs));
  }

  snapshot(name: string): Promise<NodeSnapshot | null> {
    return this.run(() => this.cluster.snapshot(name));
  }

  /** The console's redis-cli goes away (see Cluster.closeConsole). */
  closeConsole(name: string, con = 1, opts?: CloseConsoleOptions): Promise<void> {
    return this.run(() => this.cluster.closeConsole(name, con, opts));
  }

  /** The RDB a SAVE would write now, without saving (see Cluster.dumpRdb). */
  dumpRdb(name: string): Promise<Uint8Array | null> {
    return this.run(() => this.cluster.dumpRdb(name));
  }

  /**
   * Every node's snapshot at once, without waiting for the operation under way: the states as of
   * the end of the last completed operation (so never half-way through one). The object is the
   * same until a snapshot changes, and an unchanged node keeps its snapshot object, so a caller
   * can compare by identity.
   */
  snapshots(): Readonly<Record<string, NodeSnapshot | null>> {
    return this.published;
  }

  /** An operation ended: publish what changed. */
  private publish(): void {
    if (!this.snapshotsChanged) return;
    this.snapshotsChanged = false;
    const next: Record<string, NodeSnapshot | null> = {};
    for (const name of this.cluster.nodeNames()) {
      next[name] = this.cluster.isRunning(name) ? (this.proxies.get(name)?.snapshot ?? null) : null;
    }
    this.published = next;
  }

  /** Kill a node (if running), forget it and end its worker. */
  async removeNode(name: string): Promise<void> {
    this.snapshotsChanged = true;
    await this.run(() => this.cluster.removeNode(name));
    this.proxies.get(name)?.dispose();
    this.proxies.delete(name);
  }

  /** Shape every node-to-node connection (see Cluster.setNetwork). */
  setNetwork(shape: NetworkShape): Promise<void> {
    return this.serial(() => this.cluster.setNetwork(shape));
  }

  /** Node-to-node bytes sent but not yet delivered. */
  inFlight(): InFlight[] {
    return this.cluster.inFlight();
  }

  // ---------------------------------------------------------------- external sockets (the bridge)

  /**
   * Direct mode: node `name`'s worker serves its clients on a real socket at host:port itself
   * whenever the node runs (the fast path of the TCP bridge: no coordinator round trip per
   * command); `wallOffset` is simulated time minus the wall clock. Rejects when the worker cannot
   * listen (an inline worker, a port in use).
   */
  listenDirect(name: string, host: string, port: number, wallOffset: number): Promise<void> {
    return this.proxy(name).listen(host, port, wallOffset);
  }

  /** Let `HOST:PORT` name node `name` too (the bridge's listening port for it). */
  alias(host: string, port: number, name: string): void {
    this.cluster.alias(host, port, name);
  }

  /** A socket from `peer` ("IP:PORT") connected to node `name`: its external id, 0 if the node is down. */
  acceptExternal(name: string, peer: string): Promise<number> {
    return this.run(() => this.cluster.acceptExternal(name, peer));
  }

  /**
   * Bytes arrived on socket `ext`. Deliveries are batched: bytes that arrive while an operation
   * runs are all delivered by the next one, which costs one call per node for any number of
   * clients.
   */
  sendExternal(ext: number, bytes: Uint8Array): void {
    this.inbound.push({ ext, bytes });
    if (this.inbound.length > 1) return;
    void this.run(() => {
      const batch = this.inbound;
      this.inbound = [];
      return this.cluster.sendExternal(batch);
    }).catch(() => {});
  }

  /** Socket `ext` closed from outside. */
  closeExternal(ext: number): Promise<void> {
    return this.run(() => this.cluster.closeExternal(ext));
  }

  /** The outbound socket `ext` (asked for with `connect`) is established; `local` is its "IP:PORT". */
  externalConnected(ext: number, local: string): Promise<void> {
    return this.run(() => this.cluster.externalConnected(ext, local));
  }

  /** The outbound socket `ext` could not connect. */
  externalRefused(ext: number, reason: string): Promise<void> {
    return this.run(() => this.cluster.externalRefused(ext, reason));
  }

  /** Terminate every worker and close the console links. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const p of this.proxies.values()) p.dispose();
    for (const c of this.consoles.values()) c.close();
    for (const p of this.spare.values()) p.close();
    this.consoles.clear();
    this.spare.clear();
  }

  /** Operations run one after another, each to completion (the simulator's step semantics). */
  private serial<T>(fn: () => T | Promise<T>): Promise<T> {
    const p = this.busy.then(() => {
      if (this.disposed) throw new Error('playground disposed');
      return fn();
    });
    this.busy = p.catch(() => {});
    return p;
  }

  private run<T>(op: () => ClusterGen<T>): Promise<T> {
    return this.serial(async () => {
      try {
        return await runAsync(op(), (o) => this.answer(o));
      } finally {
        this.publish();
      }
    });
  }

  private proxy(name: string): NodeProxy {
    const p = this.proxies.get(name);
    if (!p) throw new Error(`no node ${name}`);
    return p;
  }

  private console(link: number): SequencedLink {
    let c = this.consoles.get(link);
    if (!c) {
      const port = this.spare.get(link);
      if (!port) throw new Error(`no console port for link ${link}`);
      this.spare.delete(link);
      c = new SequencedLink(port);
      this.consoles.set(link, c);
    }
    return c;
  }

  private async answer(op: ClusterOp): Promise<unknown> {
    switch (op.op) {
      case 'call': {
        const proxy = this.proxy(op.node);
        let port: PortLike | undefined;
        if ((op.cmd.t === 'accept' || op.cmd.t === 'connected') && op.cmd.inline) {
          // An external socket's connection: its bytes ride in the control messages, no port.
        } else if (op.cmd.t === 'accept') {
          const ch = this.channel();
          this.spare.set(op.cmd.link, ch.port2);
          port = ch.port1;
        } else if (op.cmd.t === 'connected') {
          port = this.spare.get(op.cmd.link);
          this.spare.delete(op.cmd.link);
        }
        const [r] = await proxy.call([op.cmd], port);
        // Skipped only when the process is gone, which the coordinator knows first: nothing happened.
        return (r ?? { effects: [] }) satisfies CallResult;
      }
      case 'calls':
        // One message to each worker, all under way together; answered in the order asked.
        return Promise.all(op.calls.map((c) => this.proxy(c.node).call(c.cmds)));
      case 'snapshot':
        return this.proxy(op.node).snapshot;
      case 'console-send': {
        const seq = this.console(op.link).send(op.bytes);
        return { seq, len: op.bytes.length };
      }
      case 'console-recv':
        return this.console(op.link).take(op.payload.seq);
      case 'console-close':
        this.consoles.get(op.link)?.close();
        this.consoles.delete(op.link);
        this.spare.get(op.link)?.close();
        this.spare.delete(op.link);
        return undefined;
      case 'ext-connect':
        this.outside?.connect(op.ext, op.host, op.port);
        return undefined;
      case 'ext-link':
        // External connections carry their bytes inline: no channel to set up.
        return undefined;
      case 'ext-send':
        return { seq: 0, len: op.bytes.length, bytes: op.bytes } satisfies Payload;
      case 'ext-recv':
        if (op.payload.bytes) this.outside?.data(op.ext, op.payload.bytes);
        return undefined;
      case 'ext-close':
        this.outside?.close(op.ext);
        return undefined;
    }
  }
}

/** A playground with one worker per node, made by `spawn`. */
export function createWorkerPlayground(opts: WorkerPlaygroundOptions): WorkerPlayground {
  return new WorkerPlayground(opts);
}

/**
 * Reuse workers across playgrounds (booting one is the slow part): `spawn` hands out an idle
 * worker or makes one; a playground's `terminate` resets the worker and returns it to the pool.
 */
export interface WorkerPool {
  spawn(): WorkerLike;
  /** Start booting workers now, until `n` are idle (a page does this before it builds its UI). */
  warm(n: number): void;
  /** Terminate every worker, idle or not. */
  close(): void;
}

export interface WorkerPoolOptions {
  /** Idle workers kept for the next playground; one handed back beyond this is terminated. */
  maxIdle?: number;
}

export function createWorkerPool(make: () => WorkerLike, opts: WorkerPoolOptions = {}): WorkerPool {
  const maxIdle = opts.maxIdle ?? Number.POSITIVE_INFINITY;
  /** Who is using a pooled worker now. */
  interface Lease {
    handler: ((msg: FromWorker<NodeSnapshot>) => void) | null;
    errorHandler: ((err: unknown) => void) | null;
  }
  interface Entry {
    worker: WorkerLike;
    /** The lease whose messages are delivered (set once the previous user's reset is done). */
    current: Lease | null;
    resetWaiter: ((id: number) => void) | null;
    /** Resolves when the worker is reset and free. */
    ready: Promise<void>;
  }
  const all: Entry[] = [];
  const idle: Entry[] = [];
  let resets = 0;
  const fresh = (): Entry => {
    const worker = make();
    const e: Entry = { worker, current: null, resetWaiter: null, ready: Promise.resolve() };
    worker.onMessage((m) => {
      if (m.t === 'reset-done') e.resetWaiter?.(m.id);
      else e.current?.handler?.(m);
    });
    worker.onError?.((err) => e.current?.errorHandler?.(err));
    all.push(e);
    return e;
  };
  return {
    spawn() {
      const e = idle.shift() ?? fresh();
      const lease: Lease = { handler: null, errorHandler: null };
      let released = false;
      let queued: { msg: ToWorker<PortLike>; transfer?: PortLike[] }[] | null = [];
      // A new user's messages wait for the previous user's reset, so no stale answer reaches it.
      void e.ready.then(() => {
        if (released) return;
        e.current = lease;
        for (const q of queued!) e.worker.postMessage(q.msg, q.transfer);
        queued = null;
      });
      return {
        postMessage(msg, transfer) {
          if (released) return;
          if (queued) queued.push({ msg, transfer });
          else e.worker.postMessage(msg, transfer);
        },
        onMessage(fn) {
          lease.handler = fn;
        },
        onError(fn) {
          lease.errorHandler = fn;
        },
        terminate() {
          if (released) return;
          released = true;
          if (e.current === lease) e.current = null;
          if (idle.length >= maxIdle) {
            e.worker.terminate();
            all.splice(all.indexOf(e), 1);
            return;
          }
          const id = ++resets;
          e.ready = e.ready.then(
            () =>
              new Promise<void>((resolve) => {
                e.resetWaiter = (rid) => {
                  if (rid !== id) return;
                  e.resetWaiter = null;
                  resolve();
                };
                e.worker.postMessage({ t: 'reset', id });
              }),
          );
          idle.push(e);
        },
      };
    },
    warm(n) {
      while (idle.length < n) idle.push(fresh());
    },
    close() {
      for (const e of all) e.worker.terminate();
      all.length = 0;
      idle.length = 0;
    },
  };
}

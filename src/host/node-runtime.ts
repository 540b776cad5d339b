/**
 * One node's process as a host runs it, environment-free: a `Server` with its clock, seeded random
 * source, pids, connection ids and files, driven by `NodeCommand`s and answering with the
 * `NodeEffect`s the engine produced (links/protocol.ts). The in-process simulator calls it
 * directly; a worker (worker-core.ts) calls it for each control message. Where a connection's bytes
 * go is the `Wire`'s business: inline they ride in the effect, in a worker they are posted on the
 * connection's MessagePort.
 */
import { type Net, type NodeSnapshot, type RedisVersion, Server, snapshot, snapshotRdb } from '../engine';
import { SimClock, seededRng } from '../lib';
import type { NodeCommand, NodeEffect, StartSpec } from '../links';

/** Where a node's connection bytes travel. */
export interface Wire {
  /** Connection `conn` is now established over link `link`. */
  attach(conn: number, link: number): void;
  /** The engine wrote bytes on `conn`: post them (returns the chunk's seq), or carry them inline. */
  send(conn: number, bytes: Uint8Array): { seq: number; bytes?: Uint8Array };
  /** The coordinator closed `conn` at this end (the other end is closed too): release the link. */
  detach(conn: number): void;
  /** The process died: stop listening on every link without closing them (peers may still read). */
  reset(): void;
  /** The engine closed `conn` (optional: a wire that owns real sockets closes them). */
  close?(conn: number): void;
}

/** The wire of a node that shares the coordinator's thread: bytes ride in the `send` effect. */
export const inlineWire: Wire = {
  attach() {},
  send: (_conn, bytes) => ({ seq: 0, bytes: bytes.slice() }),
  detach() {},
  reset() {},
};

/** What one call produced. */
export interface CallResult {
  /** For `accept`: the new connection's id. */
  conn?: number;
  /** For `dump`: the RDB a SAVE would write now. */
  rdb?: Uint8Array;
  effects: NodeEffect[];
}

export class NodeRuntime {
  private server: Server | null = null;
  /** The process's clock, set to the coordinator's `now` before every call (never backwards). */
  private clock = new SimClock(0);
  private nextConn = 1;
  private effects: NodeEffect[] = [];
  private files = new Map<string, Uint8Array>();
  /** Connections closed during the current call (see `skips`). */
  private closedInCall = new Set<number>();

  constructor(private readonly wire: Wire = inlineWire) {}

  get running(): boolean {
    return this.server !== null;
  }

  /**
   * Run a call's commands in order (links/protocol.ts): each as `handle` would, except those the
   * coordinator would not have delivered after applying what came before (`skips`): null.
   */
  handleAll(cmds: readonly NodeCommand[]): (CallResult | null)[] {
    this.beginCall();
    return cmds.map((c) => (this.skips(c) ? null : this.handle(c)));
  }

  /** A call begins: `skips` looks only at what happens from now on. */
  beginCall(): void {
    this.closedInCall.clear();
  }

  /**
   * Whether the coordinator, had it sent this call's commands one by one and applied each one's
   * effects before the next, would not deliver `cmd`: the process has exited, or `cmd` is data
   * or a close for a connection that this call already closed (the engine closed it, or the
   * coordinator reported it closed). Both hosts run a call's commands through this rule.
   */
  skips(cmd: NodeCommand): boolean {
    if (cmd.t === 'start' || cmd.t === 'kill') return false;
    if (!this.server) return true;
    return (cmd.t === 'data' || cmd.t === 'closed' || cmd.t === 'writable') && this.closedInCall.has(cmd.conn);
  }

  /** Run one command; the effects come back in the order the engine produced them. */
  handle(cmd: NodeCommand): CallResult {
    this.effects = [];
    // A new process gets a new clock: a reused worker may have run a later playground's time.
    if (cmd.t === 'start' && !this.server) this.clock = new SimClock(cmd.now);
    else if (cmd.t !== 'kill') this.clock.set(cmd.now);
    let conn: number | undefined;
    let rdb: Uint8Array | undefined;
    const s = this.server;
    switch (cmd.t) {
      case 'start':
        this.start(cmd.spec);
        break;
      case 'accept':
        if (s) {
          conn = this.nextConn++;
          this.wire.attach(conn, cmd.link);
          s.onAccept(conn, cmd.peer);
        }
        break;
      case 'connected':
        if (s) {
          this.wire.attach(cmd.conn, cmd.link);
          s.onConnected(cmd.conn, cmd.local);
        }
        break;
      case 'connect-failed':
        s?.onConnectFailed(cmd.conn, cmd.reason);
        break;
      case 'data':
        if (cmd.bytes) s?.onData(cmd.conn, cmd.bytes);
        break;
      case 'closed':
        this.closedInCall.add(cmd.conn);
        s?.onClosed(cmd.conn);
        this.wire.detach(cmd.conn);
        break;
      case 'cron':
        s?.cron();
        break;
      case 'writable':
        s?.onWritable(cmd.conn, cmd.read);
        break;
      case 'kill':
        this.kill();
        break;
      case 'dump':
        if (s) rdb = snapshotRdb(s);
        break;
    }
    // The process exited during the call (SHUTDOWN): it is gone, as after a kill.
    if (this.server?.exited) this.kill();
    const effects = this.effects;
    this.effects = [];
    return rdb ? { conn, rdb, effects } : { conn, effects };
  }

  /** The node's replication picture, or null when it is not running. */
  snapshot(): NodeSnapshot | null {
    return this.server ? snapshot(this.server) : null;
  }

  private readonly net: Net = {
    connect: (host, port) => {
      const conn = this.nextConn++;
      this.effects.push({ t: 'connect', conn, host, port });
      return conn;
    },
    send: (conn, data) => {
      const { seq, bytes } = this.wire.send(conn, data);
      this.effects.push({ t: 'send', conn, seq, len: data.length, bytes });
    },
    close: (conn) => {
      this.closedInCall.add(conn);
      this.wire.close?.(conn);
      this.effects.push({ t: 'close', conn });
    },
    wantWritable: (conn) => {
      this.effects.push({ t: 'want-writable', conn });
    },
    unread: (conn, len) => {
      this.effects.push({ t: 'unread', conn, len });
    },
    readLater: (conn, len) => {
      this.effects.push({ t: 'read-later', conn, len });
    },
  };

  private start(spec: StartSpec): void {
    if (this.server) return;
    this.wire.reset();
    this.files = new Map(Object.entries(spec.files));
    this.nextConn = 1;
    const pid = spec.pid;
    let children = 0;
    const server = new Server({
      version: spec.version as RedisVersion,
      host: spec.host,
      port: spec.port,
      clock: this.clock,
      rng: seededRng(spec.seed),
      net: this.net,
      files: {
        read: (name) => this.files.get(name),
        write: (name, bytes) => {
          this.files.set(name, bytes);
          this.effects.push({ t: 'file', name, bytes });
        },
      },
      pid,
      // A forked child's pid follows its parent's, as on a quiet machine.
      nextPid: () => pid + ++children,
      log: (line) => this.effects.push({ t: 'log', line }),
      emit: (ev) => {
        if (ev.type === 'exit') this.effects.push({ t: 'exit', code: ev.code });
        else this.effects.push({ t: 'config', config: ev.config });
      },
      config: spec.config,
    });
    if (server.exited) return;
    this.server = server;
    // The first serverCron runs right after start-up (cron loop 0), before anyone can type.
    server.cron();
  }

  private kill(): void {
    if (this.server) this.server.exited = true;
    this.server = null;
    this.wire.reset();
  }
}

/**
 * The TCP bridge: puts a worker playground's nodes on loopback. Each node gets a real listening
 * socket (node P on P + offset). By default the node's own worker listens and serves its clients
 * (direct mode, host/worker-core.ts: no trip through this thread per command). Otherwise (relay
 * mode, or a worker that cannot listen) this thread listens, and every socket it accepts becomes a
 * connection the node accepts whose other end is external (host/cluster.ts). Either way, every
 * connect a node makes to an address that names no playground node becomes a real outbound socket
 * here. The bridge is the playground's `OutsideNetwork`: the playground hands it the bytes nodes
 * send to sockets, the closes, and the connects; the bridge hands back what arrives, as it arrives.
 *
 * A stopped node's listener is closed (connects are refused, as by a dead redis-server) and
 * reopened when the node starts again.
 */
import { createServer, connect as netConnect, type Server, type Socket } from 'node:net';
import type { OutsideNetwork, WorkerPlayground } from '../host';

export interface BridgeOptions {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Node P listens on P + portOffset. */
  portOffset: number;
  /**
   * Whether each node's worker serves its clients itself (the fast path, default) rather than
   * this thread relaying their bytes through the coordinator. Outbound connections always go
   * through the coordinator.
   */
  direct?: boolean;
}

/** One listening node. */
interface Listener {
  name: string;
  port: number;
  server: Server | null;
  /** Served by the node's worker itself. */
  direct: boolean;
}

/** Node error codes → the words Redis logs for them (strerror). */
const REASONS: Record<string, string> = {
  ECONNREFUSED: 'Connection refused',
  ETIMEDOUT: 'Connection timed out',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  ENOTFOUND: 'Name or service not known',
  EAI_AGAIN: 'Temporary failure in name resolution',
  ECONNRESET: 'Connection reset by peer',
};

export function reasonOf(err: unknown): string {
  const code = (err as { code?: string }).code ?? '';
  return REASONS[code] ?? (err instanceof Error ? err.message : String(err));
}

export class TcpBridge implements OutsideNetwork {
  readonly host: string;
  readonly portOffset: number;
  readonly direct: boolean;
  /** Simulated time minus the wall clock, for direct mode (set by `listen`'s caller). */
  wallOffset = 0;
  private pg: WorkerPlayground | null = null;
  private readonly sockets = new Map<number, Socket>();
  /** Outbound sockets still connecting, by external id. */
  private readonly connecting = new Map<number, Socket>();
  private readonly listeners = new Map<string, Listener>();
  /** Every socket ever opened and not yet closed (closed at shutdown). */
  private readonly live = new Set<Socket>();
  private closed = false;

  constructor(opts: BridgeOptions) {
    this.host = opts.host ?? '127.0.0.1';
    this.portOffset = opts.portOffset;
    this.direct = opts.direct ?? true;
  }

  /** The playground this bridge serves (made with `outside: bridge`). */
  attach(pg: WorkerPlayground): void {
    this.pg = pg;
    pg.on((ev) => {
      if (ev.type !== 'node' || this.closed) return;
      const l = this.listeners.get(ev.node);
      // A direct listener opens and closes with its node inside the worker.
      if (!l || l.direct) return;
      if (ev.running) void this.open(l).catch(() => {});
      else this.shut(l);
    });
  }

  private get playground(): WorkerPlayground {
    if (!this.pg) throw new Error('bridge not attached to a playground');
    return this.pg;
  }

  /**
   * Put node `name` (listening on its port P as "HOST:P") on `host`:P+offset. Resolves once the
   * socket listens (or at once if the node is stopped: it listens when it starts). The bridge
   * address also names the node inside the playground, so `REPLICAOF 127.0.0.1 P+offset` typed
   * into a node stays on the playground's own links.
   */
  async listen(name: string): Promise<number> {
    const p = Number(name.slice(name.lastIndexOf(':') + 1));
    const port = p + this.portOffset;
    if (port < 1 || port > 65535) throw new Error(`port ${p} + offset ${this.portOffset} is out of range`);
    const l: Listener = { name, port, server: null, direct: false };
    this.listeners.set(name, l);
    if (this.portOffset !== 0) {
      this.playground.alias(this.host, port, name);
      if (this.host === '127.0.0.1') this.playground.alias('localhost', port, name);
    }
    if (this.direct) {
      try {
        await this.playground.listenDirect(name, this.host, port, this.wallOffset);
        l.direct = true;
        return port;
      } catch (e) {
        // A worker without sockets (inline) is relayed from this thread; anything else is fatal.
        if (!/cannot listen on sockets/.test((e as Error).message)) throw e;
      }
    }
    if (this.playground.isRunning(name)) await this.open(l);
    return port;
  }

  /** Where each node listens: node name → port. */
  ports(): Map<string, number> {
    return new Map([...this.listeners.values()].map((l) => [l.name, l.port]));
  }

  private open(l: Listener): Promise<void> {
    if (l.server || this.closed) return Promise.resolve();
    const server = createServer({ noDelay: true }, (s) => this.accepted(l, s));
    l.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', (e) => {
        if (l.server === server) l.server = null;
        reject(new Error(`cannot listen on ${this.host}:${l.port} for ${l.name}: ${(e as Error).message}`));
      });
      server.listen({ host: this.host, port: l.port, exclusive: true }, () => resolve());
    });
  }

  private shut(l: Listener): void {
    l.server?.close();
    l.server = null;
  }

  /** A client connected to a node's port. */
  private accepted(l: Listener, s: Socket): void {
    this.live.add(s);
    s.setNoDelay(true);
    const early: Buffer[] = [];
    let ext = 0;
    let gone = false;
    s.on('data', (b: Buffer) => {
      if (ext) this.playground.sendExternal(ext, b);
      else early.push(b);
    });
    s.on('error', () => {});
    s.on('close', () => {
      gone = true;
      this.live.delete(s);
      if (ext) {
        this.sockets.delete(ext);
        void this.playground.closeExternal(ext).catch(() => {});
      }
    });
    const peer = `${s.remoteAddress ?? '127.0.0.1'}:${s.remotePort ?? 0}`;
    this.playground.acceptExternal(l.name, peer).then(
      (id) => {
        if (!id) {
          s.destroy();
          return;
        }
        ext = id;
        if (gone) {
          void this.playground.closeExternal(id).catch(() => {});
          return;
        }
        this.sockets.set(id, s);
        for (const b of early) this.playground.sendExternal(id, b);
        early.length = 0;
      },
      () => s.destroy(),
    );
  }

  // ---------------------------------------------------------------- OutsideNetwork

  data(ext: number, bytes: Uint8Array): void {
    this.sockets.get(ext)?.write(bytes);
  }

  close(ext: number): void {
    const pending = this.connecting.get(ext);
    if (pending) {
      this.connecting.delete(ext);
      pending.destroy();
      return;
    }
    const s = this.sockets.get(ext);
    if (!s) return;
    this.sockets.delete(ext);
    // As a process closing its fd: what was written still goes out, then FIN.
    s.end(() => s.destroy());
  }

  connect(ext: number, host: string, port: number): void {
    if (this.closed) {
      void this.playground.externalRefused(ext, 'Connection refused').catch(() => {});
      return;
    }
    const s = netConnect({ host, port, noDelay: true });
    this.live.add(s);
    this.connecting.set(ext, s);
    const early: Buffer[] = [];
    let up = false;
    s.on('data', (b: Buffer) => {
      if (up) this.playground.sendExternal(ext, b);
      else early.push(b);
    });
    s.once('connect', () => {
      if (this.connecting.get(ext) !== s) return;
      this.connecting.delete(ext);
      this.sockets.set(ext, s);
      const local = `${s.localAddress ?? '127.0.0.1'}:${s.localPort ?? 0}`;
      void this.playground.externalConnected(ext, local).then(() => {
        up = true;
        for (const b of early) this.playground.sendExternal(ext, b);
        early.length = 0;
      });
    });
    s.on('error', (e) => {
      if (this.connecting.get(ext) === s) {
        this.connecting.delete(ext);
        void this.playground.externalRefused(ext, reasonOf(e)).catch(() => {});
      }
    });
    s.on('close', () => {
      this.live.delete(s);
      if (this.sockets.get(ext) === s) {
        this.sockets.delete(ext);
        void this.playground.closeExternal(ext).catch(() => {});
      }
    });
  }

  /** Stop listening and drop every socket (the playground itself is the caller's to dispose). */
  async shutdown(): Promise<void> {
    this.closed = true;
    const waits: Promise<void>[] = [];
    for (const l of this.listeners.values()) {
      const srv = l.server;
      l.server = null;
      if (srv) waits.push(new Promise((r) => srv.close(() => r())));
    }
    for (const s of this.live) s.destroy();
    this.live.clear();
    this.sockets.clear();
    this.connecting.clear();
    await Promise.all(waits);
  }
}

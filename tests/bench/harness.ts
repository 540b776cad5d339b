/**
 * A minimal in-memory host for benchmarks: engines (Server) on one virtual clock, connected by an
 * in-memory FIFO network with the same delivery model as the playground's simulator (every send is
 * queued and delivered in order when the network drains), plus "bench clients": connections whose
 * far end is this harness instead of an engine, so a benchmark can push pipelined RESP straight
 * into a server's onData and count the reply bytes that come back.
 *
 * No timers: time moves only through `tick`, which fires each server's cron every 100 ms of
 * simulated time, as the playground does.
 */

import { type ConnId, type FileStore, type Net, Server } from '../../src/engine';
import { SimClock, seededRng } from '../../src/lib';
import { DEFAULT_EPOCH } from '../../src/playground';

const CRON_MS = 100;

interface End {
  id: ConnId;
  /** The server owning this end, or null for a bench client end. */
  owner: Node | null;
  peer: End | null;
  open: boolean;
  /** Bench client ends: reply bytes received. */
  received: number;
  /** Bench client ends: the last chunk received (for spot checks). */
  last: Uint8Array | null;
}

interface Ev {
  kind: 'deliver' | 'establish' | 'close';
  end: End;
  data: Uint8Array | null;
  from: Node | null;
  host: string;
  port: number;
}

interface Node {
  host: string;
  port: number;
  server: Server;
  nextCron: number;
}

export class Harness {
  readonly clock = new SimClock(DEFAULT_EPOCH);
  private readonly rng = seededRng(42);
  private readonly nodes = new Map<string, Node>();
  private readonly ends = new Map<ConnId, End>();
  private nextConn = 1;
  private nextPid = 1000;
  private ephemeral = 40000;
  /** Queued network events (plain records, no closures: this is the hot loop of the benchmark). */
  private queue: Ev[] = [];
  /** Log lines are dropped (set `logSink` to watch them). */
  logSink: ((node: string, line: string) => void) | null = null;

  /** Start a server at 127.0.0.1:port with the given config directives. */
  addServer(port: number, config: Record<string, string> = {}): Server {
    const name = `127.0.0.1:${port}`;
    const files = new Map<string, Uint8Array>();
    const store: FileStore = { read: (f) => files.get(f), write: (f, d) => void files.set(f, d) };
    const node = { host: '127.0.0.1', port, nextCron: 0 } as Node;
    node.server = new Server({
      version: '7.0',
      host: '127.0.0.1',
      port,
      clock: this.clock,
      rng: this.rng,
      net: this.netFor(node),
      files: store,
      pid: this.nextPid++,
      nextPid: () => this.nextPid++,
      log: (line) => this.logSink?.(name, line),
      config: { save: '', appendonly: 'no', ...config },
    });
    this.nodes.set(name, node);
    node.nextCron = this.clock.now() + CRON_MS;
    node.server.cron();
    this.drain();
    return node.server;
  }

  private netFor(node: Node): Net {
    return {
      connect: (host, port) => {
        const end = this.newEnd(node);
        this.queue.push({ kind: 'establish', end, data: null, from: node, host, port });
        return end.id;
      },
      send: (conn, data) => {
        const end = this.ends.get(conn);
        if (!end?.open || !end.peer) return;
        this.queue.push({ kind: 'deliver', end: end.peer, data, from: null, host: '', port: 0 });
      },
      close: (conn) => {
        const end = this.ends.get(conn);
        if (!end?.open) return;
        end.open = false;
        this.ends.delete(conn);
        if (end.peer) this.queue.push({ kind: 'close', end: end.peer, data: null, from: null, host: '', port: 0 });
      },
    };
  }

  private newEnd(owner: Node | null): End {
    const end: End = { id: this.nextConn++, owner, peer: null, open: true, received: 0, last: null };
    this.ends.set(end.id, end);
    return end;
  }

  private establish(end: End, from: Node, host: string, port: number): void {
    const target = this.nodes.get(`${host === 'localhost' ? '127.0.0.1' : host}:${port}`);
    if (!end.open) return;
    if (!target) {
      end.open = false;
      this.ends.delete(end.id);
      from.server.onConnectFailed(end.id, 'Connection refused');
      return;
    }
    const local = `${from.host}:${this.ephemeral++}`;
    const other = this.newEnd(target);
    other.peer = end;
    end.peer = other;
    target.server.onAccept(other.id, local);
    from.server.onConnected(end.id, local);
  }

  private deliver(to: End, data: Uint8Array): void {
    if (!to.open) return;
    if (to.owner === null) {
      to.received += data.length;
      to.last = data;
      return;
    }
    to.owner.server.onData(to.id, data);
  }

  /** Run queued network events until the network is quiet. */
  drain(): void {
    while (this.queue.length) {
      const q = this.queue;
      this.queue = [];
      for (const ev of q) {
        if (ev.kind === 'deliver') this.deliver(ev.end, ev.data!);
        else if (ev.kind === 'establish') this.establish(ev.end, ev.from!, ev.host, ev.port);
        else if (ev.end.open) {
          ev.end.open = false;
          this.ends.delete(ev.end.id);
          ev.end.owner?.server.onClosed(ev.end.id);
        }
      }
    }
  }

  /** Shut a server down (its connections close, its peers are told) and forget it. */
  removeServer(srv: Server): void {
    srv.exit(0);
    this.drain();
    for (const [name, n] of this.nodes) if (n.server === srv) this.nodes.delete(name);
  }

  /** Open a client connection to a server; returns its handle. */
  connect(srv: Server): BenchClient {
    const node = [...this.nodes.values()].find((n) => n.server === srv)!;
    const cli = this.newEnd(null);
    const srvEnd = this.newEnd(node);
    cli.peer = srvEnd;
    srvEnd.peer = cli;
    srv.onAccept(srvEnd.id, `127.0.0.1:${this.ephemeral++}`);
    return new BenchClient(this, cli, srvEnd, srv);
  }

  /** Let `ms` of simulated time pass, firing crons every 100 ms (and draining the network). */
  tick(ms: number): void {
    const target = this.clock.now() + ms;
    for (;;) {
      let next = Number.POSITIVE_INFINITY;
      for (const n of this.nodes.values()) if (!n.server.exited && n.nextCron < next) next = n.nextCron;
      if (next > target) break;
      this.clock.set(next);
      for (const n of this.nodes.values()) {
        if (!n.server.exited && n.nextCron === next) {
          n.nextCron += CRON_MS;
          n.server.cron();
          this.drain();
        }
      }
    }
    this.clock.set(target);
  }
}

/** A bench client: pushes raw RESP into a server and counts what comes back. */
export class BenchClient {
  constructor(
    private readonly h: Harness,
    private readonly end: End,
    private readonly srvEnd: End,
    private readonly srv: Server,
  ) {}

  /** Reply bytes received so far. */
  get received(): number {
    return this.end.received;
  }
  /** The last reply chunk, as a byte string. */
  get lastReply(): string {
    const b = this.end.last;
    return b ? String.fromCharCode(...b.subarray(Math.max(0, b.length - 200))) : '';
  }

  /** Deliver bytes to the server as one read (one onData event), then drain the network. */
  send(bytes: Uint8Array): void {
    this.srv.onData(this.srvEnd.id, bytes);
    this.h.drain();
  }
}

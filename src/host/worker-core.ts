/**
 * The worker side of the protocol (links/protocol.ts), environment-free: one `NodeRuntime`, the
 * node's link ports, and a strictly ordered loop over control messages. Node's worker thread
 * (node-worker.ts), the browser's Web Worker (browser-worker.ts) and the same-thread stand-in
 * (inline.ts) only adapt their global message endpoint and call `serveWorker`.
 *
 * A `data` command names a chunk by number; the chunk itself arrives on the connection's own
 * port, perhaps after the call, so the loop waits for it before running the engine. Calls are
 * answered in the order they came; a call's commands run in order under `NodeRuntime.skips`, and
 * its answer carries the node's snapshot only when that changed since the previous answer.
 */
import type { NodeSnapshot } from '../engine';
import {
  type FromWorker,
  type NodeCommand,
  type NodeEffect,
  type NodeResult,
  type PortLike,
  SequencedLink,
  type ToWorker,
} from '../links';
import { NodeRuntime, type Wire } from './node-runtime';

/** A real client socket a worker serves itself (direct mode: see `listen` in links/protocol.ts). */
export interface DirectSocket {
  /** The client's address, "IP:PORT". */
  readonly peer: string;
  /** Send `bytes`, which are the caller's only during the call (the engine reuses its buffers). */
  write(bytes: Uint8Array): void;
  /** Close once what was written has gone out. */
  end(): void;
  destroy(): void;
  onData(fn: (bytes: Uint8Array) => void): void;
  /** Called once, when the socket is gone (closed by either side, or failed). */
  onClose(fn: () => void): void;
}

/** What an environment that has real sockets (Node's worker threads) lends a worker for direct mode. */
export interface DirectHost {
  /** Listen on host:port; `onSocket` for each client. Rejects with the reason it cannot. */
  listen(host: string, port: number, onSocket: (s: DirectSocket) => void): Promise<{ close(): void }>;
  /** The wall clock, unix ms. */
  now(): number;
}

/** A worker's control endpoint (`parentPort`, `self`, or one end of a MessageChannel). */
export interface WorkerEndpoint {
  post(msg: FromWorker<NodeSnapshot>): void;
  onMessage(fn: (msg: ToWorker<PortLike>) => void): void;
}

/**
 * Serve one node's engine on a control endpoint until the environment ends the worker. With
 * `direct`, the worker can also serve the node's clients on a real socket itself (`listen`): their
 * bytes never cross the control channel, and what the node does for them besides answering them
 * (log lines, writes propagated to its replicas, files) is reported as `effects` messages, in order
 * with the call results.
 */
export function serveWorker(ep: WorkerEndpoint, direct?: DirectHost): void {
  /** Ports handed over with `accept`/`connected`, by link, until the runtime attaches them. */
  const ports = new Map<number, PortLike>();
  /** The node's established connections. */
  const links = new Map<number, SequencedLink>();
  /** Connections whose bytes ride in the control messages (`inline` accept/connected), and their links. */
  const inline = new Set<number>();
  const inlineLinks = new Set<number>();
  /** Direct mode: the open client sockets by connection id, and every direct connection id of this process. */
  const directs = new Map<number, DirectSocket>();
  const directIds = new Set<number>();
  /** The socket being accepted: `attach` gives it its connection id. */
  let accepting: DirectSocket | null = null;
  const wire: Wire = {
    attach(conn, link) {
      if (accepting) {
        directs.set(conn, accepting);
        directIds.add(conn);
        accepting = null;
        return;
      }
      if (inlineLinks.delete(link)) {
        inline.add(conn);
        return;
      }
      const port = ports.get(link);
      if (!port) return;
      ports.delete(link);
      links.set(conn, new SequencedLink(port));
    },
    send(conn, bytes) {
      const d = directs.get(conn);
      if (d) {
        d.write(bytes);
        return { seq: 0 };
      }
      if (inline.has(conn)) return { seq: 0, bytes: bytes.slice() };
      const l = links.get(conn);
      // A connection not yet established has no port; the coordinator drops such a send too.
      return { seq: l ? l.send(bytes) : 0 };
    },
    close(conn) {
      directs.get(conn)?.end();
      directs.delete(conn);
    },
    detach(conn) {
      directs.get(conn)?.destroy();
      directs.delete(conn);
      inline.delete(conn);
      links.get(conn)?.close();
      links.delete(conn);
    },
    reset() {
      for (const l of links.values()) l.abandon();
      links.clear();
      ports.clear();
      inline.clear();
      inlineLinks.clear();
      for (const d of directs.values()) d.destroy();
      directs.clear();
      directIds.clear();
    },
  };
  const runtime = new NodeRuntime(wire);
  /** The snapshot last sent, as JSON: a result carries the snapshot only when it changed. */
  let sentSnapshot = 'null';

  /** Control messages and direct clients' events, one at a time, in arrival order. */
  let chain: Promise<void> = Promise.resolve();
  /** Tasks queued on `chain` and not finished. */
  let queued = 0;
  /**
   * Run a task after every task queued before it: at once when nothing is queued (a direct
   * client's command then costs no promise hop), else at the end of the chain. One that fails (an
   * engine bug) must not stop the queue, or every later call would wait forever: it is dropped.
   */
  const enqueue = (fn: () => Promise<void> | undefined | void): void => {
    if (queued === 0) {
      let r: Promise<void> | undefined | void;
      try {
        r = fn();
      } catch {
        return;
      }
      if (!(r instanceof Promise)) return;
      queued++;
      chain = r.catch(() => {}).finally(() => queued--);
      return;
    }
    queued++;
    chain = chain
      .then(fn)
      .catch(() => {})
      .finally(() => queued--);
  };

  // ---------------------------------------------------------------- direct mode
  let listenAt: { host: string; port: number; wallOffset: number } | null = null;
  let listener: { close(): void } | null = null;
  /** Simulated now for direct clients: the wall clock + offset (the runtime never goes backwards). */
  const directNow = () => (direct ? direct.now() : 0) + (listenAt?.wallOffset ?? 0);

  /** Tell the coordinator what a direct client's event did, besides that client's own bytes. */
  const report = (effects: NodeEffect[]): void => {
    if (effects.length === 0) return;
    const rest = effects.filter((e) => !((e.t === 'send' || e.t === 'close') && directIds.has(e.conn)));
    if (rest.length) ep.post({ t: 'effects', effects: rest });
  };

  /** Run a direct client's event now; report what it did besides the client's own bytes. */
  const directEvent = (cmd: NodeCommand): undefined => {
    if (!runtime.running) return;
    runtime.beginCall();
    const { effects } = runtime.handle(cmd);
    report(effects);
    // The process may have ended (SHUTDOWN): its port closes with it.
    if (!runtime.running && listener) {
      listener.close();
      listener = null;
    }
  };

  const accepted = (s: DirectSocket): void => {
    enqueue(() => {
      if (!runtime.running) {
        s.destroy();
        return;
      }
      accepting = s;
      runtime.beginCall();
      const r = runtime.handle({ t: 'accept', now: directNow(), link: 0, peer: s.peer });
      accepting = null;
      const conn = r.conn;
      if (conn === undefined) {
        s.destroy();
        return;
      }
      report(r.effects);
      s.onData((bytes) =>
        enqueue(() =>
          directs.get(conn) === s
            ? directEvent({ t: 'data', now: directNow(), conn, seq: 0, len: bytes.length, bytes })
            : undefined,
        ),
      );
      s.onClose(() =>
        enqueue(() => (directs.get(conn) === s ? directEvent({ t: 'closed', now: directNow(), conn }) : undefined)),
      );
    });
  };

  /** Listen while the node runs, not while it is stopped (its port refuses, as a dead server's). */
  const syncListener = async (): Promise<void> => {
    if (!direct || !listenAt) return;
    if (runtime.running && !listener) listener = await direct.listen(listenAt.host, listenAt.port, accepted);
    else if (!runtime.running && listener) {
      listener.close();
      listener = null;
    }
  };

  const handle = async (msg: ToWorker<PortLike>): Promise<void> => {
    try {
      if (msg.t === 'listen') {
        if (!direct) {
          ep.post({ t: 'listening', id: msg.id, error: 'this worker cannot listen on sockets' });
          return;
        }
        listener?.close();
        listener = null;
        listenAt = { host: msg.host, port: msg.port, wallOffset: msg.wallOffset };
        try {
          await syncListener();
          ep.post({ t: 'listening', id: msg.id });
        } catch (e) {
          listenAt = null;
          ep.post({ t: 'listening', id: msg.id, error: e instanceof Error ? e.message : String(e) });
        }
        return;
      }
      if (msg.t === 'reset') {
        listener?.close();
        listener = null;
        listenAt = null;
        runtime.handle({ t: 'kill' });
        // The next user of this worker starts from "not running".
        sentSnapshot = 'null';
        ep.post({ t: 'reset-done', id: msg.id });
        return;
      }
      const results: (NodeResult | null)[] = [];
      runtime.beginCall();
      for (let cmd of msg.cmds) {
        if (runtime.skips(cmd)) {
          results.push(null);
          continue;
        }
        if (msg.port && (cmd.t === 'accept' || cmd.t === 'connected')) ports.set(cmd.link, msg.port);
        if ((cmd.t === 'accept' || cmd.t === 'connected') && cmd.inline) inlineLinks.add(cmd.link);
        if (cmd.t === 'data' && !cmd.bytes) {
          const l = links.get(cmd.conn);
          if (!l) throw new Error(`data for unknown connection ${cmd.conn}`);
          cmd = { ...cmd, bytes: await l.take(cmd.seq) };
        }
        const r = runtime.handle(cmd);
        const res: NodeResult = r.conn === undefined ? { effects: r.effects } : { conn: r.conn, effects: r.effects };
        if (r.rdb) res.rdb = r.rdb;
        results.push(res);
      }
      await syncListener().catch(() => {});
      const snap = runtime.snapshot();
      const json = JSON.stringify(snap);
      if (json === sentSnapshot) ep.post({ t: 'result', id: msg.id, results });
      else {
        sentSnapshot = json;
        ep.post({ t: 'result', id: msg.id, results, snapshot: snap });
      }
    } catch (e) {
      ep.post({ t: 'error', id: msg.id, message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  };

  ep.onMessage((msg) => {
    enqueue(() => handle(msg));
  });
}

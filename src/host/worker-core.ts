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
import { type FromWorker, type NodeResult, type PortLike, SequencedLink, type ToWorker } from '../links';
import { NodeRuntime, type Wire } from './node-runtime';

/** A worker's control endpoint (`parentPort`, `self`, or one end of a MessageChannel). */
export interface WorkerEndpoint {
  post(msg: FromWorker<NodeSnapshot>): void;
  onMessage(fn: (msg: ToWorker<PortLike>) => void): void;
}

/** Serve one node's engine on a control endpoint until the environment ends the worker. */
export function serveWorker(ep: WorkerEndpoint): void {
  /** Ports handed over with `accept`/`connected`, by link, until the runtime attaches them. */
  const ports = new Map<number, PortLike>();
  /** The node's established connections. */
  const links = new Map<number, SequencedLink>();
  const wire: Wire = {
    attach(conn, link) {
      const port = ports.get(link);
      if (!port) return;
      ports.delete(link);
      links.set(conn, new SequencedLink(port));
    },
    send(conn, bytes) {
      const l = links.get(conn);
      // A connection not yet established has no port; the coordinator drops such a send too.
      return { seq: l ? l.send(bytes) : 0 };
    },
    detach(conn) {
      links.get(conn)?.close();
      links.delete(conn);
    },
    reset() {
      for (const l of links.values()) l.abandon();
      links.clear();
      ports.clear();
    },
  };
  const runtime = new NodeRuntime(wire);
  /** The snapshot last sent, as JSON: a result carries the snapshot only when it changed. */
  let sentSnapshot = 'null';

  const handle = async (msg: ToWorker<PortLike>): Promise<void> => {
    try {
      if (msg.t === 'reset') {
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

  let chain: Promise<void> = Promise.resolve();
  ep.onMessage((msg) => {
    chain = chain.then(() => handle(msg));
  });
}

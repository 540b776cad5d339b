/**
 * The message protocol between a coordinator (the page, or the headless runner's main thread) and
 * the workers that each run one node's engine, and between workers. The same types serve Node's
 * worker_threads and the browser's Web Workers.
 *
 * Three kinds of channel:
 *
 * - **control** (coordinator ↔ worker: `Worker.postMessage` / `parentPort` / `self`): the
 *   coordinator sends `ToWorker` calls — each a list of `NodeCommand`s stamped with simulated
 *   `now`, so the worker's clock is set exactly — and the worker answers every call, in order,
 *   with a `FromWorker` result: for each command the `NodeEffect`s the engine produced (log lines,
 *   connects, sends, closes, exit, files written, config rewritten), and the node's snapshot when
 *   it differs from the one the worker sent last. A call's commands are run one after another as
 *   if the coordinator had sent them one by one, applying each one's effects before the next:
 *   a command it would then not have delivered — any command once the process has exited, data or
 *   a close for a connection the process itself closed earlier in the call — is skipped and
 *   answered with null (`NodeRuntime.skips`). One call is outstanding per worker at a time; the
 *   coordinator calls several workers at once only where their commands do not depend on each
 *   other (host/cluster.ts), and applies the answers in its own order.
 * - **link** (worker ↔ worker, one MessageChannel per TCP-like connection): created by the
 *   coordinator when a connection is established and handed to the two workers inside the
 *   `accept` and `connected` calls (the ports are transferred). The bytes flow worker→worker as
 *   numbered `LinkChunk`s; the coordinator sees only `(conn, seq, len)` in the sender's `send`
 *   effect and later tells the receiver `data {conn, seq}` ("apply chunk seq"). The receiver
 *   buffers chunks until told.
 * - **console** (coordinator ↔ worker): a link like the others whose client end the coordinator
 *   (the page's console) holds itself: commands go straight to the worker, replies come straight
 *   back, in the same numbered chunks.
 *
 * Quiet is decided by the coordinator: every reported send is either applied or dropped (its
 * connection was reset) before it lets time pass, and every worker answers each call when idle.
 * Link ports are closed only by the worker that is told `closed` for its end (by then both ends
 * are closed, and chunks already posted are still delivered).
 */

/** One chunk of bytes on a link port. `seq` counts from 1 per direction. */
export interface LinkChunk {
  seq: number;
  bytes: Uint8Array;
}

/** Everything a worker needs to start a node's process (`start`). */
export interface StartSpec {
  /** "HOST:PORT". */
  name: string;
  host: string;
  port: number;
  /** Redis dialect: '4.0' or '7.0'. */
  version: string;
  /** This process's pid (children get pid + 1, pid + 2, …). */
  pid: number;
  /** Seed of this process's random source (derived by the coordinator from its own seed, the node and the start count). */
  seed: number;
  /** The config file: what the node started with plus CONFIG REWRITE. */
  config: Record<string, string>;
  /** The node's files (dump.rdb) as the coordinator keeps them across restarts. */
  files: Record<string, Uint8Array>;
}

/**
 * What the coordinator asks a node to do. `now` (unix ms of simulated time) sets the node's clock
 * before the call. `conn` is the node's own connection id (it allocates them); `link` names the
 * MessageChannel of an established connection.
 */
export type NodeCommand =
  /** Start the process: run its start-up and the first serverCron. */
  | { t: 'start'; now: number; spec: StartSpec }
  /**
   * A connection arrived on the node's port; the result's `conn` is its new id. `inline`: no port
   * comes with it — the other end is on the coordinator's thread (a real socket of the TCP bridge),
   * so the connection's bytes ride in the control messages both ways (`data` and `send` carry them).
   */
  | { t: 'accept'; now: number; link: number; peer: string; inline?: boolean }
  /** An outgoing connection (`connect` effect) is established over `link` (`inline`: as for accept). */
  | { t: 'connected'; now: number; conn: number; link: number; local: string; inline?: boolean }
  /** An outgoing connection was refused. */
  | { t: 'connect-failed'; now: number; conn: number; reason: string }
  /** Apply chunk `seq` of the connection (bytes inline when coordinator and node share a thread). */
  | { t: 'data'; now: number; conn: number; seq: number; len: number; bytes?: Uint8Array }
  /** The other end closed, or the network reset the connection. */
  | { t: 'closed'; now: number; conn: number }
  /** One serverCron tick at `now`. */
  | { t: 'cron'; now: number }
  /**
   * After a `want-writable`: the peer of `conn` has read `read` bytes in all of what this node
   * wrote on it, and the socket has room again.
   */
  | { t: 'writable'; now: number; conn: number; read: number }
  /** The process dies at once (kill -9): nothing is saved, nothing more is sent. */
  | { t: 'kill' }
  /** The RDB a SAVE would write now, handed back in the result's `rdb` (the node is left as it was). */
  | { t: 'dump'; now: number };

/** What a node did during a call, in the order it happened. */
export type NodeEffect =
  | { t: 'log'; line: string }
  /** The engine opened an outgoing connection (id `conn`) to host:port. */
  | { t: 'connect'; conn: number; host: string; port: number }
  /** The engine wrote `len` bytes on `conn`: chunk `seq` of its link (bytes inline in one thread). */
  | { t: 'send'; conn: number; seq: number; len: number; bytes?: Uint8Array }
  /** The engine closed `conn` (what it sent before is still delivered). */
  | { t: 'close'; conn: number }
  /** The engine filled `conn`'s socket and waits for a `writable` (flow control, engine/net.ts). */
  | { t: 'want-writable'; conn: number }
  /** The chunk just delivered on `conn` (`len` bytes) stays unread: the process is asleep. */
  | { t: 'unread'; conn: number; len: number }
  /** The process woke and read `len` bytes of `conn` it had left unread. */
  | { t: 'read-later'; conn: number; len: number }
  /** The process exited (SHUTDOWN, fatal start-up error). */
  | { t: 'exit'; code: number }
  /** CONFIG REWRITE wrote the config file. */
  | { t: 'config'; config: Record<string, string> }
  /** The engine wrote a file (SAVE, BGSAVE, a replica's received RDB). */
  | { t: 'file'; name: string; bytes: Uint8Array };

/** What one command did. */
export interface NodeResult {
  /** For `accept`: the id the node gave the new connection. */
  conn?: number;
  /** For `dump`: the RDB bytes (absent when the process is not running). */
  rdb?: Uint8Array;
  effects: NodeEffect[];
}

/**
 * Control messages, coordinator → worker: commands run in order. A `port` travels (transferred)
 * with a call made of one `accept` or one `connected`.
 */
export type ToWorker<P = unknown> =
  | { t: 'call'; id: number; cmds: NodeCommand[]; port?: P }
  /** Forget everything (the worker is being reused for another playground); answered by `reset-done`. */
  | { t: 'reset'; id: number }
  /**
   * Direct mode (the TCP bridge): serve the node's clients on a real socket at host:port from
   * within the worker, whenever the node runs (now, and after every start); the worker's clock
   * for what those clients do is the wall clock + `wallOffset`. Answered by `listening`.
   */
  | { t: 'listen'; id: number; host: string; port: number; wallOffset: number };

/**
 * Control messages, worker → coordinator. A result holds one entry per command (null: skipped),
 * and `snapshot` — the node's state after the call, null when it is not running — only when it
 * changed since the worker's previous result (a fresh or reset worker's last one counts as null).
 * `S` is the snapshot type (the engine's `NodeSnapshot`).
 */
export type FromWorker<S = unknown> =
  | { t: 'result'; id: number; results: (NodeResult | null)[]; snapshot?: S | null }
  | { t: 'reset-done'; id: number }
  /** The `listen` is done (`error`: why it could not be). */
  | { t: 'listening'; id: number; error?: string }
  /**
   * What a node did for its direct clients (see `listen`) between calls, in order: everything but
   * the bytes of those clients' own connections. Comes before the result of any later call.
   */
  | { t: 'effects'; effects: NodeEffect[] }
  | { t: 'error'; id: number; message: string };

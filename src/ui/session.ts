/**
 * The session ties one PlaygroundApi to the store: it creates the preset's nodes, turns
 * playground events into store updates (log lines batched per frame, node up/down), polls
 * snapshots and in-flight bytes, moves simulated time by wall-clock time × speed on every
 * animation frame, and offers the actions every control calls (kill, start, shutdown, cut,
 * isolate, shape, add/remove, step) and a scenario run in the page needs (ensureNodes, advance,
 * settle). It holds a playground to MAX_NODES nodes, and tells listeners of every reply a console
 * receives (the widget's `redis-reply` event). The UI never talks to nodes any other way.
 *
 * Every action and every line typed is written to the session log (`recorder`), stamped with the
 * simulated instant it took effect: actions wait for the time step under way to end, and hold
 * time still while they run, so that instant is exact and Share / Export replay it faithfully.
 */
import { FIRST_PORT, MAX_NODES, PLAYGROUND_HOST, type PresetPlan } from '../content';
import type { PlaygroundApi, RedisVersion, Reply } from '../playground';
import { type LogEntry, SessionRecorder } from './share/recorder';
import type { AppStore } from './store';
import { linkKey } from './store';

/** How the page makes a playground: main.ts decides (in-page simulator or Web Workers). */
export type PlaygroundFactory = (opts: { version: RedisVersion; seed?: number }) => PlaygroundApi;

/** A console command seen by `onCommand`: when sent (reply null) and when answered. */
export interface CommandEvent {
  readonly node: string;
  readonly argv: readonly string[];
  readonly phase: 'sent' | 'reply';
  readonly reply: Reply | null;
}

/** A command's reply as a console received it (the page turns it into a `redis-reply` event). */
export type ReplyListener = (node: string, argv: readonly string[], reply: Reply) => void;

/** A reply a console's server pushed unasked (subscribe mode, MONITOR). */
export type PushListener = (reply: Reply) => void;

/** How the session names a node's console N: the node for console 1, `NODE/N` for the others. */
export const consoleKey = (node: string, con = 1) => (con === 1 ? node : `${node}/${con}`);

/** The message when a playground would grow past MAX_NODES. */
export const TOO_MANY_NODES = `A playground has at most ${MAX_NODES} nodes.`;

/** The length of one serverCron tick (hz 10): what "Step" advances. */
export const CRON_TICK_MS = 100;
/** Wall time taken into account per frame at most (a backgrounded tab must not jump minutes). */
const MAX_FRAME_MS = 250;
/** Snapshots are polled at most this often (wall ms), and right after every action. */
const POLL_MS = 50;
/**
 * Simulated time is handed to the playground in steps of at most this much (one serverCron
 * tick): a console command waits for the step under way, never for a whole frame's worth.
 */
const ADVANCE_STEP_MS = CRON_TICK_MS;

export class Session {
  readonly api: PlaygroundApi;
  private readonly store: AppStore;
  private pendingLogs: { node: string; line: string }[] = [];
  private offEvents: () => void;
  private advancing = false;
  /** Simulated ms owed to the clock, not yet handed to advance() (which takes whole ms). */
  private carry = 0;
  /** Console commands under way: time waits for them, so a reply is never queued behind a frame. */
  private execs = 0;
  private polling = false;
  private pollAgain = false;
  private lastPoll = -Infinity;
  /** The last `snapshots()` object applied (hosts that offer it keep it until something changes). */
  private lastSnapshots: unknown = null;
  private disposed = false;
  private replyListeners = new Set<ReplyListener>();
  /** Each console's listener for what its server pushes, by console key. */
  private readonly pushListeners = new Map<string, PushListener>();
  /** Who watches console commands (onCommand). */
  private readonly commandWatchers = new Set<(ev: CommandEvent) => void>();
  /** Resolves when the time step under way (if any) ends. */
  private advanceDone: Promise<void> = Promise.resolve();
  /** The line each console is running, for the session log. */
  private readonly lines = new Map<string, { entry: Extract<LogEntry, { kind: 'command' }>; sends: number }>();
  /** Consoles whose command was sent and waits for its reply (a replay lets time pass for them). */
  private readonly blocked = new Set<string>();
  private blockedWaiters: { node: string; resolve: () => void }[] = [];
  /** What was done since the set-up, in scenario terms (null until `load`). */
  recorder: SessionRecorder | null = null;
  /** The seed the playground was made with (a share link carries it). */
  readonly seed: number;

  constructor(store: AppStore, api: PlaygroundApi, seed = 1) {
    this.store = store;
    this.api = api;
    this.seed = seed;
    this.offEvents = api.on((ev) => {
      if (ev.type === 'log') this.pendingLogs.push({ node: ev.node, line: ev.line });
      else if (ev.type === 'push') this.pushListeners.get(consoleKey(ev.node, ev.console))?.(ev.reply);
      else if (ev.type === 'node') {
        this.flushLogs();
        this.store.getState().setRunning(ev.node, ev.running);
        this.requestPoll();
      }
    });
    store.getState().setCapabilities({
      shape: typeof api.setNetwork === 'function',
      remove: typeof api.removeNode === 'function',
      inFlight: typeof api.inFlight === 'function',
    });
    store.getState().setSimNow(api.now());
  }

  /**
   * Create and start the plan's nodes (the setup lines are typed into consoles by the app). The
   * nodes exist, and count as running, as soon as this returns its promise: a node is "starting"
   * until its start completes, and its console accepts commands, which the host runs after the
   * start (it runs operations in order).
   */
  async load(plan: PresetPlan): Promise<void> {
    if (plan.ports.length > MAX_NODES) throw new Error(TOO_MANY_NODES);
    const names = plan.ports.map((port) => this.api.addNode(PLAYGROUND_HOST, port));
    this.recorder = new SessionRecorder({
      version: this.api.version,
      nodes: names,
      at: this.api.now(),
      seed: this.seed,
    });
    this.syncNodeList(names);
    if (this.api.startAll) await this.api.startAll(names);
    else await Promise.all(names.map((n) => this.api.start(n)));
    const s = this.store.getState();
    for (const n of this.api.nodeNames()) s.setRunning(n, this.api.isRunning(n));
    const { latencyMs, bytesPerSec } = s;
    if ((latencyMs || bytesPerSec) && this.api.setNetwork) {
      // Kept from the playground before: the session log starts with it.
      this.recorder.network(latencyMs, bytesPerSec, this.api.now());
      await this.api.setNetwork({ latencyMs, bytesPerSec });
    }
    this.flushLogs();
    await this.poll();
  }

  /** Mirror the playground's node list in the store; `starting` count as running already. */
  private syncNodeList(starting?: string[]): void {
    this.store.getState().setNodeList(this.api.nodeNames(), starting);
  }

  // ------------------------------------------------------------------ time

  /** One animation frame: let simulated time follow the wall clock, then refresh the views. */
  async frame(wallDeltaMs: number, wallNow: number): Promise<void> {
    try {
      await this.frameSteps(wallDeltaMs, wallNow);
    } catch (e) {
      // A playground disposed mid-frame (version or preset switch) rejects what was under way.
      if (!this.disposed) throw e;
    }
  }

  private async frameSteps(wallDeltaMs: number, wallNow: number): Promise<void> {
    if (this.disposed) return;
    const { paused, speed } = this.store.getState();
    if (!paused && wallDeltaMs > 0) {
      // Time owed accumulates while an advance or a console command is under way (a host runs
      // one operation at a time: a command waits for the advance before it), bounded so a slow
      // host falls behind real time instead of freezing.
      this.carry = Math.min(this.carry + Math.min(wallDeltaMs, MAX_FRAME_MS) * speed, MAX_FRAME_MS * speed);
    }
    if (!paused && !this.advancing && this.execs === 0) {
      let owed = Math.floor(this.carry);
      this.carry -= owed;
      if (owed > 0) {
        this.advancing = true;
        let done = () => {};
        this.advanceDone = new Promise((r) => {
          done = r;
        });
        try {
          while (owed > 0 && !this.disposed) {
            // A command typed meanwhile (or Pause) goes first; the rest of the time stays owed.
            if (this.execs > 0 || this.store.getState().paused) break;
            const step = Math.min(owed, ADVANCE_STEP_MS);
            await this.api.advance(step);
            owed -= step;
          }
        } finally {
          this.carry += owed;
          this.advancing = false;
          done();
        }
      }
    }
    this.flushLogs();
    this.store.getState().setSimNow(this.api.now());
    if (wallNow - this.lastPoll >= POLL_MS) {
      this.lastPoll = wallNow;
      await this.poll();
    }
  }

  /** Advance one serverCron tick (used while paused). */
  async step(): Promise<void> {
    await this.advanceBy(CRON_TICK_MS);
  }

  /** Let `ms` of simulated time pass now (Step, a replayed `sleep`). */
  async advanceBy(ms: number): Promise<void> {
    await this.act(() => this.api.advance(ms));
    this.afterAction();
  }

  /** Let time pass until replication is quiet (a replayed `settle`); false if it never got quiet. */
  async settle(): Promise<boolean> {
    const quiet = await this.act(() => this.api.settle());
    this.afterAction();
    return quiet;
  }

  /**
   * Run an action at an exact simulated instant: no new time step starts while it runs, and it
   * waits for the one under way. Returns what `fn` returns.
   */
  private async act<T>(fn: (at: number) => Promise<T>): Promise<T> {
    this.execs++;
    try {
      await this.advanceDone;
      return await fn(this.api.now());
    } finally {
      this.execs--;
    }
  }

  // ------------------------------------------------------------------ polling

  private flushLogs(): void {
    if (this.pendingLogs.length === 0) return;
    const lines = this.pendingLogs;
    this.pendingLogs = [];
    this.store.getState().appendLogs(lines);
  }

  /** Ask for a poll soon (coalesced). */
  requestPoll(): void {
    this.lastPoll = -Infinity;
  }

  private afterAction(): void {
    this.flushLogs();
    this.store.getState().setSimNow(this.api.now());
    void this.poll();
  }

  /** Read every node's snapshot and the bytes in flight into the store. */
  async poll(): Promise<void> {
    try {
      await this.pollSteps();
    } catch (e) {
      if (!this.disposed) throw e;
    }
  }

  private async pollSteps(): Promise<void> {
    if (this.disposed) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.polling = true;
    try {
      do {
        this.pollAgain = false;
        const s = this.store.getState();
        if (this.api.snapshots) {
          // Every node's last published state at once, without waiting for the host.
          const snaps = this.api.snapshots();
          if (snaps !== this.lastSnapshots) {
            this.lastSnapshots = snaps;
            s.applySnapshots(snaps);
          }
        } else {
          const names = this.api.nodeNames();
          // A node removed meanwhile has no snapshot any more: it reads as null.
          const snaps = await Promise.all(names.map((n) => this.api.snapshot(n).catch(() => null)));
          if (this.disposed) return;
          const map: Record<string, (typeof snaps)[number]> = {};
          names.forEach((n, i) => {
            map[n] = snaps[i];
          });
          s.applySnapshots(map);
        }
        if (this.api.inFlight) s.setInFlight(this.api.inFlight());
      } while (this.pollAgain);
    } finally {
      this.polling = false;
    }
  }

  // ------------------------------------------------------------------ actions

  /**
   * A console command. It is sent without letting time pass for it: a command that blocks
   * (DEBUG SLEEP, WAIT, a write during CLIENT PAUSE) answers when the page's clock — running,
   * paused or stepped — has let that time pass, as a real server would, while the other consoles
   * and the clock go on meanwhile.
   */
  async exec(node: string, argv: string[], con = 1): Promise<Reply | null> {
    for (const w of this.commandWatchers) w({ node, argv, phase: 'sent', reply: null });
    const r = await this.sendAndWait(node, argv, true, con);
    if (!this.disposed) for (const w of this.commandWatchers) w({ node, argv, phase: 'reply', reply: r });
    if (r !== null && !this.disposed) for (const fn of this.replyListeners) fn(node, argv, r);
    // Many commands may run back to back (a paste, `100 INCR n`): refresh the views once, on the
    // next frame, rather than after each.
    this.flushLogs();
    this.requestPoll();
    return r;
  }

  /**
   * Watch every console command once when it is sent and once with its reply, null included (the
   * Learn panel records them for an exercise's checks and knows when a console is waiting).
   */
  onCommand(fn: (ev: CommandEvent) => void): () => void {
    this.commandWatchers.add(fn);
    return () => this.commandWatchers.delete(fn);
  }

  /** What the server pushes to console `con` of a node goes to `fn` (one listener per console). */
  onPush(node: string, con: number, fn: PushListener): () => void {
    const key = consoleKey(node, con);
    this.pushListeners.set(key, fn);
    return () => {
      if (this.pushListeners.get(key) === fn) this.pushListeners.delete(key);
    };
  }

  /** Hear every reply a console (or the element's exec) receives. Returns the unsubscribe function. */
  onReply(fn: ReplyListener): () => void {
    this.replyListeners.add(fn);
    return () => this.replyListeners.delete(fn);
  }

  /**
   * Send a command; time waits only for the sending, not for a command that blocks. A console's
   * command (`fromConsole`) is booked on the line it belongs to in the session log.
   */
  private async sendAndWait(node: string, argv: string[], fromConsole = false, con = 1): Promise<Reply | null> {
    this.execs++;
    let reply: Promise<Reply | null>;
    const key = consoleKey(node, con);
    try {
      if (this.api.send) {
        const sent = await this.api.send(node, argv, con);
        reply = sent.reply;
        const line = fromConsole ? this.lines.get(key) : undefined;
        if (line && sent.sentAt !== undefined) {
          const first = line.sends++ === 0;
          if (sent.answeredAt !== undefined) this.recorder?.sent(line.entry, first, sent.sentAt, sent.answeredAt);
          else {
            this.setBlocked(key, true);
            void reply.then(() => {
              this.setBlocked(key, false);
              this.recorder?.sent(line.entry, first, sent.sentAt!, sent.answeredAt);
            });
          }
        }
      } else reply = Promise.resolve(await this.api.exec(node, argv, con));
    } finally {
      this.execs--;
    }
    return reply;
  }

  private setBlocked(node: string, on: boolean): void {
    if (!on) {
      this.blocked.delete(node);
      return;
    }
    this.blocked.add(node);
    const ready = this.blockedWaiters.filter((w) => w.node === node);
    this.blockedWaiters = this.blockedWaiters.filter((w) => w.node !== node);
    for (const w of ready) w.resolve();
  }

  /** Resolves once the console (`consoleKey`) has a command waiting for its reply (at once if it has). */
  whenBlocked(node: string): Promise<void> {
    if (this.blocked.has(node)) return Promise.resolve();
    return new Promise((resolve) => this.blockedWaiters.push({ node, resolve }));
  }

  /** A line was submitted at a node's console `con`: it goes into the session log. */
  lineTyped(node: string, line: string, con = 1): void {
    const entry = this.recorder?.command(node, line, this.api.now(), con);
    if (entry) this.lines.set(consoleKey(node, con), { entry, sends: 0 });
  }

  /** The console finished its line (or was interrupted). */
  lineDone(node: string, interrupted = false, con = 1): void {
    const key = consoleKey(node, con);
    const l = this.lines.get(key);
    if (l && interrupted) l.entry.interrupted = true;
    this.lines.delete(key);
  }

  /**
   * Ctrl-C in a console waiting for a reply: its connection is dropped (what the server sees when
   * redis-cli exits); the next command opens a new one. In subscribe mode or MONITOR
   * (`reconnect`) redis-cli 7.0 closes the socket and connects again at once, re-selecting its db.
   */
  async interrupt(node: string, con = 1, reconnect = false): Promise<void> {
    // In subscribe mode or MONITOR the line had its reply: Ctrl-C interrupts no command.
    this.lineDone(node, !reconnect, con);
    this.setBlocked(consoleKey(node, con), false);
    this.recorder?.ctrlC(node, con, this.api.now());
    await this.api.closeConsole?.(node, con, { reconnect });
    this.afterAction();
  }

  /** A console tab closed: its redis-cli goes away (the connection closes, nothing reconnects). */
  async closeConsole(node: string, con: number): Promise<void> {
    this.pushListeners.delete(consoleKey(node, con));
    this.lineDone(node, false, con);
    this.setBlocked(consoleKey(node, con), false);
    await this.api.closeConsole?.(node, con);
    this.afterAction();
  }

  isRunning(node: string): boolean {
    return this.api.nodeNames().includes(node) && this.api.isRunning(node);
  }

  /** Crash a node (kill -9). */
  async kill(node: string): Promise<void> {
    await this.act(async (at) => {
      if (this.api.isRunning(node)) this.recorder?.action('kill', node, at);
      await this.api.kill(node);
    });
    this.afterAction();
  }

  /** Start a stopped node (it loads its last RDB, as redis-server does). */
  async start(node: string): Promise<void> {
    await this.act(async (at) => {
      if (!this.api.isRunning(node)) this.recorder?.action('start', node, at);
      await this.api.start(node);
    });
    this.afterAction();
  }

  /** A clean SHUTDOWN, as if typed from another redis-cli. */
  async shutdown(node: string): Promise<void> {
    if (!this.api.isRunning(node)) return;
    // 7.0 may wait up to shutdown-timeout for lagging replicas: in real time, like a console.
    // In the session log it is what it is: SHUTDOWN typed at that node's redis-cli.
    this.lineTyped(node, 'SHUTDOWN');
    await this.sendAndWait(node, ['SHUTDOWN'], true);
    this.lineDone(node);
    this.afterAction();
  }

  /** Cut or heal the network between two nodes. */
  async setLinkCut(a: string, b: string, cut: boolean): Promise<void> {
    await this.act(async (at) => {
      this.recorder?.link(a, b, !cut, at);
      await this.api.link(a, b, !cut);
    });
    this.store.getState().setLinkCut(a, b, cut);
    this.afterAction();
  }

  /** Whether a node is cut off from every other node. */
  isIsolated(node: string): boolean {
    const others = this.api.nodeNames().filter((n) => n !== node);
    const cut = this.store.getState().cutLinks;
    return others.length > 0 && others.every((o) => cut.includes(linkKey(node, o)));
  }

  /** Partition one node from all others, or heal all its links. */
  async setIsolated(node: string, isolated: boolean): Promise<void> {
    for (const other of this.api.nodeNames()) if (other !== node) await this.setLinkCut(node, other, isolated);
  }

  /** Latency and bandwidth for every node-to-node link. */
  async setShape(latencyMs: number, bytesPerSec: number): Promise<void> {
    this.store.getState().setShape(latencyMs, bytesPerSec);
    await this.act(async (at) => {
      this.recorder?.network(latencyMs, bytesPerSec, at);
      await this.api.setNetwork?.({ latencyMs, bytesPerSec });
    });
    this.afterAction();
  }

  /** Add a master on the next free port and start it. Returns its name. */
  async addNode(): Promise<string> {
    if (this.api.nodeNames().length >= MAX_NODES) throw new Error(TOO_MANY_NODES);
    const used = new Set(this.api.nodeNames().map((n) => Number(n.slice(n.lastIndexOf(':') + 1))));
    let port = FIRST_PORT;
    while (used.has(port)) port++;
    const name = this.api.addNode(PLAYGROUND_HOST, port);
    // Links to a new node start healed, but a node isolated before keeps its isolation.
    this.syncNodeList();
    this.store.getState().setPreset('custom');
    await this.act(async (at) => {
      this.recorder?.action('added', name, at);
      await this.api.start(name);
    });
    this.store.getState().setRunning(name, this.api.isRunning(name));
    this.afterAction();
    return name;
  }

  /**
   * Make sure these nodes exist and run (a scenario's `nodes` step on a live playground): missing
   * ones are added and started together, existing ones are left as they are. Resolves to the
   * nodes' names, in order.
   */
  async ensureNodes(addrs: readonly { host: string; port: number }[]): Promise<string[]> {
    const have = new Set(this.api.nodeNames());
    const names = addrs.map((a) => `${a.host}:${a.port}`);
    const fresh = names.filter((n, i) => !have.has(n) && names.indexOf(n) === i);
    if (have.size + fresh.length > MAX_NODES) throw new Error(TOO_MANY_NODES);
    for (const n of fresh) {
      const i = names.indexOf(n);
      this.api.addNode(addrs[i].host, addrs[i].port);
    }
    if (fresh.length === 0) return names;
    for (const n of fresh) this.recorder?.action('added', n, this.api.now());
    this.syncNodeList(fresh);
    if (this.api.startAll) await this.api.startAll(fresh);
    else for (const n of fresh) await this.api.start(n);
    const s = this.store.getState();
    for (const n of fresh) s.setRunning(n, this.api.isRunning(n));
    this.afterAction();
    return names;
  }

  /** Let simulated time pass (a scenario's `sleep`), then refresh the views. */
  async advance(ms: number): Promise<void> {
    await this.advanceBy(ms);
  }

  /**
   * The RDB file a SAVE on the node would write now, without saving (null: not running, or the
   * host cannot make one).
   */
  async dumpRdb(node: string): Promise<Uint8Array | null> {
    if (!this.api.dumpRdb || !this.isRunning(node)) return null;
    return this.api.dumpRdb(node);
  }

  /** Remove a node (killed first). */
  async removeNode(node: string): Promise<void> {
    if (!this.api.removeNode) return;
    await this.act(async (at) => {
      this.recorder?.action('removed', node, at);
      await this.api.removeNode!(node);
    });
    const s = this.store.getState();
    s.setPreset('custom');
    for (const k of s.cutLinks)
      if (k.split('|').includes(node)) s.setLinkCut(...(k.split('|') as [string, string]), false);
    this.syncNodeList();
    this.afterAction();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.replyListeners.clear();
    this.commandWatchers.clear();
    this.offEvents();
    this.api.dispose();
  }
}

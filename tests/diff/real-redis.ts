/**
 * The real side of the differential tests: run a scenario (.scn) against real redis-server 7.0
 * processes and produce the same transcript the headless runner prints for our engine.
 *
 * - One `redis-server` child per node, on 127.0.0.1, each with its own directory and config file
 *   (`redis.conf` there: port, bind 127.0.0.1, dir, appendonly no, daemonize no, and 7.0's
 *   enable-debug-command local, the playground's default; everything else at
 *   Redis's defaults, save points and diskless-sync delay included). The log goes to `redis.log`
 *   in that directory. Scenario nodes are remapped to real ports: the i-th declared node listens
 *   on basePort+i. An address a command names that is no declared node (`SLAVEOF 127.0.0.1 7000`)
 *   is sent to a port in basePort+100..basePort+199 where nothing listens, so the server sees a
 *   refused connection as the simulation does (and never reaches a real server on this machine).
 *   A test file therefore owns basePort..basePort+199; pick it in 21000-29999, below Linux's
 *   ephemeral range.
 * - Ports are translated both ways: in commands (SLAVEOF/REPLICAOF HOST PORT, and any argument
 *   that is exactly HOST:PORT of a declared node) and in replies (`master_host`/`master_port`,
 *   `ip=...,port=...`, `127.0.0.1:PORT`, `tcp_port`, ROLE, CONFIG GET port), so the transcript reads
 *   as if the servers listened on the scenario's addresses.
 * - Each console of a node (`PORT>` is console 1, `PORT/N>` console N) is a connection of its own
 *   (like one redis-cli window), opened on first use and reopened silently after the server
 *   restarts or closed it, re-selecting the db its last successful SELECT chose (as redis-cli
 *   does); a node that is not running prints redis-cli's
 *   `Could not connect to Redis at HOST:PORT: Connection refused`. A command that blocks is waited
 *   for up to 60 s (then `(no reply after 60s)`, the console still waiting); `PORT&>` sends and
 *   goes on. Replies that arrive for a console whose step is not running, and what the server
 *   pushes (subscribe mode, MONITOR), are printed after the step during which they arrived, each
 *   line prefixed `[PORT] ` / `[PORT/N] `, as the headless runner does (src/scenario/consoles.ts).
 *   `ctrl-c` closes the socket; in subscribe mode or MONITOR it reconnects at once (re-selecting
 *   the db), as redis-cli 7.0's SIGINT handler does. While console 1 is busy (waiting, or in
 *   subscribe mode / MONITOR) the runner's own INFO polling goes over a connection of its own.
 * - `kill` is SIGKILL; `start` restarts the same binary with the same config file (which CONFIG
 *   REWRITE may have changed) in the same directory, so it loads the RDB it last saved. Starting a
 *   running node or killing a stopped one does nothing.
 * - `sleep MS` sleeps for real. `settle` polls INFO replication on every running node (over the
 *   consoles) until the quiet condition of scenario-format.md holds, then waits 1.1 s (replicas
 *   ACK once a second) and checks again; after 60 s it prints `settle: not quiet after 60s`.
 * - The simulation finishes, at the same instant, whatever a step sets off that needs no time
 *   (a handshake, a propagated write, a dropped link). Real servers need a few milliseconds, so:
 *   after every command step the runner pauses 20 ms; after a successful SLAVEOF/REPLICAOF towards
 *   a running node it waits (up to 2 s) until that master lists the replica (PSYNC received, so
 *   the backlog exists and later writes are propagated), and after any successful SLAVEOF/REPLICAOF
 *   (NO ONE included) until no other node still lists it as a replica (the master it left has seen
 *   the link close); after `kill` it waits (up to 2 s) until
 *   no running node still shows a link to the killed one.
 * - `link` steps cannot be done to real processes here and throw; so does `redis 4.0`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { Reply } from '../../src/engine/resp/reply';
import { parseConsoleLine } from '../../src/scenario/cli-args';
import { formatReply } from '../../src/scenario/cli-format';
import { consoleModeOf, NO_REPLY_LINE, prefixLines, READING_MESSAGES_LINE } from '../../src/scenario/consoles';
import { formatParseErrors, type NodeAddr, parseScenario, type Step } from '../../src/scenario/parse';
import { formatTranscriptBlock } from './transcript';

export interface RealRunOptions {
  /** First real port; the run uses basePort..basePort+199 (shifted by $DIFF_PORT_OFFSET if set). */
  basePort: number;
  /** A directory the run may fill (one sub-directory per node); the caller removes it. */
  tmpDir: string;
  /** The server binary (default `redis-server` on PATH). */
  redisServer?: string;
  /** Which Redis the binary is (default 7.0). A 4.0 binary gets the 4.0 shipped redis.conf save points. */
  redisVersion?: '4.0' | '7.0';
}

const LOOPBACK = '127.0.0.1';
const DEAD_PORT_OFFSET = 100;
const DEAD_PORT_COUNT = 100;
const COMMAND_TIMEOUT_MS = 30_000;
const SETTLE_LIMIT_MS = 60_000;
const ACK_WAIT_MS = 1_100;
const POLL_MS = 100;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const lower = (s: string | undefined) => (s ?? '').toLowerCase();

// ---------------------------------------------------------------------------------------------
// Every child this module starts, so a test's afterAll (or process exit) can kill leftovers.

const liveChildren = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of liveChildren) c.kill('SIGKILL');
});

/** SIGKILL every redis-server this module started that is still running, and wait for them. */
export async function killAllRealServers(): Promise<void> {
  await Promise.all(
    [...liveChildren].map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) {
            liveChildren.delete(c);
            resolve();
            return;
          }
          c.once('exit', () => resolve());
          c.kill('SIGKILL');
        }),
    ),
  );
  liveChildren.clear();
}

// ---------------------------------------------------------------------------------------------
// A small RESP2 client (which also reads RESP3, for scenarios that send HELLO 3).

/** Parse one reply at `pos`; null when the buffer does not hold all of it yet. */
export function parseRespReply(buf: Buffer, pos: number): [Reply, number] | null {
  if (pos >= buf.length) return null;
  const nl = buf.indexOf('\r\n', pos, 'latin1');
  if (nl < 0) return null;
  const head = buf.toString('latin1', pos + 1, nl);
  const next = nl + 2;
  switch (buf[pos]) {
    case 0x2b: // +
      return [{ t: 'status', s: head }, next];
    case 0x2d: // -
      return [{ t: 'error', s: head }, next];
    case 0x3a: {
      // :
      const big = BigInt(head);
      const n = big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
      return [{ t: 'int', n }, next];
    }
    case 0x24: {
      // $
      const len = Number(head);
      if (len < 0) return [{ t: 'bulk', s: null }, next];
      if (next + len + 2 > buf.length) return null;
      return [{ t: 'bulk', s: buf.toString('latin1', next, next + len) }, next + len + 2];
    }
    case 0x2a: // *
    case 0x25: // % (RESP3 map)
    case 0x7e: // ~ (RESP3 set)
    case 0x3e: {
      // > (RESP3 push)
      const count = Number(head) * (buf[pos] === 0x25 ? 2 : 1);
      if (count < 0) return [{ t: 'array', items: null }, next];
      const items: Reply[] = [];
      let p = next;
      for (let i = 0; i < count; i++) {
        const r = parseRespReply(buf, p);
        if (r === null) return null;
        items.push(r[0]);
        p = r[1];
      }
      const t = buf[pos] === 0x25 ? 'map' : buf[pos] === 0x7e ? 'set' : buf[pos] === 0x3e ? 'push' : 'array';
      return [{ t, items }, p];
    }
    case 0x5f: // _ (RESP3 null)
      return [{ t: 'bulk', s: null }, next];
    case 0x23: // # (RESP3 boolean)
      return [{ t: 'bool', b: head === 't' }, next];
    case 0x28: // ( (RESP3 big number)
      return [{ t: 'bignum', s: head }, next];
    case 0x7c: {
      // | (RESP3 attributes: key/value pairs, then the reply they describe)
      const items: Reply[] = [];
      let p = next;
      for (let i = 0; i < Number(head) * 2; i++) {
        const r = parseRespReply(buf, p);
        if (r === null) return null;
        items.push(r[0]);
        p = r[1];
      }
      const r = parseRespReply(buf, p);
      if (r === null) return null;
      return [{ t: 'attr', items, reply: r[0] }, r[1]];
    }
    case 0x2c: // , (RESP3 double)
      return [{ t: 'double', s: head }, next];
    case 0x3d: {
      // = (RESP3 verbatim string: `txt:` then the text)
      const len = Number(head);
      if (next + len + 2 > buf.length) return null;
      return [{ t: 'verbatim', s: buf.toString('latin1', next + 4, next + len) }, next + len + 2];
    }
    default:
      throw new Error(`RESP protocol error: unexpected byte 0x${buf[pos].toString(16)}`);
  }
}

/** Encode a command (byte-string arguments) as a RESP2 multibulk. */
export function encodeRespCommand(argv: readonly string[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${argv.length}\r\n`, 'latin1')];
  for (const a of argv) {
    const b = Buffer.from(a, 'latin1');
    parts.push(Buffer.from(`$${b.length}\r\n`, 'latin1'), b, Buffer.from('\r\n', 'latin1'));
  }
  return Buffer.concat(parts);
}

class RespConn {
  private buf: Buffer = Buffer.alloc(0);
  private waiting: Array<(r: Reply | null) => void> = [];
  closed = false;
  /** A reply no command waits for (subscribe mode, MONITOR). */
  onPush: ((r: Reply) => void) | null = null;
  onClose: (() => void) | null = null;

  private constructor(private readonly sock: net.Socket) {
    sock.on('data', (chunk: Buffer) => {
      this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
      let pos = 0;
      for (;;) {
        const r = parseRespReply(this.buf, pos);
        if (r === null) break;
        pos = r[1];
        const w = this.waiting.shift();
        if (w) w(r[0]);
        else this.onPush?.(r[0]);
      }
      this.buf = this.buf.subarray(pos);
    });
    sock.on('error', () => {});
    sock.on('close', () => {
      this.closed = true;
      for (const w of this.waiting.splice(0)) w(null);
      this.onClose?.();
    });
  }

  /** Connect to 127.0.0.1:port; rejects with the socket error (e.g. code ECONNREFUSED). */
  static connect(port: number): Promise<RespConn> {
    return new Promise((resolve, reject) => {
      const sock = net.connect({ host: LOOPBACK, port });
      const onError = (e: Error) => {
        sock.destroy();
        reject(e);
      };
      sock.once('error', onError);
      sock.once('connect', () => {
        sock.off('error', onError);
        sock.setNoDelay(true);
        resolve(new RespConn(sock));
      });
    });
  }

  /**
   * Send one command; resolves with its reply, or null if the connection closed first. A reply
   * that takes longer than `timeoutMs` is an error (0: a console's command, which may block).
   */
  send(argv: readonly string[], timeoutMs = COMMAND_TIMEOUT_MS): Promise<Reply | null> {
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      const timer =
        timeoutMs > 0
          ? setTimeout(() => {
              this.destroy();
              reject(new Error(`no reply to ${argv.join(' ')} within ${timeoutMs} ms`));
            }, timeoutMs)
          : undefined;
      this.waiting.push((r) => {
        clearTimeout(timer);
        resolve(r);
      });
      this.sock.write(encodeRespCommand(argv));
    });
  }

  destroy(): void {
    this.sock.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// Nodes and address translation.

interface RealNode {
  readonly addr: NodeAddr;
  readonly realPort: number;
  readonly dir: string;
  readonly confPath: string;
  readonly logPath: string;
  proc: ChildProcess | null;
  exited: Promise<void>;
  /** Its consoles by number (1: `PORT>`). */
  consoles: Map<number, RealConsole>;
  /** The runner's own connection for INFO polling while console 1 is busy. */
  poll: RespConn | null;
}

/** One redis-cli window on a node. */
interface RealConsole {
  conn: RespConn | null;
  /** The db the console selected last (a SELECT answered OK), re-selected when it reconnects. */
  db: number;
  readonly prefix: string;
  mode: 'normal' | 'subscribe' | 'monitor';
  /** The command whose reply is awaited, and its repeats still to send. */
  waiting: string[] | null;
  rest: string[][];
  modeArgv: string[];
  /** What sends this console's commands one by one, while any are left. */
  job: Promise<void> | null;
  /** Set by ctrl-c: the connection it closes prints nothing. */
  interrupted: boolean;
  /** Pushes read before the awaited reply was printed (they follow it on the wire). */
  held: string[] | null;
}

interface ScenarioAddr {
  host: string;
  port: number;
}

class PortMap {
  private readonly toReal = new Map<string, number>();
  private readonly toScn = new Map<number, ScenarioAddr>();
  private nextDead: number;

  constructor(
    nodes: readonly NodeAddr[],
    private readonly basePort: number,
  ) {
    for (const [i, n] of nodes.entries()) this.add(n.host, n.port, basePort + i);
    this.nextDead = basePort + DEAD_PORT_OFFSET;
  }

  private add(host: string, port: number, real: number) {
    this.toReal.set(`${host}:${port}`, real);
    this.toScn.set(real, { host, port });
  }

  /** The real port for a scenario address; an unknown address gets a port nothing listens on. */
  real(host: string, port: number): number {
    const known = this.toReal.get(`${host}:${port}`);
    if (known !== undefined) return known;
    if (this.nextDead >= this.basePort + DEAD_PORT_OFFSET + DEAD_PORT_COUNT) {
      throw new Error('too many distinct undeclared addresses in one scenario');
    }
    const real = this.nextDead++;
    this.add(host, port, real);
    return real;
  }

  /** The scenario address behind a real port, if the port is one of this run's. */
  scenario(realPort: number): ScenarioAddr | undefined {
    return this.toScn.get(realPort);
  }

  /** Real port of a declared node named HOST:PORT, if it is one. */
  declaredReal(host: string, port: number): number | undefined {
    return this.toReal.get(`${host}:${port}`);
  }
}

/** Arguments as sent to the real servers. */
function translateArgs(argv: readonly string[], ports: PortMap): string[] {
  const out = argv.slice();
  const cmd = lower(argv[0]);
  if (
    (cmd === 'slaveof' || cmd === 'replicaof') &&
    argv.length === 3 &&
    !(lower(argv[1]) === 'no' && lower(argv[2]) === 'one') &&
    /^\d{1,5}$/.test(argv[2]) &&
    Number(argv[2]) <= 65535 // an out-of-range port goes as typed: the server must refuse it
  ) {
    out[1] = LOOPBACK;
    out[2] = String(ports.real(argv[1], Number(argv[2])));
    return out;
  }
  for (let i = 1; i < out.length; i++) {
    const m = /^(.+):(\d{1,5})$/.exec(out[i]);
    if (!m) continue;
    const real = ports.declaredReal(m[1], Number(m[2]));
    if (real !== undefined) out[i] = `${LOOPBACK}:${real}`;
  }
  return out;
}

/** A reply's text with real ports (and loopback hosts standing for other hosts) turned back. */
function translateText(s: string, ports: PortMap): string {
  const back = (p: string) => ports.scenario(Number(p));
  return s
    .replace(/master_host:([^\r\n]*)(\r?\n)master_port:(\d+)/g, (m, host: string, nl: string, p: string) => {
      const a = host === LOOPBACK ? back(p) : undefined;
      return a ? `master_host:${a.host}${nl}master_port:${a.port}` : m;
    })
    .replace(/ip=([^,\s]*),port=(\d+)/g, (m, ip: string, p: string) => {
      const a = ip === LOOPBACK ? back(p) : undefined;
      return a ? `ip=${a.host},port=${a.port}` : m;
    })
    .replace(/\b127\.0\.0\.1:(\d+)\b/g, (m, p: string) => {
      const a = back(p);
      return a ? `${a.host}:${a.port}` : m;
    })
    .replace(/^tcp_port:(\d+)/m, (m, p: string) => {
      const a = back(p);
      return a ? `tcp_port:${a.port}` : m;
    });
}

function translateReply(r: Reply, argv: readonly string[], ports: PortMap): Reply {
  const cmd = lower(argv[0]);
  const deep = (x: Reply): Reply => {
    if (x.t === 'array') return x.items === null ? x : { t: 'array', items: x.items.map(deep) };
    if (x.t === 'map' || x.t === 'set' || x.t === 'push') return { t: x.t, items: x.items.map(deep) };
    if (x.t === 'int' || x.t === 'bool' || x.t === 'bignum' || x.t === 'attr' || x.s === null) return x;
    if (x.t === 'double') return x;
    return { ...x, s: translateText(x.s, ports) };
  };
  const hostPort = (h: Reply, p: Reply): [Reply, Reply] => {
    if (h.t !== 'bulk' || h.s !== LOOPBACK) return [h, p];
    const real = p.t === 'int' ? Number(p.n) : p.t === 'bulk' && p.s !== null ? Number(p.s) : Number.NaN;
    const a = ports.scenario(real);
    if (!a) return [h, p];
    return [{ t: 'bulk', s: a.host }, p.t === 'int' ? { t: 'int', n: a.port } : { t: 'bulk', s: String(a.port) }];
  };
  if (cmd === 'role' && r.t === 'array' && r.items) {
    const it = r.items.slice();
    const role = it[0]?.t === 'bulk' ? it[0].s : null;
    if (role === 'slave' && it.length >= 3) {
      [it[1], it[2]] = hostPort(it[1], it[2]);
    } else if (role === 'master' && it[2]?.t === 'array' && it[2].items) {
      it[2] = {
        t: 'array',
        items: it[2].items.map((e) => {
          if (e.t !== 'array' || !e.items || e.items.length < 2) return e;
          const ei = e.items.slice();
          [ei[0], ei[1]] = hostPort(ei[0], ei[1]);
          return { t: 'array', items: ei };
        }),
      };
    }
    return { t: 'array', items: it };
  }
  if (cmd === 'config' && lower(argv[1]) === 'get' && r.t === 'array' && r.items) {
    const it = r.items.slice();
    for (let i = 0; i + 1 < it.length; i += 2) {
      const k = it[i];
      const v = it[i + 1];
      if (k.t === 'bulk' && k.s === 'port' && v.t === 'bulk' && v.s !== null) {
        const a = ports.scenario(Number(v.s));
        if (a) it[i + 1] = { t: 'bulk', s: String(a.port) };
      }
      // replicaof / slaveof: "HOST PORT" of the master.
      const name = k.t === 'bulk' ? k.s : null;
      const hp = v.t === 'bulk' && v.s ? /^(\S+) (\d+)$/.exec(v.s) : null;
      if (hp && (name === 'replicaof' || name === 'slaveof')) {
        const a = ports.scenario(Number(hp[2]));
        if (a) it[i + 1] = { t: 'bulk', s: `${a.host} ${a.port}` };
      }
    }
    return { t: 'array', items: it };
  }
  return deep(r);
}

// ---------------------------------------------------------------------------------------------
// INFO replication, as the runner reads it to settle.

interface ReplInfo {
  role: string;
  offset: number;
  masterHost?: string;
  masterPort?: number;
  linkUp: boolean;
  syncing: boolean;
  replicas: Array<{ ip: string; port: number; state: string; offset: number }>;
}

function parseReplInfo(text: string): ReplInfo {
  const f = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const c = line.indexOf(':');
    if (c > 0) f.set(line.slice(0, c), line.slice(c + 1));
  }
  const replicas: ReplInfo['replicas'] = [];
  for (const [k, v] of f) {
    if (!/^slave\d+$/.test(k)) continue;
    const kv = new Map(v.split(',').map((p) => p.split('=') as [string, string]));
    replicas.push({
      ip: kv.get('ip') ?? '',
      port: Number(kv.get('port')),
      state: kv.get('state') ?? '',
      offset: Number(kv.get('offset')),
    });
  }
  return {
    role: f.get('role') ?? '',
    offset: Number(f.get('master_repl_offset') ?? Number.NaN),
    masterHost: f.get('master_host'),
    masterPort: f.has('master_port') ? Number(f.get('master_port')) : undefined,
    linkUp: f.get('master_link_status') === 'up',
    syncing: f.get('master_sync_in_progress') === '1',
    replicas,
  };
}

// ---------------------------------------------------------------------------------------------
// The run.

class RealRun {
  readonly nodes = new Map<string, RealNode>();
  readonly byRealPort = new Map<number, RealNode>();
  readonly ports: PortMap;

  constructor(
    decl: readonly NodeAddr[],
    private readonly opts: RealRunOptions,
  ) {
    this.ports = new PortMap(decl, opts.basePort);
    fs.mkdirSync(opts.tmpDir, { recursive: true });
    decl.forEach((addr, i) => {
      const realPort = opts.basePort + i;
      const dir = path.resolve(opts.tmpDir, `node-${i}-${addr.port}`);
      fs.mkdirSync(dir, { recursive: true });
      const confPath = path.join(dir, 'redis.conf');
      fs.writeFileSync(
        confPath,
        [
          `port ${realPort}`,
          `bind ${LOOPBACK}`,
          `dir ${dir}`,
          'appendonly no',
          'daemonize no',
          // The playground's 4.0 defaults are the shipped redis.conf's save points, not the built-in ones.
          ...(opts.redisVersion === '4.0' ? ['save 900 1', 'save 300 10', 'save 60 10000'] : []),
          // The playground lets its consoles run DEBUG (7.0's default is `no`; 4.0 has no such option).
          ...(opts.redisVersion === '4.0' ? [] : ['enable-debug-command local']),
          '',
        ].join('\n'),
      );
      const node: RealNode = {
        addr,
        realPort,
        dir,
        confPath,
        logPath: path.join(dir, 'redis.log'),
        proc: null,
        exited: Promise.resolve(),
        consoles: new Map(),
        poll: null,
      };
      this.nodes.set(addr.name, node);
      this.byRealPort.set(realPort, node);
    });
  }

  private node(name: string): RealNode {
    const n = this.nodes.get(name);
    if (!n) throw new Error(`unknown node ${name}`);
    return n;
  }

  private running(n: RealNode): boolean {
    return n.proc !== null;
  }

  async start(n: RealNode): Promise<void> {
    if (this.running(n)) return;
    const logStart = fs.existsSync(n.logPath) ? fs.statSync(n.logPath).size : 0;
    const fd = fs.openSync(n.logPath, 'a');
    let proc: ChildProcess;
    try {
      proc = spawn(this.opts.redisServer ?? 'redis-server', [n.confPath], { cwd: n.dir, stdio: ['ignore', fd, fd] });
    } finally {
      fs.closeSync(fd);
    }
    liveChildren.add(proc);
    n.proc = proc;
    n.exited = new Promise<void>((resolve) => {
      proc.once('exit', () => {
        liveChildren.delete(proc);
        if (n.proc === proc) {
          n.proc = null;
          this.dropConnections(n);
        }
        resolve();
      });
      proc.once('error', () => {
        liveChildren.delete(proc);
        if (n.proc === proc) n.proc = null;
        resolve();
      });
    });
    const deadline = Date.now() + 15_000;
    for (;;) {
      const log = fs.readFileSync(n.logPath, 'latin1').slice(logStart);
      if (log.includes('Ready to accept connections')) return;
      if (!this.running(n) || Date.now() > deadline) {
        await this.kill(n);
        throw new Error(`redis-server for node ${n.addr.name} did not start; log:\n${log.slice(-2000)}`);
      }
      await sleep(20);
    }
  }

  async kill(n: RealNode): Promise<void> {
    const proc = n.proc;
    this.dropConnections(n);
    if (!proc) return;
    proc.kill('SIGKILL');
    await n.exited;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.nodes.values()].map((n) => this.kill(n)));
  }

  private dropConnections(n: RealNode): void {
    for (const c of n.consoles.values()) {
      c.conn?.destroy();
      c.conn = null;
    }
    n.poll?.destroy();
    n.poll = null;
  }

  /** Console `num` of a node, made on first use. */
  private con(n: RealNode, num: number): RealConsole {
    let c = n.consoles.get(num);
    if (!c) {
      const prefix = `[${n.addr.name}${num === 1 ? '' : `/${num}`}] `;
      c = {
        conn: null,
        db: 0,
        prefix,
        mode: 'normal',
        waiting: null,
        rest: [],
        modeArgv: [],
        job: null,
        interrupted: false,
        held: null,
      };
      n.consoles.set(num, c);
    }
    return c;
  }

  /** A console's connection; null when the node is not running or refuses. */
  private async consoleConn(n: RealNode, c: RealConsole): Promise<RespConn | null> {
    if (!this.running(n)) return null;
    if (c.conn && !c.conn.closed) return c.conn;
    let conn: RespConn;
    try {
      conn = await RespConn.connect(n.realPort);
    } catch {
      return null;
    }
    c.conn = conn;
    conn.onPush = (r) => {
      const text = formatReply(translateReply(r, c.modeArgv, this.ports), c.modeArgv);
      if (c.held) c.held.push(text);
      else this.print(c, text);
    };
    conn.onClose = () => {
      // redis-cli in subscribe mode or MONITOR exits when the server goes away.
      if (c.conn !== conn || c.interrupted || c.mode === 'normal') return;
      c.mode = 'normal';
      this.print(c, 'Error: Server closed the connection\n');
    };
    // redis-cli re-selects its db when it reconnects (cliConnect → cliSelect), silently.
    if (c.db !== 0) await conn.send(['SELECT', String(c.db)]);
    return conn;
  }

  /** The connection the runner polls INFO over: console 1's while it is idle, else its own. */
  private async pollConn(n: RealNode): Promise<RespConn | null> {
    const c = this.con(n, 1);
    if (!c.waiting && c.mode === 'normal') return this.consoleConn(n, c);
    if (!this.running(n)) return null;
    if (n.poll && !n.poll.closed) return n.poll;
    try {
      n.poll = await RespConn.connect(n.realPort);
    } catch {
      return null;
    }
    return n.poll;
  }

  /** The console whose step runs now, what it printed, and what the others printed meanwhile. */
  private fg: RealConsole | null = null;
  private fgOut = '';
  private bgOut = '';

  private print(c: RealConsole, text: string): void {
    if (text === '') return;
    if (!text.endsWith('\n')) text += '\n';
    if (c === this.fg) this.fgOut += text;
    else this.bgOut += prefixLines(text, c.prefix);
  }

  /** What consoles printed outside their own steps since the last call. */
  takeBackground(): string {
    const out = this.bgOut;
    this.bgOut = '';
    return out;
  }

  /** Send a console's commands one by one, printing each reply as it arrives. */
  private async runJob(n: RealNode, c: RealConsole): Promise<void> {
    while (c.rest.length && c.mode === 'normal') {
      const argv = c.rest.shift()!;
      if (consoleModeOf(argv) === 'subscribe') this.print(c, `${READING_MESSAGES_LINE}\n`);
      const conn = await this.consoleConn(n, c);
      if (!conn) {
        c.rest = [];
        this.print(c, `Could not connect to Redis at ${n.addr.host}:${n.addr.port}: Connection refused\n`);
        return;
      }
      const sent = translateArgs(argv, this.ports);
      c.waiting = argv;
      c.held = [];
      const reply = await conn.send(sent, 0);
      c.waiting = null;
      const held = c.held;
      c.held = null;
      if (reply === null) {
        c.rest = [];
        if (lower(argv[0]) === 'shutdown') await n.exited;
        else if (!c.interrupted) this.print(c, 'Error: Server closed the connection\n');
        return;
      }
      this.print(c, formatReply(translateReply(reply, argv, this.ports), argv));
      for (const text of held) this.print(c, text);
      if (lower(argv[0]) === 'select' && argv.length === 2 && reply.t === 'status') c.db = Number(argv[1]);
      const mode = consoleModeOf(argv);
      if (mode !== 'normal' && reply.t !== 'error') {
        c.mode = mode;
        c.modeArgv = argv;
      }
      await this.afterCommand(n, sent, reply);
    }
  }

  /** Wait for a console's job, at most 60 s; whether it ended. */
  private async waitJob(c: RealConsole): Promise<boolean> {
    if (!c.job) return true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ended = await Promise.race([
      c.job.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), 60_000);
      }),
    ]);
    clearTimeout(timer);
    return ended;
  }

  /** Run one command step on a node's console: what redis-cli would print. */
  async command(name: string, step: Extract<Step, { kind: 'command' }>): Promise<string> {
    const n = this.node(name);
    const c = this.con(n, step.console);
    if (c.waiting && !(await this.waitJob(c))) return `${NO_REPLY_LINE}\n`;
    if (c.mode !== 'normal') throw new Error(`line ${step.line}: console ${c.prefix.trim()} is in ${c.mode} mode`);
    const line = parseConsoleLine(step.input);
    if (line.kind === 'empty') return '';
    if (line.kind === 'invalid') return `${line.message}\n`;
    c.rest = Array.from({ length: line.repeat }, () => line.argv);
    c.interrupted = false;
    if (step.async) {
      const job = this.runJob(n, c);
      c.job = job;
      await sleep(20);
      return '';
    }
    this.fg = c;
    try {
      c.job = this.runJob(n, c);
      if (!(await this.waitJob(c))) this.fgOut += `${NO_REPLY_LINE}\n`;
      else await sleep(20);
    } finally {
      this.fg = null;
    }
    const out = this.fgOut;
    this.fgOut = '';
    return out;
  }

  /** `ctrl-c`: close the console's socket; in subscribe mode or MONITOR, reconnect at once. */
  async ctrlC(name: string, num: number): Promise<void> {
    const n = this.node(name);
    const c = this.con(n, num);
    const reconnect = c.mode !== 'normal';
    c.interrupted = true;
    c.rest = [];
    c.conn?.destroy();
    c.conn = null;
    await c.job;
    c.mode = 'normal';
    if (reconnect) await this.consoleConn(n, c);
    // The server sees the connection close at once in the simulation.
    await sleep(20);
  }

  /** Let what the command set off on loopback finish, as it does at once in the simulation. */
  private async afterCommand(n: RealNode, sent: readonly string[], reply: Reply): Promise<void> {
    const cmd = lower(sent[0]);
    if ((cmd === 'slaveof' || cmd === 'replicaof') && reply.t === 'status') {
      const master = sent[1] === LOOPBACK ? this.byRealPort.get(Number(sent[2])) : undefined;
      // A master the node leaves (SLAVEOF elsewhere or NO ONE) sees the link close at once in the
      // simulation: wait until no other running node still lists it as a replica.
      await this.waitFor(2_000, async () => {
        for (const m of this.nodes.values()) {
          if (m === n || m === master || !this.running(m)) continue;
          const info = await this.replInfo(m);
          if (info?.replicas.some((r) => r.port === n.realPort)) return false;
        }
        return true;
      });
      if (master && master !== n && this.running(master)) {
        await this.waitFor(2_000, async () => {
          const info = await this.replInfo(master);
          return info === null || info.replicas.some((r) => r.port === n.realPort);
        });
      }
    }
    await sleep(20);
  }

  private async replInfo(n: RealNode): Promise<ReplInfo | null> {
    const conn = await this.pollConn(n);
    if (!conn) return null;
    const r = await conn.send(['INFO', 'replication']);
    if (r === null || r.t !== 'bulk' || r.s === null) return null;
    return parseReplInfo(r.s);
  }

  private async waitFor(limitMs: number, cond: () => Promise<boolean>): Promise<boolean> {
    const deadline = Date.now() + limitMs;
    for (;;) {
      if (await cond()) return true;
      if (Date.now() > deadline) return false;
      await sleep(20);
    }
  }

  /** After `kill`: wait until no running node shows a link to the killed one. */
  async afterKill(dead: RealNode): Promise<void> {
    await this.waitFor(2_000, async () => {
      for (const n of this.nodes.values()) {
        if (!this.running(n)) continue;
        const info = await this.replInfo(n);
        if (!info) continue;
        if (info.role === 'slave' && info.masterPort === dead.realPort && info.linkUp) return false;
        if (info.replicas.some((r) => r.port === dead.realPort)) return false;
      }
      return true;
    });
  }

  /** The quiet condition of scenario-format.md, read from INFO replication of every running node. */
  async quiet(): Promise<boolean> {
    const infos = new Map<RealNode, ReplInfo>();
    for (const n of this.nodes.values()) {
      if (!this.running(n)) continue;
      const info = await this.replInfo(n);
      if (!info) return false;
      infos.set(n, info);
    }
    const masterOf = (info: ReplInfo): RealNode | undefined =>
      info.role === 'slave' && info.masterHost === LOOPBACK && info.masterPort !== undefined
        ? this.byRealPort.get(info.masterPort)
        : undefined;
    for (const [r, info] of infos) {
      if (info.role !== 'slave') continue;
      const m = masterOf(info);
      const mInfo = m ? infos.get(m) : undefined;
      if (!m || m === r || !mInfo) continue; // master not running (or no node): nothing to wait for
      if (!info.linkUp || info.syncing || info.offset !== mInfo.offset) return false;
    }
    for (const [m, mInfo] of infos) {
      const expected = new Set<number>();
      for (const [r, info] of infos) if (r !== m && masterOf(info) === m) expected.add(r.realPort);
      if (mInfo.replicas.length !== expected.size) return false;
      for (const rep of mInfo.replicas) {
        if (rep.ip !== LOOPBACK || !expected.has(rep.port)) return false;
        if (rep.state !== 'online' || rep.offset !== mInfo.offset) return false;
      }
    }
    return true;
  }

  async settle(): Promise<string> {
    const deadline = Date.now() + SETTLE_LIMIT_MS;
    while (Date.now() < deadline) {
      if (await this.quiet()) {
        await sleep(ACK_WAIT_MS);
        if (await this.quiet()) return '';
      } else {
        await sleep(POLL_MS);
      }
    }
    return 'settle: not quiet after 60s\n';
  }

  async runStep(step: Step): Promise<string> {
    switch (step.kind) {
      case 'redis':
        if (step.version !== (this.opts.redisVersion ?? '7.0')) {
          throw new Error(
            `line ${step.line}: this real-redis run is Redis ${this.opts.redisVersion ?? '7.0'} (the script asks for ${step.version})`,
          );
        }
        return '';
      case 'nodes':
        await Promise.all([...this.nodes.values()].map((n) => this.start(n)));
        return '';
      case 'command':
        return this.command(step.node, step);
      case 'ctrl-c':
        await this.ctrlC(step.node, step.console);
        return '';
      case 'settle':
        return this.settle();
      case 'sleep':
        await sleep(step.ms);
        return '';
      case 'kill': {
        const n = this.node(step.node);
        if (!this.running(n)) return '';
        await this.kill(n);
        await this.afterKill(n);
        return '';
      }
      case 'start':
        await this.start(this.node(step.node));
        return '';
      case 'link':
        throw new Error(`line ${step.line}: \`${step.text}\`: link steps are not supported against real Redis`);
    }
  }
}

/**
 * Run a scenario against real redis-server processes and return its transcript (layout: see
 * transcript.ts). Throws on a script that does not parse, on `redis 4.0` and `link` steps, and when
 * a server cannot be started. Every server it started is killed before it returns or throws.
 */
export async function runRealScenario(scnText: string, given: RealRunOptions): Promise<string> {
  // DIFF_PORT_OFFSET shifts every port range, so two checkouts can run the suites side by side.
  const opts = { ...given, basePort: given.basePort + (Number(process.env.DIFF_PORT_OFFSET) || 0) };
  if (opts.basePort < 1024 || opts.basePort + DEAD_PORT_OFFSET + DEAD_PORT_COUNT > 65535) {
    throw new Error(`basePort ${opts.basePort} out of range`);
  }
  const parsed = parseScenario(scnText);
  if (!parsed.ok) throw new Error(`scenario does not parse:\n${formatParseErrors(parsed.errors)}`);
  const { scenario } = parsed;
  const run = new RealRun(scenario.nodes, opts);
  let transcript = '';
  try {
    for (const step of scenario.steps) {
      transcript += formatTranscriptBlock(step.text, await run.runStep(step));
      transcript += run.takeBackground();
    }
    return transcript;
  } finally {
    await run.stopAll();
  }
}

/**
 * One Redis server process (server.c / networking.c): clients and their query buffers, command
 * dispatch with Redis's checks in Redis's order, call() with propagation to the replication
 * stream, logging, and the serverCron that the host drives ten times a simulated second.
 *
 * The server is pure: clock, randomness, the network, files, pids and the log sink are handed in
 * (`ServerOptions`). Nothing here schedules anything: every timeout is a deadline that cron()
 * compares with clock.now(). The replication halves live in replication/, persistence in
 * persistence.ts; they operate on this object's public fields, as Redis's files share `server`.
 */
import { bytesFromBin, type Clock, type Rng, randomHex } from '../lib';
import { Client } from './client';
import { findCommand } from './commands';
import type { Command, Ctx } from './commands/types';
import { Config } from './config';
import { activeExpireCycle } from './expire';
import { DBNUM, Db, type RValue } from './keyspace';
import { formatLogLine, type LogLevel, levelEnabled } from './log';
import type { ConnId, FileStore, Net } from './net';
import { persistenceCron, saveSync, startupLoad } from './persistence';
import { applyFromMaster } from './replication/apply';
import { replicationCron } from './replication/cron';
import { feedCommand, type MasterState, newMasterState, replicaClosed } from './replication/master';
import {
  masterLinkClosed,
  newReplicaSideState,
  onHandshakeData,
  onMasterConnected,
  onMasterConnectFailed,
  type ReplicaSideState,
} from './replication/replica';
import { EMPTY_ARRAY, ERR, encodeReply, error, QUEUED, type Reply, wrongArity } from './resp';
import { Dialect, type RedisVersion } from './version';

/** What a host hands to a server. */
export interface ServerOptions {
  version: RedisVersion;
  /** The address the node listens on, e.g. 127.0.0.1. */
  host: string;
  port: number;
  clock: Clock;
  rng: Rng;
  net: Net;
  files: FileStore;
  /** This process's pid. */
  pid: number;
  /** A fresh pid for a forked child (BGSAVE). */
  nextPid: () => number;
  /** Receives every log line the node prints. */
  log: (line: string) => void;
  /** Receives engine events (role changes, exit). */
  emit?: (ev: EngineEvent) => void;
  /** The config file: directive → value. */
  config?: Record<string, string>;
}

/** What the engine tells its host besides log lines. */
export type EngineEvent = { type: 'exit'; code: number } | { type: 'config-rewrite'; config: Record<string, string> };

/** A running forked child (BGSAVE to disk or to replica sockets). */
export interface ChildInfo {
  pid: number;
  kind: 'disk' | 'socket';
  /** The RDB the child produced (it is computed at fork time: a child sees the fork-time dataset). */
  rdb: Uint8Array;
  startedAt: number;
  /** When the parent notices the child has exited (next cron after this time). */
  doneAt: number;
  /** For replication BGSAVE: the replicas it serves. */
  forReplication: boolean;
}

/** One queued propagation (server.also_propagate). */
interface Op {
  dbid: number;
  argv: string[];
}

export class Server {
  readonly d: Dialect;
  readonly config: Config;
  readonly dbs: Db[] = [];
  readonly clients = new Map<ConnId, Client>();
  /** Clients that are our replicas, in attach order (server.slaves). */
  readonly slaves: Client[] = [];
  /** Cached time for the current command or cron (server.mstime). */
  mstime: number;
  readonly startTime: number;
  readonly runId: string;
  dirty = 0;
  /** 4.0 INFO keeps printing the last backlog window after the backlog is freed. */
  staleBacklogFirst = 0;
  staleBacklogHistlen = 0;
  /** dirty when the running BGSAVE forked (subtracted when it succeeds). */
  dirtyBeforeBgsave = 0;
  lastsave: number;
  lastBgsaveOk = true;
  child: ChildInfo | null = null;
  cronloops = 0;
  stats = {
    connections: 0,
    commands: 0,
    expiredKeys: 0,
    syncFull: 0,
    syncPartialOk: 0,
    syncPartialErr: 0,
    keyspaceHits: 0,
    keyspaceMisses: 0,
  };
  /** Master-side replication state (replid, backlog, slaveseldb…). */
  readonly repl: MasterState;
  /** Replica-side replication state (masterhost, handshake, cached master…). */
  readonly rs: ReplicaSideState;
  /** The client whose command is running (server.current_client). */
  currentClient: Client | null = null;
  /** Exited (SHUTDOWN); every entry point becomes a no-op. */
  exited = false;
  /** Written at the end of each event: output per connection. */
  private out = new Map<ConnId, string>();
  private nextClientId = 3;
  private usedFds = new Set<number>();
  private callDepth = 0;
  private pendingOps: Op[] = [];
  /** Set when a WAIT blocked during this event: GETACK is fed before sleeping. */
  getackPending = false;
  /** Clients blocked in WAIT. */
  readonly waiting = new Set<Client>();

  constructor(readonly opts: ServerOptions) {
    this.d = new Dialect(opts.version);
    // `replicaof`/`slaveof` in the config file is a directive, not a parameter: startup() reads it.
    const { replicaof: _r, slaveof: _s, ...params } = opts.config ?? {};
    this.config = new Config(opts.version, { port: String(opts.port), ...params });
    for (let i = 0; i < DBNUM; i++) this.dbs.push(new Db(i));
    this.mstime = opts.clock.now();
    this.startTime = this.mstime;
    this.lastsave = Math.floor(this.mstime / 1000);
    this.runId = randomHex(opts.rng);
    this.repl = newMasterState(this);
    this.rs = newReplicaSideState();
    this.startup();
  }

  // ---------------------------------------------------------------- identity & logging

  get port(): number {
    return this.opts.port;
  }
  get host(): string {
    return this.opts.host;
  }
  /** "is a replica" in Redis's sense: masterhost is set. */
  get isReplica(): boolean {
    return this.rs.masterhost !== null;
  }
  /** A float in [0,1) from the injected randomness (SPOP, SRANDMEMBER, EOF marks…). */
  random(): number {
    return this.opts.rng.next();
  }
  /** Seconds, as Redis's cached server.unixtime. */
  get unixtime(): number {
    return Math.floor(this.mstime / 1000);
  }

  /** Print a log line as this process (role decided now, as Redis does). */
  log(level: LogLevel, msg: string): void {
    this.logAs(this.opts.pid, this.isReplica ? 'S' : 'M', level, msg);
  }
  /** Print a line as a given pid/role (the forked child's 'C' lines). */
  logAs(pid: number, role: 'M' | 'S' | 'C', level: LogLevel, msg: string): void {
    if (!levelEnabled(level, this.config.get('loglevel') as LogLevel)) return;
    this.opts.log(formatLogLine(pid, role, this.opts.clock.now(), level, msg, this.opts.version));
  }

  private startup(): void {
    const pid = this.opts.pid;
    const v = this.d.redisVer;
    this.logAs(pid, 'C', 'warning', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo');
    this.logAs(
      pid,
      'C',
      'warning',
      `Redis version=${v}, bits=64, commit=00000000, modified=0, pid=${pid}, just started`,
    );
    this.logAs(pid, 'C', 'warning', 'Configuration loaded');
    if (this.d.is7) this.log('notice', 'monotonic clock: POSIX clock_gettime');
    this.log('notice', `Running mode=standalone, port=${this.port}.`);
    this.log('warning', 'Server initialized');
    startupLoad(this);
    this.log('notice', 'Ready to accept connections');
    const replicaof = this.opts.config?.replicaof ?? this.opts.config?.slaveof;
    if (replicaof) {
      const [h, p] = replicaof.split(/\s+/);
      this.rs.masterhost = h;
      this.rs.masterport = Number(p);
      this.rs.state = 'connect';
    }
  }

  // ---------------------------------------------------------------- network entry points

  /** A connection was accepted on our port. */
  onAccept(conn: ConnId, peer: string): void {
    if (this.exited) return;
    this.mstime = this.opts.clock.now();
    const fd = this.allocFd();
    const c = new Client(this.nextClientId++, conn, peer, `${this.host}:${this.port}`, fd, this.mstime);
    this.clients.set(conn, c);
    this.stats.connections++;
  }

  /** Bytes arrived on a connection (client, replica or master link). */
  onData(conn: ConnId, data: Uint8Array): void {
    if (this.exited) return;
    this.mstime = this.opts.clock.now();
    if (this.rs.handshakeConn === conn) {
      onHandshakeData(this, data);
    } else {
      const c = this.clients.get(conn);
      if (!c || c.closed) return;
      c.lastInteraction = this.mstime;
      c.decoder.push(data);
      if (c.isMaster) applyFromMaster(this, c);
      else this.processInput(c);
    }
    this.afterEvent();
  }

  /** The peer closed (or the network reset) a connection. */
  onClosed(conn: ConnId): void {
    if (this.exited) return;
    this.mstime = this.opts.clock.now();
    if (this.rs.handshakeConn === conn) {
      masterLinkClosed(this, null);
    } else {
      const c = this.clients.get(conn);
      if (c) this.freeClient(c, false);
    }
    this.afterEvent();
  }

  /** An outgoing connection we started is established. */
  onConnected(conn: ConnId, localAddr: string): void {
    if (this.exited) return;
    this.mstime = this.opts.clock.now();
    if (this.rs.handshakeConn === conn) onMasterConnected(this, localAddr);
    this.afterEvent();
  }

  /** An outgoing connection we started failed. */
  onConnectFailed(conn: ConnId, reason: string): void {
    if (this.exited) return;
    this.mstime = this.opts.clock.now();
    if (this.rs.handshakeConn === conn) onMasterConnectFailed(this, reason);
    this.afterEvent();
  }

  /** serverCron: the host calls this every 1000/hz ms of (simulated) time. */
  cron(): void {
    if (this.exited) return;
    this.mstime = this.opts.clock.now();
    activeExpireCycle(this);
    persistenceCron(this);
    if (this.cronloops % 10 === 0) replicationCron(this);
    this.repl.backlog?.cronTrim();
    this.checkWaitTimeouts();
    this.cronloops++;
    this.afterEvent();
  }

  // ---------------------------------------------------------------- output

  /** Queue bytes (a byte string) for a connection; flushed at the end of the event. */
  write(conn: ConnId, s: string): void {
    const prev = this.out.get(conn);
    this.out.set(conn, prev === undefined ? s : prev + s);
  }

  /** Queue a reply for a client. */
  reply(c: Client, r: Reply): void {
    this.write(c.conn, encodeReply(r));
  }

  /** End of an event: feed GETACK if a WAIT blocked, then flush all output (beforeSleep). */
  afterEvent(): void {
    if (this.getackPending) {
      this.getackPending = false;
      if (this.repl.backlog) feedCommand(this, -1, ['REPLCONF', 'GETACK', '*']);
    }
    if (this.out.size === 0) return;
    const out = this.out;
    this.out = new Map();
    for (const [conn, s] of out) this.opts.net.send(conn, bytesFromBin(s));
    for (const c of this.clients.values()) {
      if (c.closeAfterReply && !c.closed) this.freeClient(c, true);
    }
  }

  /** Flush pending output now (before closing a connection). */
  flushConn(conn: ConnId): void {
    const s = this.out.get(conn);
    if (s !== undefined) {
      this.out.delete(conn);
      this.opts.net.send(conn, bytesFromBin(s));
    }
  }

  // ---------------------------------------------------------------- clients

  private allocFd(): number {
    let fd = 7;
    while (this.usedFds.has(fd)) fd++;
    this.usedFds.add(fd);
    return fd;
  }
  /** Take an fd for an outgoing connection (the master link). */
  takeFd(): number {
    return this.allocFd();
  }
  releaseFd(fd: number): void {
    this.usedFds.delete(fd);
  }
  /** A client id for a connection we made ourselves (master link). */
  takeClientId(): number {
    return this.nextClientId++;
  }

  /** Close a client (freeClient): replica and master links get their bookkeeping. */
  freeClient(c: Client, closeConn = true): void {
    if (c.closed) return;
    c.closed = true;
    if (closeConn) {
      this.flushConn(c.conn);
      this.opts.net.close(c.conn);
    } else {
      this.out.delete(c.conn);
    }
    this.clients.delete(c.conn);
    this.releaseFd(c.fd);
    this.waiting.delete(c);
    if (c.replica) replicaClosed(this, c);
    if (c.isMaster) masterLinkClosed(this, c);
  }

  /** Register a client object for a connection we opened (master link becoming a client). */
  adoptClient(c: Client): void {
    this.clients.set(c.conn, c);
  }

  // ---------------------------------------------------------------- dispatch

  /** Run every complete command in a normal client's buffer. */
  private processInput(c: Client): void {
    while (!c.closed && !c.closeAfterReply && this.waiting.has(c) === false) {
      const d = c.decoder.next();
      if (d === null) break;
      if ('error' in d) {
        this.reply(c, error(`ERR ${d.error}`));
        c.closeAfterReply = true;
        break;
      }
      if (d.argv.length === 0) continue;
      this.processCommand(c, d.argv);
      if (this.exited) return;
    }
  }

  /** processCommand: lookup, arity, MULTI queueing, the replica/min-replicas checks, then call. */
  processCommand(c: Client, argv: string[]): void {
    this.mstime = this.opts.clock.now();
    const name = argv[0].toLowerCase();
    if (name === 'host:' || name === 'post') {
      this.log(
        'warning',
        'Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your Redis instance. Connection aborted.',
      );
      c.closeAfterReply = true;
      return;
    }
    const cmd = findCommand(name, this.opts.version);
    // c->lastcmd is set at lookup, before any check (CLIENT LIST's cmd=, 7.0's full name client|list).
    c.lastCmd = cmd ? commandFullName(name, argv, this.opts.version) : 'NULL';
    if (!cmd) {
      this.reject(c, error(unknownCommandError(argv, this.opts.version)));
      return;
    }
    if ((cmd.arity > 0 && cmd.arity !== argv.length) || argv.length < -cmd.arity) {
      this.reject(c, this.d.is7 ? wrongArity(name) : error(`ERR wrong number of arguments for '${name}' command`));
      return;
    }
    const flags = (this.d.is7 ? cmd.flags : (cmd.flags40 ?? cmd.flags)) as readonly string[];
    if (c.multi && flags.includes('no-multi')) {
      this.reject(c, error('ERR Command not allowed inside a transaction'));
      return;
    }
    // These checks apply to every command, queued ones included (processCommand runs them before
    // queueing). 7.0 judges EXEC by the flags of what it queued (mstate.cmd_flags); 4.0's EXEC is
    // neither a write nor a stale command.
    const execQueue = this.d.is7 && name === 'exec' && c.multi !== null ? c.multi.queue : [];
    const isWrite = flags.includes('write') || execQueue.some((q) => this.argvHasFlag(q, 'write'));
    const denyStale = !flags.includes('stale') || execQueue.some((q) => !this.argvHasFlag(q, 'stale'));
    if (isWrite && !this.repl.goodReplicasOk()) {
      this.reject(
        c,
        error(
          this.d.is7 ? 'NOREPLICAS Not enough good replicas to write.' : 'NOREPLICAS Not enough good slaves to write.',
        ),
        name,
      );
      return;
    }
    if (this.isReplica && this.config.bool('replica-read-only') && isWrite) {
      if (this.d.is7) this.reject(c, error("READONLY You can't write against a read only replica."), name);
      else this.reply(c, error("READONLY You can't write against a read only slave.")); // 4.0: no flagTransaction
      return;
    }
    if (this.isReplica && this.rs.state !== 'connected' && !this.config.bool('replica-serve-stale-data') && denyStale) {
      this.reject(
        c,
        error(
          this.d.is7
            ? "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'."
            : "MASTERDOWN Link with MASTER is down and slave-serve-stale-data is set to 'no'.",
        ),
        name,
      );
      return;
    }
    if (c.multi && !['exec', 'discard', 'multi', 'watch', 'quit', 'reset'].includes(name)) {
      c.multi.queue.push(argv);
      this.reply(c, QUEUED);
      return;
    }
    const r = this.call(c, cmd, argv);
    c.woff = this.repl.offset;
    if (r !== null) this.reply(c, r);
  }

  private argvHasFlag(argv: string[], flag: string): boolean {
    const cmd = findCommand(argv[0].toLowerCase(), this.opts.version);
    if (!cmd) return false;
    const flags = (this.d.is7 ? cmd.flags : (cmd.flags40 ?? cmd.flags)) as readonly string[];
    return flags.includes(flag);
  }

  /**
   * rejectCommand: an error that also aborts a MULTI in progress (flagTransaction). 7.0: a
   * rejected EXEC discards the transaction and answers EXECABORT (execCommandAbort).
   */
  private reject(c: Client, r: Reply, name = ''): void {
    if (this.d.is7 && name === 'exec' && c.multi && r.t === 'error') {
      c.multi = null;
      this.reply(c, error(`EXECABORT Transaction discarded because of: ${r.s}`));
      return;
    }
    if (c.multi) c.multi.dirtyExec = true;
    this.reply(c, r);
  }

  /**
   * call(): run a command and propagate what it changed. 7.0 queues every op of the outermost
   * call and wraps two or more in MULTI/EXEC; 4.0 propagates each op as it happens.
   * Returns the reply, or null for a client that is now blocked (WAIT).
   */
  call(c: Client, cmd: Command, argv: string[]): Reply | null {
    const prevDirty = this.dirty;
    const prevClient = this.currentClient;
    this.currentClient = c;
    this.callDepth++;
    let rewritten: string[] | null = null;
    let prevented = false;
    const also: Op[] = [];
    const ctx = this.makeCtx(c, argv, {
      rewrite: (a) => {
        rewritten = a;
      },
      also: (a, dbid) => also.push({ dbid: dbid ?? c.db, argv: a }),
      noPropagate: () => {
        prevented = true;
      },
    });
    let reply: Reply | null;
    try {
      reply = cmd.run(ctx);
      // flushallCommand (db.c): with save points configured the emptied dataset is saved at once,
      // repl aux fields included, before FLUSHALL itself reaches the stream; 4.0 keeps `dirty`.
      if (cmd.name === 'flushall' && reply?.t !== 'error' && this.config.savePoints().length > 0) {
        const dirty = this.dirty;
        saveSync(this);
        if (!this.d.is7) this.dirty = dirty;
      }
    } finally {
      this.callDepth--;
      this.currentClient = prevClient;
    }
    this.stats.commands++;
    const dirtied = this.dirty - prevDirty > 0;
    const own: Op[] = dirtied && !prevented && !c.isMaster ? [{ dbid: c.db, argv: rewritten ?? argv }] : [];
    if (this.d.is7) {
      this.pendingOps.push(...also, ...own);
      if (this.callDepth === 0) this.propagatePending(cmd);
    } else {
      for (const op of [...own, ...also]) feedCommand(this, op.dbid, op.argv);
    }
    return reply;
  }

  /** 7.0 propagatePendingCommands: MULTI/EXEC around two or more ops. */
  private propagatePending(cmd?: Command): void {
    const ops = this.pendingOps;
    if (ops.length === 0) return;
    this.pendingOps = [];
    const wrap = ops.length > 1 && !(cmd?.flags.includes('touches-arbitrary-keys') ?? false);
    if (wrap) feedCommand(this, ops[0].dbid, ['MULTI']);
    for (const op of ops) feedCommand(this, op.dbid, op.argv);
    if (wrap) feedCommand(this, ops[ops.length - 1].dbid, ['EXEC']);
  }

  /** Propagate a deletion of an expired key (outside any call: active expire). */
  propagateExpired(db: Db, key: string): void {
    const argv = [this.config.bool('lazyfree-lazy-expire') ? 'UNLINK' : 'DEL', key];
    if (this.d.is7 && this.callDepth > 0) this.pendingOps.push({ dbid: db.id, argv });
    else feedCommand(this, db.id, argv);
  }

  /** Build the Ctx a command runs with. */
  makeCtx(
    c: Client,
    argv: string[],
    prop: { rewrite(a: string[]): void; also(a: string[], dbid?: number): void; noPropagate(): void },
  ): Ctx {
    const db = this.dbs[c.db];
    return {
      srv: this,
      client: c,
      argv,
      db,
      now: this.mstime,
      version: this.opts.version,
      isReplica: this.isReplica,
      lookupRead: (key, d = db) => this.lookup(d, key, false),
      lookupWrite: (key, d = db) => this.lookup(d, key, true),
      setKey: (key, value, keepTtl = false, d = db) => {
        d.dict.set(key, value);
        if (!keepTtl) d.expires.delete(key);
      },
      deleteKey: (key, d = db) => {
        d.expires.delete(key);
        return d.dict.delete(key);
      },
      setExpire: (key, at, d = db) => {
        d.expires.set(key, at);
      },
      getExpire: (key, d = db) => d.expires.get(key) ?? -1,
      dirty: (n = 1) => {
        this.dirty += n;
      },
      rewrite: prop.rewrite,
      also: prop.also,
      noPropagate: prop.noPropagate,
    };
  }

  /** lookupKey with expireIfNeeded (db.c): masters delete and propagate, replicas only hide. */
  lookup(db: Db, key: string, write: boolean): RValue | undefined {
    const v = db.dict.get(key);
    if (v === undefined) {
      this.stats.keyspaceMisses++;
      return undefined;
    }
    const when = db.expires.get(key);
    if (when !== undefined && when <= this.mstime) {
      if (this.isReplica) {
        if (this.currentClient?.isMaster) return v;
        // 7.0: a write lookup on a writable replica deletes (EXPIRE_FORCE_DELETE_EXPIRED).
        if (!(write && this.d.is7)) return undefined;
        db.dict.delete(key);
        db.expires.delete(key);
        return undefined;
      }
      db.dict.delete(key);
      db.expires.delete(key);
      this.stats.expiredKeys++;
      this.propagateExpired(db, key);
      return undefined;
    }
    this.stats.keyspaceHits++;
    return v;
  }

  // ---------------------------------------------------------------- WAIT

  private checkWaitTimeouts(): void {
    for (const c of this.waiting) {
      const w = c.wait!;
      if (w.timeoutAt > 0 && this.mstime >= w.timeoutAt) this.unblockWait(c);
    }
  }

  /** Count replicas whose ACK reached `offset`. */
  replicasAcked(offset: number): number {
    let n = 0;
    for (const s of this.slaves) if (s.replica!.state === 'online' && s.replica!.ackOffset >= offset) n++;
    return n;
  }

  /** An ACK arrived: release WAITers that are satisfied. */
  processWaiters(): void {
    for (const c of this.waiting) {
      const w = c.wait!;
      if (this.replicasAcked(w.offset) >= w.numreplicas) this.unblockWait(c);
    }
  }

  private unblockWait(c: Client): void {
    const w = c.wait!;
    this.waiting.delete(c);
    c.wait = null;
    this.reply(c, { t: 'int', n: this.replicasAcked(w.offset) });
    this.processInput(c);
  }

  // ---------------------------------------------------------------- process exit

  /** The process ends (SHUTDOWN): links close, nothing runs any more. */
  exit(code = 0): void {
    for (const c of [...this.clients.values()]) this.freeClient(c, true);
    if (this.rs.handshakeConn !== null) this.opts.net.close(this.rs.handshakeConn);
    this.exited = true;
    this.opts.emit?.({ type: 'exit', code });
  }

  /** Empty every database (FLUSHALL, full sync). */
  flushAll(): number {
    let n = 0;
    for (const db of this.dbs) n += db.clear();
    return n;
  }

  /** Keys in all dbs. */
  keyCount(): number {
    let n = 0;
    for (const db of this.dbs) n += db.dict.size;
    return n;
  }

  /** A reply for an empty array (helper for commands). */
  static readonly EMPTY = EMPTY_ARRAY;
  static readonly ERR = ERR;
}

/** 7.0 container commands and their subcommands (the engine's command table has no subcommands). */
const SUBCOMMANDS: Record<string, readonly string[]> = {
  client: [
    'caching',
    'getname',
    'getredir',
    'help',
    'id',
    'info',
    'kill',
    'list',
    'no-evict',
    'pause',
    'reply',
    'setname',
    'tracking',
    'trackinginfo',
    'unblock',
    'unpause',
  ],
  command: ['count', 'docs', 'getkeys', 'getkeysandflags', 'help', 'info', 'list'],
  config: ['get', 'help', 'resetstat', 'rewrite', 'set'],
};

/** redisCommand.fullname as 7.0 shows it in CLIENT LIST (`client|list`; NULL for an unknown subcommand). */
export function commandFullName(name: string, argv: string[], version: RedisVersion): string {
  const subs = SUBCOMMANDS[name];
  if (version === '4.0' || !subs || argv.length < 2) return name;
  const sub = argv[1].toLowerCase();
  return subs.includes(sub) ? `${name}|${sub}` : 'NULL';
}

/** The unknown-command error, 7.0 and 4.0 wording. */
export function unknownCommandError(argv: string[], version: RedisVersion): string {
  if (version === '4.0') {
    let args = '';
    for (let i = 1; i < argv.length && args.length < 128; i++) args += `\`${argv[i].slice(0, 128 - args.length)}\`, `;
    return `ERR unknown command \`${argv[0].slice(0, 128)}\`, with args beginning with: ${args}`.replace(
      /[\r\n]/g,
      ' ',
    );
  }
  let args = '';
  for (let i = 1; i < argv.length && args.length < 128; i++) args += `'${argv[i].slice(0, 128 - args.length)}' `;
  return `ERR unknown command '${argv[0].slice(0, 128)}', with args beginning with: ${args}`.replace(/[\r\n]/g, ' ');
}

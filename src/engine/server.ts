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
import { type Clock, type Rng, randomHex } from '../lib';
import { type AclLogEntry, DefaultUser } from './acl';
import {
  checkKeyBlockTimeouts,
  handleBlockedOnKeys,
  signalDeletedStreams,
  signalKeyChange,
  unblockKeys,
} from './blocking';
import { Client } from './client';
import { type ShutdownFlags, shutdownCron } from './commands/shutdown';
import type { Command, Ctx } from './commands/types';
import { forgetStrings } from './commands/util/encoding';
import { getKeys70 } from './commands/util/getkeys';
import { lfuPolicy, lruClockAt, newLru, storedLru, touchLru } from './commands/util/lru';
import { Config } from './config';
import {
  arityOk,
  effectiveInfo,
  infoWithScriptFlags,
  resolveCommand,
  resolveFor,
  subcommandInfo,
  unknownCommandError,
} from './dispatch';
import { activeExpireCycle, rememberSlaveKeyWithExpire } from './expire';
import { DBNUM, Db, type RValue } from './keyspace';
import { type LatencySeries, latencySample } from './latency';
import { formatLogLine, type LogLevel, levelEnabled } from './log';
import { feedMonitors, hiddenFromMonitors } from './monitor';
import type { ConnId, FileStore, Net } from './net';
import { persistenceCron, saveSync, startupLoad } from './persistence';
import { logProtocolError } from './protocol-error';
import { PubSub, subscribeModeRestricted } from './pubsub';
import { applyFromMaster, receiveFromMaster } from './replication/apply';
import { replicationCron } from './replication/cron';
import { type FailoverState, newFailoverState, updateFailoverStatus } from './replication/failover';
import { feedCommand, feedCommandBytes, type MasterState, newMasterState, replicaClosed } from './replication/master';
import { replicaWritable } from './replication/rdb-transfer';
import {
  masterLinkClosed,
  newReplicaSideState,
  onHandshakeData,
  onMasterConnected,
  onMasterConnectFailed,
  type ReplicaSideState,
} from './replication/replica';
import { EMPTY_ARRAY, ERR, error, OK, QUEUED, type Reply, wrongArity } from './resp';
import type { DecoderLimits } from './resp/decode';
import { OutBuf } from './resp/outbuf';
import { callDuration, SlowLog, slowlogPush } from './slowlog';
import { commandCalled, commandRejected, countRead, countWrite, errorReplied, newStats, statsCron } from './stats';
import {
  broadcast,
  disableTracking,
  invalidateKey,
  invalidateOnFlush,
  rememberKeys,
  rememberScriptKeys,
  sendPending,
  Tracking,
} from './tracking';
import { Dialect, type RedisVersion } from './version';
import { anyWatched, touchAllInDb, touchKey, touchOnFlush40, unwatchAll } from './watch';

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
/** Why clients are paused (pause_purpose): each purpose's pause is kept and ended on its own. */
export type PausePurpose = 'client' | 'failover' | 'shutdown';
/** What a pause holds back: writes (and may-replicate commands), or every command. */
export type PauseType = 'write' | 'all';

export type EngineEvent = { type: 'exit'; code: number } | { type: 'config-rewrite'; config: Record<string, string> };

/** A running forked child (BGSAVE to disk or to replica sockets). */
export interface ChildInfo {
  pid: number;
  /** An RDB to disk or to replica sockets, or (7.0 BGREWRITEAOF) an AOF rewrite. */
  kind: 'disk' | 'socket' | 'aof';
  /** The RDB the child produced (it is computed at fork time: a child sees the fork-time dataset). */
  rdb: Uint8Array;
  startedAt: number;
  /** When the parent notices the child has exited (next cron after this time). */
  doneAt: number;
  /** For replication BGSAVE: the replicas it serves. */
  forReplication: boolean;
  /** Killed by this signal rather than exited (a diskless sync's child whose replicas all left). */
  signal?: number;
}

/** A 7.0 replica reads its master's stream with no bulk length limit. */
const MASTER_DECODER_LIMITS: DecoderLimits = { maxCount: 2147483647, maxBulk: Number.MAX_SAFE_INTEGER };

/** One queued propagation (server.also_propagate). */
interface Op {
  dbid: number;
  argv: string[];
}

/** A command's flags in 7.0, a known subcommand's when argv names one. */
function effectiveFlags(cmd: Command, argv: string[]): readonly string[] {
  const sub = cmd.subcommands !== undefined && argv.length >= 2 ? argv[1].toLowerCase() : '';
  return sub !== '' && Object.hasOwn(cmd.subcommands!, sub) ? cmd.subcommands![sub].flags : cmd.flags;
}

/** What a client in subscribe mode may still run (processCommand's CLIENT_PUBSUB check). */
const SUBSCRIBED_OK = new Set([
  'ping',
  'subscribe',
  'ssubscribe',
  'unsubscribe',
  'sunsubscribe',
  'psubscribe',
  'punsubscribe',
  'quit',
  'reset',
]);

export class Server {
  readonly d: Dialect;
  readonly config: Config;
  readonly dbs: Db[] = [];
  readonly clients = new Map<ConnId, Client>();
  /** Channels, patterns and shard channels and who listens on them. */
  readonly pubsub = new PubSub();
  /** CLIENT TRACKING: the tracking and prefix tables (tracking.ts). */
  readonly tracking = new Tracking();
  /** SLOWLOG's entries (slowlog.ts) and the latency monitor's events (latency.ts). */
  readonly slowlog = new SlowLog();
  readonly latency = new Map<string, LatencySeries>();
  /** Clients in MONITOR mode, in the order they started. */
  readonly monitors: Client[] = [];
  /** Clients that are our replicas, in attach order (server.slaves). */
  readonly slaves: Client[] = [];
  /** 7.0 ACL: the default user (requirepass is its password) and ACL LOG (acl.ts). */
  readonly acl = new DefaultUser();
  readonly aclLog: AclLogEntry[] = [];
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
  /** BGREWRITEAOF (persistence.ts): asked while another child ran, and the rewrites done. */
  aofRewriteScheduled = false;
  /** BGSAVE SCHEDULE while an AOF rewrite ran (rdb_bgsave_scheduled). */
  bgsaveScheduled = false;
  /** DEBUG QUICKLIST-PACKED-THRESHOLD (kept for show: the engine's lists have no plain nodes). */
  quicklistPackedThreshold = 1 << 30;
  aofRewrites = 0;
  /** The base file number of the last rewrite (appendonly.aof.N.base.rdb). */
  aofBaseSeq = 0;
  child: ChildInfo | null = null;
  cronloops = 0;
  /** The counters INFO prints (stats.ts). */
  readonly stats = newStats(0);
  /** Master-side replication state (replid, backlog, slaveseldb…). */
  readonly repl: MasterState;
  /** Replica-side replication state (masterhost, handshake, cached master…). */
  readonly rs: ReplicaSideState;
  /** The client whose command is running (server.current_client). */
  currentClient: Client | null = null;
  /** The command running (current_client->cmd; inside EXEC, the queued command). */
  currentCmd: Command | null = null;
  /** The running command's arguments (a script's caller's, while the script calls commands). */
  private currentArgv: string[] | null = null;
  /** Per-db access clocks of the keys (robj->lru; see commands/util/lru.ts). */
  readonly lru: Map<string, number>[] = [];
  /** server.lruclock: LRU clock seconds, refreshed by every serverCron. */
  lruclock: number;
  /** The access clock of keys with no entry in `lru` (loaded from an RDB). */
  lruBaseline: number;
  /** maxmemory-policy is an LFU policy (cached: every key access reads it). */
  lfu = false;
  /** Access clocks are being kept (lru.ts: stops on large datasets unless the policy needs them). */
  trackAccess = true;
  /** Exited (SHUTDOWN); every entry point becomes a no-op. */
  exited = false;
  /**
   * Written at the end of each event: one buffer per connection that has output, in the order
   * of their first writes. A client's buffer hangs on the client (`Client.out`); a connection
   * with no client (a replica's link during its handshake) has its buffer in `connOut`.
   */
  private outList: OutBuf[] = [];
  /** A client was flagged to close with nothing to send it (POST / Host: lines). */
  private closeWithoutReply = false;
  /** What every client's request decoder accepts (proto-max-bulk-len; 4.0's 1M-argument cap). */
  readonly decoderLimits: DecoderLimits;
  private readonly connOut = new Map<ConnId, OutBuf>();
  /** The other output list (the two are swapped at each flush) and emptied buffers for reuse. */
  private outSpare: OutBuf[] | null = [];
  private outPool: OutBuf[] = [];
  private nextClientId = 3;
  private usedFds = new Set<number>();
  private callDepth = 0;
  /**
   * The command processInput is running, when its bytes in the client's decoder buffer,
   * rawBuf[rawStart, rawEnd), are exactly encodeCommand(rawArgv) (nothing pushes into that
   * buffer while the command runs). call() propagates those bytes when it propagates this very
   * argv array; any other argv is encoded as usual.
   */
  private rawArgv: string[] | null = null;
  private rawBuf: Uint8Array = new Uint8Array(0);
  private rawStart = 0;
  private rawEnd = 0;
  private pendingOps: Op[] = [];
  /** Set when a WAIT blocked during this event: GETACK is fed before sleeping. */
  getackPending = false;
  /** Clients blocked in WAIT. */
  readonly waiting = new Set<Client>();
  /** Clients blocked on keys (blocking.ts), and per db the clients waiting on each key in order. */
  readonly keyBlocked = new Set<Client>();
  readonly blockingKeys: Map<string, Client[]>[] = [];
  /** Keys that got a list someone waits on, to serve after the command (server.ready_keys). */
  readyKeys: { dbid: number; key: string }[] = [];
  readonly readySet = new Set<string>();
  /** Clients unblocked by another client's command, whose pipelines resume after the event. */
  private unblocked: Client[] = [];
  /** Client pauses in force, by purpose (pauseClients): each with its type and end (ms). */
  private readonly pauses = new Map<PausePurpose, { type: PauseType; end: number }>();
  /** The most restrictive pause in force, and the furthest end among those of that type. */
  pauseType: PauseType | 'off' = 'off';
  private pauseEnd = 0;
  /** Clients whose command waits for the pause to end (BLOCKED_POSTPONE), in arrival order. */
  readonly postponed: Client[] = [];
  /** A SHUTDOWN under way (7.0: waiting for replicas until `at`, ms; 0 = exiting now). */
  shutdown: { at: number; flags: ShutdownFlags } | null = null;
  /** Coordinated FAILOVER state (7.0). */
  readonly failover: FailoverState = newFailoverState();
  /** server.active_expire_enabled (DEBUG SET-ACTIVE-EXPIRE). */
  activeExpire = true;
  /**
   * slaveKeysWithExpire: the keys a writable replica gave a TTL itself (not its master), each
   * with a bitmask of the dbs it was given one in; expireSlaveKeys deletes them when due.
   */
  readonly slaveKeysWithExpire = new Map<string, number>();
  /** replicationCron's own call counter (replication_cron_loops: PINGs every N calls). */
  replCronLoops = 0;
  /**
   * DEBUG SLEEP: the process is blocked until this time (ms; 0 = awake). A blocked Redis reads
   * no socket and runs no timer; the kernel still accepts connections and buffers their bytes.
   */
  sleepUntil = 0;
  /** The client whose DEBUG SLEEP blocks the process: its pipelined commands run on waking. */
  private sleeper: Client | null = null;
  /** Network events that arrived while blocked, replayed in order on waking. */
  private deferred: (() => void)[] = [];

  constructor(readonly opts: ServerOptions) {
    this.d = new Dialect(opts.version);
    // `replicaof`/`slaveof` in the config file is a directive, not a parameter: startup() reads it.
    const { replicaof: _r, slaveof: _s, ...params } = opts.config ?? {};
    this.config = new Config(opts.version, { port: String(opts.port), ...params });
    if (this.d.is7) this.acl.setRequirepass(this.config.get('requirepass'));
    this.decoderLimits = {
      maxCount: this.d.is7 ? 2147483647 : 1024 * 1024,
      maxBulk: this.config.int('proto-max-bulk-len'),
    };
    for (let i = 0; i < DBNUM; i++) {
      this.dbs.push(new Db(i));
      this.lru.push(new Map());
      this.blockingKeys.push(new Map());
    }
    this.mstime = opts.clock.now();
    this.lruclock = lruClockAt(this.mstime);
    this.lfu = lfuPolicy(this);
    this.lruBaseline = newLru(this, this.lfu);
    this.startTime = this.mstime;
    this.lastsave = Math.floor(this.mstime / 1000);
    this.runId = randomHex(opts.rng);
    this.repl = newMasterState(this);
    this.rs = newReplicaSideState();
    // CONFIG GET replicaof / slaveof: the master this node follows now, as Redis shows it.
    this.config.replicaof = () => (this.rs.masterhost !== null ? `${this.rs.masterhost} ${this.rs.masterport}` : '');
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
    // `replicaof` in the config file sets masterhost while the file is read, so every line from
    // here on is logged with role S, and the RDB's replication info becomes a cached master.
    const replicaof = this.opts.config?.replicaof ?? this.opts.config?.slaveof;
    if (replicaof) {
      const [h, p] = replicaof.split(/\s+/);
      this.rs.masterhost = h;
      this.rs.masterport = Number(p);
      this.rs.state = 'connect';
    }
    if (this.d.is7) this.log('notice', 'monotonic clock: POSIX clock_gettime');
    this.log('notice', `Running mode=standalone, port=${this.port}.`);
    this.log('warning', 'Server initialized');
    startupLoad(this);
    // An RDB that cannot be loaded ends the process there (real Redis exits with status 1).
    if (this.exited) return;
    this.lruBaseline = newLru(this, this.lfu);
    this.log('notice', 'Ready to accept connections');
  }

  // ---------------------------------------------------------------- network entry points

  /** A connection was accepted on our port. */
  onAccept(conn: ConnId, peer: string): void {
    if (this.exited) return;
    if (this.deferIfAsleep(() => this.onAccept(conn, peer))) return;
    this.mstime = this.opts.clock.now();
    const fd = this.allocFd();
    const c = new Client(this.nextClientId++, conn, peer, `${this.host}:${this.port}`, fd, this.mstime);
    c.decoder.limits = this.decoderLimits;
    // 4.0 starts every client unauthenticated (only requirepass decides whether that matters).
    c.authenticated = this.d.is7 ? this.acl.authenticatedAtConnect() : false;
    this.clients.set(conn, c);
    this.stats.connections++;
  }

  /** Bytes arrived on a connection (client, replica or master link). */
  onData(conn: ConnId, data: Uint8Array): void {
    if (this.exited) return;
    if (this.sleepUntil !== 0) {
      const copy = data.slice(); // the host may reuse its buffer; the kernel would have copied it
      // The bytes wait in the socket: a writer on the other end may find it full.
      const net = this.opts.net;
      net.unread?.(conn, copy.length);
      this.deferred.push(() => {
        net.readLater?.(conn, copy.length);
        this.onData(conn, copy);
      });
      return;
    }
    this.mstime = this.opts.clock.now();
    if (this.rs.handshakeConn === conn) {
      onHandshakeData(this, data);
    } else {
      const c = this.clients.get(conn);
      if (!c || c.closed) return;
      c.lastInteraction = this.mstime;
      countRead(this, c, data.length);
      if (c.isMaster) receiveFromMaster(this, c, data);
      else {
        c.decoder.push(data);
        this.processInput(c);
      }
    }
    this.afterEvent();
  }

  /** The peer closed (or the network reset) a connection. */
  onClosed(conn: ConnId): void {
    if (this.exited) return;
    if (this.deferIfAsleep(() => this.onClosed(conn))) return;
    this.mstime = this.opts.clock.now();
    if (this.rs.handshakeConn === conn) {
      masterLinkClosed(this, null);
    } else {
      const c = this.clients.get(conn);
      if (c) this.freeClient(c, false);
    }
    this.afterEvent();
  }

  /**
   * The peer of `conn` has read `read` bytes in all of what this process wrote on it, and the
   * socket has room again (after `Net.wantWritable`): a blocked RDB transfer goes on.
   */
  onWritable(conn: ConnId, read: number): void {
    if (this.exited) return;
    if (this.deferIfAsleep(() => this.onWritable(conn, read))) return;
    this.mstime = this.opts.clock.now();
    const c = this.clients.get(conn);
    if (c !== undefined && !c.closed) replicaWritable(this, c, read);
    this.afterEvent();
  }

  /** An outgoing connection we started is established. */
  onConnected(conn: ConnId, localAddr: string): void {
    if (this.exited) return;
    if (this.deferIfAsleep(() => this.onConnected(conn, localAddr))) return;
    this.mstime = this.opts.clock.now();
    if (this.rs.handshakeConn === conn) onMasterConnected(this, localAddr);
    this.afterEvent();
  }

  /** An outgoing connection we started failed. */
  onConnectFailed(conn: ConnId, reason: string): void {
    if (this.exited) return;
    if (this.deferIfAsleep(() => this.onConnectFailed(conn, reason))) return;
    this.mstime = this.opts.clock.now();
    if (this.rs.handshakeConn === conn) onMasterConnectFailed(this, reason);
    this.afterEvent();
  }

  /** serverCron: the host calls this every 1000/hz ms of (simulated) time. */
  cron(): void {
    if (this.exited) return;
    this.mstime = this.opts.clock.now();
    if (this.sleepUntil !== 0) {
      // A blocked process misses its timer; the first tick after the sleep runs it once.
      if (this.mstime < this.sleepUntil) return;
      this.wake();
      // The rest of the sleeper's pipeline may have ended the process or put it to sleep again.
      if (this.exited || this.sleepUntil !== 0) return;
    }
    // Clear the paused clients state if needed.
    this.clientsPaused();
    this.lruclock = lruClockAt(this.mstime);
    statsCron(this);
    activeExpireCycle(this);
    persistenceCron(this);
    shutdownCron(this);
    if (this.exited) return;
    // 7.0 runs replicationCron every serverCron while a FAILOVER is under way.
    if (this.cronloops % 10 === 0 || this.failover.state !== 'no-failover') replicationCron(this);
    this.checkWaitTimeouts();
    if (this.keyBlocked.size > 0) checkKeyBlockTimeouts(this);
    this.cronloops++;
    this.afterEvent();
    // What arrived during a sleep is read on the event loop's next turn, after the timer.
    while (this.deferred.length > 0 && this.sleepUntil === 0 && !this.exited) this.deferred.shift()!();
  }

  // ---------------------------------------------------------------- DEBUG SLEEP

  /** Block the whole process for `ms` from now (DEBUG SLEEP, called by the running client). */
  sleep(ms: number): void {
    if (ms <= 0) return;
    this.sleepUntil = this.mstime + ms;
    this.sleeper = this.currentClient;
  }

  /** Asleep: keep the event for waking and say so. */
  private deferIfAsleep(ev: () => void): boolean {
    if (this.sleepUntil === 0) return false;
    this.deferred.push(ev);
    return true;
  }

  /**
   * The sleep is over: the sleeping client's command returns and the rest of its pipeline runs
   * (Redis was inside processInputBuffer); the timer and the buffered events follow in cron().
   */
  private wake(): void {
    this.sleepUntil = 0;
    const c = this.sleeper;
    this.sleeper = null;
    if (c !== null && !c.closed && !c.isMaster) this.processInput(c);
  }

  // ---------------------------------------------------------------- output

  /** A buffer for a connection's output in this event, queued for the flush in first-write order. */
  private newOut(conn: ConnId, owner: Client | null): OutBuf {
    const o = this.outPool.pop() ?? new OutBuf();
    o.conn = conn;
    o.owner = owner;
    this.outList.push(o);
    return o;
  }

  /** The output buffer of a client for this event (created at its first write). */
  private clientOut(c: Client): OutBuf {
    const o = c.out;
    if (o !== null) return o;
    return (c.out = this.newOut(c.conn, c));
  }

  /** The output buffer of a connection for this event, whether or not a client owns it. */
  private outFor(conn: ConnId): OutBuf {
    const c = this.clients.get(conn);
    if (c !== undefined) return this.clientOut(c);
    let o = this.connOut.get(conn);
    if (o === undefined) {
      o = this.newOut(conn, null);
      this.connOut.set(conn, o);
    }
    return o;
  }

  /** Detach a buffer from its connection, send what it holds and recycle it. */
  private sendOut(o: OutBuf): void {
    const owner = o.owner;
    if (owner !== null) owner.out = null;
    else this.connOut.delete(o.conn);
    o.owner = null;
    const bytes = o.take();
    // Output with no client (a replica's handshake to its master) is written synchronously in
    // Redis and never counted.
    const client = (owner as Client | null) ?? undefined;
    countWrite(this, client, bytes.length);
    if (client !== undefined && client.replica !== null) client.replica.netSent += bytes.length;
    this.opts.net.send(o.conn, bytes);
    this.recycleOut(o);
  }

  /** Empty a detached buffer and keep it for reuse (unless it grew large, or enough are kept). */
  private recycleOut(o: OutBuf): void {
    o.n = 0;
    if (o.a.length <= 65536 && this.outPool.length < 16) this.outPool.push(o);
  }

  /**
   * connWrite of a full sync's RDB: bytes straight into a replica's socket, after what its output
   * buffer holds (rdb-transfer.ts decides how many the socket takes). `bytes` never changes.
   */
  sendToReplicaSocket(c: Client, bytes: Uint8Array): void {
    this.flushConn(c.conn);
    countWrite(this, c, bytes.length);
    c.replica!.netSent += bytes.length;
    this.opts.net.send(c.conn, bytes);
  }

  /** Queue bytes (a byte string) for a connection; flushed at the end of the event. */
  write(conn: ConnId, s: string): void {
    this.outFor(conn).bin(s);
  }

  /** Queue raw bytes b[start, end) for a connection. */
  writeBytes(conn: ConnId, b: Uint8Array, start = 0, end = b.length): void {
    this.outFor(conn).bytes(b, start, end);
  }

  /** writeBytes to a client's connection (the replication stream to a replica). */
  writeClientBytes(c: Client, b: Uint8Array, start: number, end: number): void {
    this.clientOut(c).bytes(b, start, end);
  }

  /** Queue a reply for a client (encoded as encodeReply does, in the client's protocol). */
  reply(c: Client, r: Reply): void {
    // CLIENT REPLY OFF/SKIP: replies are dropped, pushes still go out.
    if ((c.replyOff || c.replySkip) && r.t !== 'push') return;
    this.clientOut(c).reply(r, c.resp);
  }

  /** End of an event: feed GETACK if a WAIT blocked, then flush all output (beforeSleep). */
  afterEvent(): void {
    // Nothing leaves a blocked process: replies wait in their buffers until it wakes.
    if (this.sleepUntil !== 0) return;
    // handleClientsBlockedOnKeys, then processUnblockedClients: clients a command, a served key
    // or a pause's end unblocked during this event.
    if (this.readyKeys.length > 0) handleBlockedOnKeys(this);
    while (this.unblocked.length > 0 && !this.exited) {
      const c = this.unblocked.shift()!;
      if (!c.closed && c.blockedOn === null && c.wait === null && c.bpop === null) this.resume(c);
      if (this.readyKeys.length > 0) handleBlockedOnKeys(this);
    }
    // 7.0 holds the GETACK back while writes are paused (it would move the offset).
    if (this.getackPending && !this.clientsPaused()) {
      this.getackPending = false;
      if (this.repl.backlog) feedCommand(this, -1, ['REPLCONF', 'GETACK', '*']);
    }
    if (this.failover.state === 'waiting-for-sync') updateFailoverStatus(this);
    if (this.tracking.bcastDue) broadcast(this);
    this.flushOut();
    // 7.0 frees backlog blocks no longer needed after the replicas' output is written.
    this.repl.backlog?.trimBeforeSleep();
  }

  /** handleClientsWithPendingWrites: send what every client's buffer holds. */
  private flushOut(): void {
    if (this.outList.length === 0) {
      if (this.closeWithoutReply) this.closeFlagged();
      return;
    }
    const list = this.outList;
    // The emptied list of the previous flush is reused (a nested flush would make a new one).
    this.outList = this.outSpare ?? [];
    this.outSpare = null;
    for (let i = 0; i < list.length; i++) this.sendOut(list[i]);
    list.length = 0;
    this.outSpare = list;
    this.closeFlagged();
  }

  /** Close every client flagged to close once its reply is out. */
  private closeFlagged(): void {
    this.closeWithoutReply = false;
    for (const c of this.clients.values()) {
      if (c.closeAfterReply && !c.closed) this.freeClient(c, true);
    }
  }

  /** Take a connection's pending output out of the flush; returns it (null when there is none). */
  private unqueueOut(conn: ConnId): OutBuf | null {
    const c = this.clients.get(conn);
    const o = c !== undefined ? c.out : (this.connOut.get(conn) ?? null);
    if (o === null) return null;
    const i = this.outList.indexOf(o);
    // Not in the list: a flush under way holds it and will send it (as a nested flush did before).
    if (i < 0) return null;
    this.outList.splice(i, 1);
    return o;
  }

  /** Flush pending output now (before closing a connection). */
  flushConn(conn: ConnId): void {
    const o = this.unqueueOut(conn);
    if (o !== null) this.sendOut(o);
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
      // Pending output is dropped.
      const o = this.unqueueOut(c.conn);
      if (o !== null) {
        c.out = null;
        o.owner = null;
        this.recycleOut(o);
      }
    }
    this.clients.delete(c.conn);
    this.releaseFd(c.fd);
    this.waiting.delete(c);
    unwatchAll(c);
    unblockKeys(this, c);
    this.pubsub.dropClient(this, c);
    disableTracking(this, c);
    if (c.monitor) this.stopMonitor(c);
    if (c.blockedOn === 'postpone') this.postponed.splice(this.postponed.indexOf(c), 1);
    c.blockedOn = null;
    if (c.replica) replicaClosed(this, c);
    if (c.isMaster) masterLinkClosed(this, c);
  }

  /** Register a client object for a connection we opened (master link becoming a client). */
  adoptClient(c: Client): void {
    // 7.0 reads the master's bulks whatever proto-max-bulk-len says.
    c.decoder.limits = this.d.is7 ? MASTER_DECODER_LIMITS : this.decoderLimits;
    this.clients.set(c.conn, c);
    // Output already queued for the connection (the handshake) becomes the client's, in place.
    const o = this.connOut.get(c.conn);
    if (o !== undefined) {
      this.connOut.delete(c.conn);
      o.owner = c;
      c.out = o;
    }
  }

  // ---------------------------------------------------------------- dispatch

  /** Run every complete command in a normal client's buffer. */
  private processInput(c: Client): void {
    // A client is in `waiting` exactly while its `wait` is set (WAIT blocks it); nothing is read
    // while the process sleeps (DEBUG SLEEP).
    while (
      !c.closed &&
      !c.closeAfterReply &&
      c.blockedOn === null &&
      c.wait === null &&
      c.bpop === null &&
      this.sleepUntil === 0
    ) {
      const d = c.decoder.next();
      if (d === null) break;
      if ('error' in d) {
        errorReplied(this, c, `ERR ${d.error}`);
        this.reply(c, error(`ERR ${d.error}`));
        logProtocolError(this, c, d.reason);
        c.closeAfterReply = true;
        break;
      }
      if (d.argv.length === 0) continue;
      const dec = c.decoder;
      if (dec.canonical) {
        // Its bytes are encodeCommand(argv): call() propagates them as they are, if unchanged.
        this.rawArgv = d.argv;
        this.rawBuf = dec.buffer;
        this.rawEnd = dec.consumedEnd;
        this.rawStart = this.rawEnd - d.size;
      }
      this.processCommand(c, d.argv);
      this.resetClient(c);
      this.rawArgv = null;
      if (this.exited) return;
    }
  }

  /** processCommand: lookup, arity, MULTI queueing, the replica/min-replicas checks, then call. */
  processCommand(c: Client, argv: string[]): void {
    this.mstime = this.opts.clock.now();
    const resolved = resolveFor(c, argv[0], this.opts.version);
    if (resolved === null) {
      const lower = argv[0].toLowerCase();
      // 4.0's QUIT is no command: processCommand answers it before looking anything up.
      if (lower === 'quit') {
        this.reply(c, OK);
        c.closeAfterReply = true;
        return;
      }
      if (lower === 'host:' || lower === 'post') {
        this.log(
          'warning',
          'Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your Redis instance. Connection aborted.',
        );
        c.closeAfterReply = true;
        // There is no reply to flush: the connection closes at the end of this event anyway.
        this.closeWithoutReply = true;
        return;
      }
      // c->lastcmd is set at lookup, before any check (CLIENT LIST's cmd=, 7.0's full name client|list).
      c.lastCmd = 'NULL';
      this.reject(c, error(unknownCommandError(argv, this.opts.version)));
      return;
    }
    const { name, cmd } = resolved;
    let info = resolved.info;
    // 7.0 container commands resolve their subcommand first: its arity and flags apply.
    if (this.d.is7 && cmd.subcommands !== undefined && argv.length >= 2) {
      const sub = subcommandInfo(cmd, argv[1]);
      if (sub === null) {
        c.lastCmd = 'NULL';
        const msg = `ERR unknown subcommand '${argv[1].slice(0, 128)}'. Try ${argv[0].toUpperCase()} HELP.`;
        this.reject(c, error(msg.replace(/[\r\n]/g, ' ')));
        return;
      }
      info = sub;
    }
    // Unknown subcommands have answered above: what runs is the subcommand, or the command.
    c.lastCmd = info.fullName ?? name;
    const arity = info.arity;
    if (!arityOk(arity, argv.length)) {
      const shown = info.fullName ?? name;
      this.reject(c, this.d.is7 ? wrongArity(shown) : error(`ERR wrong number of arguments for '${name}' command`));
      return;
    }
    if (info.protected && this.d.is7 && !this.protectedActionAllowed(c, this.config.get('enable-debug-command'))) {
      this.reject(
        c,
        error(
          'ERR DEBUG command not allowed. If the enable-debug-command option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.',
        ),
      );
      return;
    }
    // AUTH, HELLO, QUIT (the no-auth commands; in 4.0 AUTH alone) run before authenticating; the
    // master's link is always in. 7.0 checks after the DEBUG protection, 4.0 right after arity.
    if (!c.isMaster && this.authRequired(c) && !(this.d.is7 ? info.noAuth : name === 'auth')) {
      this.reject(c, error('NOAUTH Authentication required.'));
      return;
    }
    if (c.multi && info.noMulti) {
      this.reject(c, error('ERR Command not allowed inside a transaction'));
      return;
    }
    // These checks apply to every command, queued ones included (processCommand runs them before
    // queueing). 7.0 judges EXEC by the flags of what it queued (mstate.cmd_flags); 4.0's EXEC is
    // neither a write nor a stale command.
    if (cmd.flagsFor !== undefined) info = infoWithScriptFlags(this, cmd, argv, info);
    let isWrite = info.write;
    let denyStale = !info.stale;
    if (this.d.is7 && name === 'exec' && c.multi !== null) {
      for (const q of c.multi.queue) {
        // Queued commands were resolved when queued; resolveCommand leaves the client's memo be.
        const r = resolveCommand(q[0], this.opts.version);
        const qi = r === null ? null : infoWithScriptFlags(this, r.cmd, q, effectiveInfo(r.cmd, q, true));
        if (qi?.write) isWrite = true;
        if (!qi?.stale) denyStale = true;
      }
    }
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
    // 7.0: a monitor counts as a replica, and replicas may not touch the keyspace.
    if (c.monitor && this.d.is7) {
      const flags = effectiveFlags(cmd, argv);
      if (isWrite || info.mayReplicate || flags.includes('readonly')) {
        this.reject(c, error("ERR Replica can't interact with the keyspace"));
        return;
      }
    }
    // A RESP2 client in subscribe mode may only change its subscriptions, PING, QUIT or RESET.
    if (subscribeModeRestricted(c) && !SUBSCRIBED_OK.has(name)) {
      if (this.d.is7) {
        const what = info.fullName ?? name;
        this.reject(
          c,
          error(
            `ERR Can't execute '${what}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`,
          ),
        );
      } else this.reply(c, error('ERR only (P)SUBSCRIBE / (P)UNSUBSCRIBE / PING / QUIT allowed in this context')); // 4.0: no flagTransaction
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
    // While clients are paused (CLIENT PAUSE, FAILOVER, SHUTDOWN) the command waits.
    if (this.pauseType !== 'off' && this.pausedFor(c, isWrite, info.mayReplicate)) {
      this.postpone(c, argv);
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
    // Invalidations of keys the client itself changed come after its reply.
    if (this.tracking.pending.length > 0) sendPending(this, c);
    // A command that put the process to sleep (DEBUG SLEEP, inside EXEC too) ends after the sleep:
    // the ready keys are served when it wakes (afterEvent), at that time — a key pushed with a TTL
    // shorter than the sleep is gone by then and serves no one, as in Redis.
    if (this.readyKeys.length > 0 && this.sleepUntil === 0) handleBlockedOnKeys(this);
  }

  /**
   * resetClient's per-command flags: CLIENT REPLY SKIP silences exactly the next command, and
   * CLIENT CACHING holds for the next command (a whole transaction, and across CLIENT calls).
   */
  private resetClient(c: Client): void {
    if (c.bpop !== null || c.wait !== null || c.blockedOn !== null) return;
    if (c.tracking?.caching && c.multi === null && !c.lastCmd.startsWith('client')) c.tracking.caching = false;
    c.replySkip = c.replySkipNext;
    c.replySkipNext = false;
  }

  /** A client unblocked by something else than its own command: its pipeline resumes after the event. */
  resumeLater(c: Client): void {
    this.unblocked.push(c);
  }

  /** Whether a client must AUTH before its next command (7.0 authRequired, 4.0 requirepass). */
  authRequired(c: Client): boolean {
    if (this.d.is7) return this.acl.authRequired(c);
    return this.config.get('requirepass') !== '' && !c.authenticated;
  }

  /**
   * rejectCommand: an error that also aborts a MULTI in progress (flagTransaction). 7.0: a
   * rejected EXEC discards the transaction and answers EXECABORT (execCommandAbort).
   */
  private reject(c: Client, r: Reply, name = ''): void {
    commandRejected(this, c);
    if (this.d.is7 && name === 'exec' && c.multi && r.t === 'error') {
      c.multi = null;
      this.unwatch(c);
      const abort = `EXECABORT Transaction discarded because of: ${r.s}`;
      errorReplied(this, c, abort);
      this.reply(c, error(abort));
      return;
    }
    if (c.multi) c.multi.dirtyExec = true;
    if (r.t === 'error') errorReplied(this, c, r.s);
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
    const prevCmd = this.currentCmd;
    const prevArgv = this.currentArgv;
    this.currentClient = c;
    this.currentCmd = cmd;
    this.currentArgv = argv;
    this.callDepth++;
    // One object per call, no closures: the propagation requests land in its fields.
    const ctx = new CallCtx(this, c, argv, this.dbs[c.db]);
    let reply: Reply | null;
    // MONITOR: 4.0 shows a command before it runs, 7.0 after (below).
    const monitored = this.monitors.length > 0 && !hiddenFromMonitors(cmd, argv, this.d.is7);
    const sleptBefore = this.sleepUntil;
    if (monitored && !this.d.is7) feedMonitors(this, c, c.db, argv);
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
      this.currentCmd = prevCmd;
      this.currentArgv = prevArgv;
    }
    this.stats.commands++;
    commandCalled(this, c, cmd, argv, reply);
    if (this.d.is7) {
      // The latency monitor and the slow log (a blocked client's command is not logged, as in Redis).
      const us = callDuration(this, this.mstime, sleptBefore);
      // (Under a millisecond nothing is sampled: the monitor counts whole milliseconds.)
      if (us >= 1000)
        latencySample(
          this,
          effectiveFlags(cmd, argv).includes('fast') ? 'fast-command' : 'command',
          Math.trunc(us / 1000),
        );
      if (c.wait === null && c.blockedOn === null && c.bpop === null) slowlogPush(this, c, cmd, argv, us);
    }
    if (monitored && this.d.is7) feedMonitors(this, c, c.db, argv);
    const dirtied = this.dirty - prevDirty > 0;
    const tracked = this.tracking.clients > 0;
    if (dirtied && (anyWatched() || tracked) && cmd.touchesOwnKeys !== true) this.touchWritten(c, cmd, argv);
    // A tracking client's reads are remembered (EVAL_RO and FCALL_RO themselves excepted). A read
    // a script makes remembers the keys its caller declared (the script's KEYS), for the caller.
    if (tracked && !/^(eval|fcall)/.test(cmd.name) && effectiveFlags(cmd, argv).includes('readonly')) {
      const script = c.fd < 0 && prevClient !== null && prevArgv !== null;
      const caller = script ? prevClient : c;
      if (caller.tracking !== null && !caller.tracking.bcast && !cmd.flags.includes('pubsub')) {
        if (script) rememberScriptKeys(this, caller, prevArgv);
        else rememberKeys(this, c, cmd, argv);
      }
    }
    const own = dirtied && !ctx.prevented && !c.isMaster && !c.noPropagation ? (ctx.rewritten ?? argv) : null;
    const also = ctx.alsoOps;
    if (this.d.is7) {
      if (also === null && this.callDepth === 0 && this.pendingOps.length === 0) {
        // The common case: at most one op, which propagatePending would feed unwrapped.
        if (own !== null) this.feedOwn(c.db, own);
      } else {
        if (also !== null) for (const op of also) this.pendingOps.push(op);
        if (own !== null) this.pendingOps.push({ dbid: c.db, argv: own });
        if (this.callDepth === 0) this.propagatePending(cmd);
      }
    } else {
      if (own !== null) this.feedOwn(c.db, own);
      if (also !== null) for (const op of also) feedCommand(this, op.dbid, op.argv);
    }
    return reply;
  }

  /** signalModifiedKey for every key a command that moved dirty writes, as its key specs say. */
  private touchWritten(c: Client, cmd: Command, argv: string[]): void {
    const db = this.dbs[c.db];
    for (const k of getKeys70(cmd, argv)) {
      if (k.flags.includes('RW') || k.flags.includes('OW') || k.flags.includes('RM'))
        this.signalModified(db, argv[k.pos], c);
    }
  }

  /** signalModifiedKey: WATCH and client tracking learn that a key changed (`by`: null for expiry). */
  signalModified(db: Db, key: string, by: Client | null): void {
    touchKey(db, key);
    if (this.tracking.clients > 0 || this.tracking.table.size > 0) invalidateKey(this, by, key);
  }

  /** WATCH is done for this client (EXEC, DISCARD, a transaction aborted, the client gone). */
  unwatch(c: Client): void {
    unwatchAll(c);
    c.dirtyCas = false;
  }

  /** Feed a command's own propagation: the bytes it arrived as when they encode this argv. */
  private feedOwn(dbid: number, argv: string[]): void {
    if (argv === this.rawArgv) feedCommandBytes(this, dbid, this.rawBuf, this.rawStart, this.rawEnd);
    else feedCommand(this, dbid, argv);
  }

  /**
   * What a blocked client did when it was served (XREADGROUP's XCLAIMs), propagated as one unit:
   * afterCommand's propagatePendingCommands for that client (MULTI/EXEC around two or more).
   */
  propagateUnit(dbid: number, ops: string[][]): void {
    for (const argv of ops) this.pendingOps.push({ dbid, argv });
    if (this.callDepth === 0) this.propagatePending();
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

  /** Build the Ctx a command runs with, its propagation requests going to `prop`. */
  makeCtx(
    c: Client,
    argv: string[],
    prop: { rewrite(a: string[]): void; also(a: string[], dbid?: number): void; noPropagate(): void },
    db = this.dbs[c.db],
  ): Ctx {
    const ctx = new CallCtx(this, c, argv, db);
    ctx.rewrite = prop.rewrite;
    ctx.also = prop.also;
    ctx.noPropagate = prop.noPropagate;
    return ctx;
  }

  /**
   * lookupKey with expireIfNeeded (db.c). A key is expired once now > its deadline
   * (keyIsExpired). Masters delete an expired key and propagate the DEL; replicas leave it to
   * their master's DEL (see lookupExpired). Read lookups count keyspace hits/misses (unless
   * `countStats` is false: expireIfNeeded), write lookups do not; a found key's access clock is touched unless a child is running.
   */
  lookup(db: Db, key: string, write: boolean, countStats = !write): RValue | undefined {
    const v = db.dict.get(key);
    if (v === undefined) {
      if (countStats) this.stats.keyspaceMisses++;
      return undefined;
    }
    // (Most keyspaces have no TTLs at all: then there is no deadline to look up.)
    const when = db.expires.size === 0 ? undefined : db.expires.get(key);
    if (when !== undefined && this.mstime > when) return this.lookupExpired(db, key, v, write, countStats);
    if (countStats) this.stats.keyspaceHits++;
    if (this.trackAccess && this.child === null) touchLru(this, db.id, key, this.lfu);
    return v;
  }

  /**
   * A lookup met a logically expired key.
   * - 7.0 (lookupKey + expireIfNeeded): the master client always sees it; on a replica a read
   *   hides it, and a write deletes it only on a writable replica (EXPIRE_FORCE_DELETE_EXPIRED);
   *   a master deletes and propagates it, except while writes are paused (FAILOVER, SHUTDOWN),
   *   when it only hides it.
   * - 4.0 (lookupKeyRead / lookupKeyWrite): a replica never deletes; it hides the key only from
   *   read lookups of read-only commands sent by normal clients — write lookups, and read
   *   lookups of other commands, get the value. A master deletes and propagates it; a read of
   *   it counts neither a hit nor a miss.
   */
  private lookupExpired(db: Db, key: string, v: RValue, write: boolean, countStats: boolean): RValue | undefined {
    const fromMaster = this.currentClient?.isMaster === true;
    if (this.isReplica) {
      if (this.d.is7) {
        if (fromMaster || (write && this.config.bool('replica-read-only'))) {
          if (fromMaster) {
            if (countStats) this.stats.keyspaceHits++;
            return v;
          }
          return undefined;
        }
        if (!write) {
          if (countStats) this.stats.keyspaceMisses++;
          return undefined;
        }
        this.deleteExpired(db, key);
        return undefined;
      }
      if (write) return v;
      const cmd = this.currentCmd;
      const readonly = cmd !== null && (cmd.flags40 ?? cmd.flags).includes('readonly');
      if (!fromMaster && readonly) return undefined;
      if (countStats) this.stats.keyspaceHits++;
      return v;
    }
    if (this.d.is7 && this.clientsPaused()) {
      if (countStats) this.stats.keyspaceMisses++;
      return undefined;
    }
    this.deleteExpired(db, key);
    if (countStats && this.d.is7) this.stats.keyspaceMisses++;
    return undefined;
  }

  /** deleteExpiredKeyAndPropagate (a replica propagates nothing of its own). */
  deleteExpired(db: Db, key: string): void {
    signalKeyChange(this, db.id, key, db.dict.get(key));
    db.dict.delete(key);
    db.expires.delete(key);
    this.lru[db.id].delete(key);
    // 7.0 signals the deletion to WATCH and tracking (4.0 does not).
    if (this.d.is7) this.signalModified(db, key, null);
    this.stats.expiredKeys++;
    this.propagateExpired(db, key);
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

  /**
   * A WAIT ends (satisfied, timed out, or CLIENT UNBLOCK): it answers how many replicas have
   * acknowledged, or `reply` (CLIENT UNBLOCK ... ERROR). The rest of the client's pipeline runs now, or — when another client's command
   * did the unblocking — once that event is over (processUnblockedClients in beforeSleep).
   */
  unblockWait(c: Client, deferRest = false, reply?: Reply): void {
    const w = c.wait!;
    this.waiting.delete(c);
    c.wait = null;
    this.reply(c, reply ?? { t: 'int', n: this.replicasAcked(w.offset) });
    if (deferRest) this.unblocked.push(c);
    else this.processInput(c);
  }

  // ---------------------------------------------------------------- pauses and blocked clients

  /**
   * checkClientPauseTimeoutAndReturnIfPaused: whether clients are paused (CLIENT PAUSE, FAILOVER,
   * SHUTDOWN), ending the pauses whose time is up.
   */
  clientsPaused(): boolean {
    if (this.pauseType !== 'off' && this.pauseEnd < this.mstime) this.updatePause();
    return this.pauseType !== 'off';
  }

  /**
   * pauseClients: pause `type` commands ('write': writes and may-replicate commands; 'all':
   * every command) of every client but the replicas until `end` (ms; Infinity = until unpaused).
   * A purpose paused again keeps the more restrictive type and the later end.
   */
  pauseClients(purpose: PausePurpose, end: number, type: PauseType): void {
    const p = this.pauses.get(purpose);
    if (p === undefined) this.pauses.set(purpose, { type, end });
    else {
      if (type === 'all') p.type = 'all';
      p.end = Math.max(p.end, end);
    }
    this.updatePause();
  }

  /** unpauseClients(purpose). */
  unpauseClients(purpose: PausePurpose): void {
    if (this.pauses.delete(purpose)) this.updatePause();
  }

  /**
   * updateClientPauseTypeAndEndTime: drop the pauses whose end has passed; when what is paused
   * gets less restrictive, the postponed clients are run again after this event (and may be
   * postponed again), in the order they were postponed.
   */
  private updatePause(): void {
    const old = this.pauseType;
    let type: PauseType | 'off' = 'off';
    for (const [purpose, p] of this.pauses) {
      if (p.end < this.mstime) this.pauses.delete(purpose);
      else if (type !== 'all') type = p.type;
    }
    let end = 0;
    for (const p of this.pauses.values()) if (p.type === type && p.end > end) end = p.end;
    this.pauseType = type;
    this.pauseEnd = end;
    if (old === 'all' ? type !== 'all' : old === 'write' && type === 'off') {
      // 4.0 goes back over its client list (creation order); 7.0 over the postponed ones in turn.
      const waiting = this.postponed.splice(0);
      if (!this.d.is7) waiting.sort((a, b) => a.id - b.id);
      for (const c of waiting) {
        if (c.closed || c.blockedOn !== 'postpone') continue;
        c.blockedOn = null;
        this.unblocked.push(c);
      }
    }
  }

  /** Whether `c` is one of this master's replicas (its link is in the replicas list: CLIENT_SLAVE). */
  /** A monitor stops being one (RESET, or its connection closed). */
  stopMonitor(c: Client): void {
    c.monitor = false;
    const i = this.monitors.indexOf(c);
    if (i >= 0) this.monitors.splice(i, 1);
  }

  isReplicaClient(c: Client): boolean {
    return c.replica !== null && this.slaves.includes(c);
  }

  /** Whether a pause keeps `c` from running a command with these flags now. */
  pausedFor(c: Client, isWrite: boolean, mayReplicate: boolean): boolean {
    if (this.pauseType === 'off' || this.isReplicaClient(c)) return false;
    return this.pauseType === 'all' || isWrite || mayReplicate;
  }

  /** Park a client until the pause ends (BLOCKED_POSTPONE); `argv` is run again then. */
  postpone(c: Client, argv: string[] | null): void {
    c.blockedOn = 'postpone';
    c.postponedArgv = argv;
    this.postponed.push(c);
  }

  /** An unblocked client goes on: its postponed command, then the rest of its input. */
  private resume(c: Client): void {
    if (c.isMaster) {
      // 4.0 proxies what its master sent only when it reads from the socket: commands applied
      // when the client is unblocked advance slave_repl_offset but never reach its own backlog
      // or sub-replicas (fixed in 5.0 by processInputBufferAndReplicate).
      applyFromMaster(this, c, this.d.is7);
      return;
    }
    const argv = c.postponedArgv;
    c.postponedArgv = null;
    if (argv !== null) {
      this.processCommand(c, argv);
      if (this.exited) return;
    }
    this.resetClient(c);
    this.processInput(c);
  }

  /** A 7.0 SHUTDOWN client waits for the process to exit (BLOCKED_SHUTDOWN). */
  blockForShutdown(c: Client): void {
    c.blockedOn = 'shutdown';
  }

  /** replyToClientsBlockedOnShutdown: the shutdown was cancelled. */
  releaseShutdownWaiters(r: Reply): void {
    for (const c of this.clients.values()) {
      if (c.blockedOn !== 'shutdown') continue;
      c.blockedOn = null;
      if (r.t === 'error') errorReplied(this, c, r.s);
      this.reply(c, r);
      this.processInput(c);
    }
  }

  /** sendGetackToReplicas: REPLCONF GETACK * into the stream now. */
  feedGetack(): void {
    feedCommand(this, -1, ['REPLCONF', 'GETACK', '*']);
  }

  /**
   * disconnectAllBlockedClients (a master turning replica): WAIT and SHUTDOWN clients get an
   * error and are closed; postponed commands stay (they are processed again later).
   */
  disconnectBlockedClients(): void {
    const msg = this.d.is7
      ? 'UNBLOCKED force unblock from blocking operation, instance state changed (master -> replica?)'
      : 'UNBLOCKED force unblock from blocking operation, instance state changed (master -> slave?)';
    for (const c of this.clients.values()) {
      const inWait = this.waiting.has(c);
      if (!inWait && c.blockedOn !== 'shutdown' && c.bpop === null) continue;
      unblockKeys(this, c);
      this.waiting.delete(c);
      c.wait = null;
      c.blockedOn = null;
      errorReplied(this, c, msg);
      this.reply(c, error(msg));
      c.closeAfterReply = true;
    }
  }

  /**
   * allowProtectedAction: `yes`, or `local` for a client connected over loopback. The playground
   * defaults enable-debug-command to `local` (real 7.0: `no`) so consoles can run DEBUG.
   */
  protectedActionAllowed(c: Client, setting: string): boolean {
    if (setting === 'yes') return true;
    if (setting !== 'local') return false;
    const ip = c.addr.slice(0, c.addr.lastIndexOf(':'));
    return ip === '127.0.0.1' || ip === '::1' || ip === '[::1]';
  }

  // ---------------------------------------------------------------- process exit

  /** The process ends (SHUTDOWN): links close, nothing runs any more. */
  exit(code = 0): void {
    // The process just ends: pending output goes out, connections close, and nothing is logged
    // about the replicas or the master link it leaves behind (no freeClient bookkeeping).
    for (const c of [...this.clients.values()]) {
      c.closed = true;
      this.flushConn(c.conn);
      this.opts.net.close(c.conn);
    }
    this.clients.clear();
    if (this.rs.handshakeConn !== null) this.opts.net.close(this.rs.handshakeConn);
    this.exited = true;
    this.opts.emit?.({ type: 'exit', code });
  }

  /** Empty every database (FLUSHALL, full sync). */
  flushAll(): number {
    this.touchFlushed(-1);
    let n = 0;
    for (const db of this.dbs) {
      n += db.clear();
      forgetStrings(db);
    }
    for (const m of this.lru) m.clear();
    this.slaveKeysWithExpire.clear();
    return n;
  }

  /** signalFlushedDb: before db `dbid` (-1: every db) is emptied, its watched keys are touched. */
  touchFlushed(dbid: number): void {
    // scanDatabaseForDeletedStreams: the XREADGROUP waiters of the streams going away are told.
    for (const db of this.dbs) if (dbid === -1 || db.id === dbid) signalDeletedStreams(this, db, null);
    if (this.d.is7) {
      for (const db of this.dbs) if (dbid === -1 || db.id === dbid) touchAllInDb(db, null, this.mstime);
      if (this.tracking.clients > 0 || this.tracking.table.size > 0) invalidateOnFlush(this);
    } else touchOnFlush40(this.dbs, dbid);
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

/**
 * The Ctx of one call (what a command runs with). A class rather than an object of closures: a
 * call allocates one object, and rewrite/also/noPropagate record what call() propagates in its
 * fields. `now`, `isReplica` and `db` are fixed when the call starts.
 */
class CallCtx implements Ctx {
  readonly now: number;
  readonly version: RedisVersion;
  readonly isReplica: boolean;
  /** Set by rewrite(): propagate this argv instead of the typed one. */
  rewritten: string[] | null = null;
  /** Set by noPropagate(). */
  prevented = false;
  /** Added by also(), in order. */
  alsoOps: Op[] | null = null;

  constructor(
    readonly srv: Server,
    readonly client: Client,
    readonly argv: string[],
    readonly db: Db,
  ) {
    this.now = srv.mstime;
    this.version = srv.opts.version;
    this.isReplica = srv.isReplica;
  }

  lookupRead(key: string, d: Db = this.db): RValue | undefined {
    return this.srv.lookup(d, key, false);
  }
  lookupWrite(key: string, d: Db = this.db): RValue | undefined {
    return this.srv.lookup(d, key, true);
  }
  expireIfNeeded(key: string, d: Db = this.db): RValue | undefined {
    return this.srv.lookup(d, key, false, false);
  }
  setKey(key: string, value: RValue, keepTtl = false, d: Db = this.db): void {
    // dbAdd of a list, sorted set or stream, or a stream overwritten: whoever waits on the key
    // (BLPOP, BZPOPMIN, XREAD...) is served, or told, after the command.
    if (this.srv.keyBlocked.size > 0) signalKeyChange(this.srv, d.id, key, d.dict.get(key), value);
    d.dict.set(key, value);
    if (!keepTtl && d.expires.size !== 0) d.expires.delete(key);
    if (this.srv.trackAccess) storedLru(this.srv, d.id, key, this.srv.lfu);
  }
  deleteKey(key: string, d: Db = this.db): boolean {
    if (this.srv.keyBlocked.size > 0) signalKeyChange(this.srv, d.id, key, d.dict.get(key));
    d.expires.delete(key);
    this.srv.lru[d.id].delete(key);
    return d.dict.delete(key);
  }
  touch(key: string, d: Db = this.db): void {
    this.srv.signalModified(d, key, this.client);
  }
  setExpire(key: string, at: number, d: Db = this.db): void {
    d.expires.set(key, at);
    // setExpire: a writable replica remembers the TTLs its own clients set, to expire them itself.
    if (this.isReplica && !this.client.isMaster && !this.srv.config.bool('replica-read-only')) {
      rememberSlaveKeyWithExpire(this.srv, d, key);
    }
  }
  getExpire(key: string, d: Db = this.db): number {
    return d.expires.get(key) ?? -1;
  }
  dirty(n = 1): void {
    this.srv.dirty += n;
  }
  rewrite(a: string[]): void {
    this.rewritten = a;
  }
  also(a: string[], dbid?: number): void {
    const op = { dbid: dbid ?? this.client.db, argv: a };
    if (this.alsoOps === null) this.alsoOps = [op];
    else this.alsoOps.push(op);
  }
  noPropagate(): void {
    this.prevented = true;
  }
}

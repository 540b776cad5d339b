/**
 * The server's counters (server.stat_* in server.h): what INFO stats, commandstats and errorstats
 * print. The server bumps them at the points Redis does — a connection accepted, a read or a write
 * on a client's socket, call(), rejectCommand(), an error reply — through the small functions
 * here, so server.ts only calls them. CONFIG RESETSTAT clears the ones Redis's resetServerStats
 * clears (resetStats); the rest (peak memory, what the last RDB load found, the last fork) survive.
 */
import type { Client } from './client';
import type { Command } from './commands/types';
import { effectiveInfo } from './dispatch';
import type { ConnId } from './net';
import type { Reply } from './resp';
import type { ChildInfo, Server } from './server';

/** One command's line in INFO commandstats (redisCommand.calls / failed_calls / rejected_calls). */
export interface CommandStat {
  calls: number;
  failedCalls: number;
  rejectedCalls: number;
  /**
   * 7.0 keeps a latency histogram per command from its first call that did not block (WAIT
   * that blocks is never measured); INFO latencystats prints the commands that have one.
   */
  measured: boolean;
}

/** The instantaneous metrics (server.inst_metric): one reading every 100 ms, 16 kept. */
const METRIC_SAMPLES = 16;
export interface InstantMetric {
  samples: number[];
  idx: number;
  lastTime: number;
  lastReading: number;
}

export interface Stats {
  /** stat_numconnections: connections accepted. */
  connections: number;
  /** stat_numcommands: call()s, nested ones (EXEC's, the master's stream) included. */
  commands: number;
  expiredKeys: number;
  /** stat_expired_stale_perc: running estimate (0..1) of logically expired keys not yet deleted. */
  expiredStalePerc: number;
  keyspaceHits: number;
  keyspaceMisses: number;
  syncFull: number;
  syncPartialOk: number;
  syncPartialErr: number;
  /** Bytes read from clients / written to them (the master link's reads are repl input). */
  netInput: number;
  netOutput: number;
  /** 7.0 splits replication traffic out: the master's stream and RDB read by a replica... */
  netReplInput: number;
  /** ...and what a master writes to its replicas. 4.0 adds both into the totals above. */
  netReplOutput: number;
  /** readQueryFromClient / writeToClient calls. */
  reads: number;
  writes: number;
  /** stat_total_error_replies and the per-prefix counts of INFO errorstats (a sorted rax in Redis). */
  errorReplies: number;
  errors: Map<string, number>;
  /** Errors sent to our master or to a replica (they never reach anyone). */
  unexpectedErrorReplies: number;
  /** Commandstats by name (7.0: subcommands as `config|get`). */
  cmd: Map<string, CommandStat>;
  /** The last command called (without subcommands) and its entry in `cmd`. */
  lastCommand: Command | null;
  lastCommandStat: CommandStat | null;
  /** stat_total_forks, stat_fork_time (µs, the engine's estimate), stat_rdb_saves. */
  forks: number;
  latestForkUsec: number;
  rdbSaves: number;
  /** COMMAND, NET_INPUT, NET_OUTPUT, NET_INPUT_REPLICATION, NET_OUTPUT_REPLICATION. */
  inst: InstantMetric[];

  // --- not cleared by CONFIG RESETSTAT ---
  /** stat_peak_memory, as far as the engine has measured used_memory (INFO, RDB saves). */
  peakMemory: number;
  /** What the last RDB load (start-up or full sync) loaded and skipped as expired. */
  rdbLastLoadKeysLoaded: number;
  rdbLastLoadKeysExpired: number;
  /** The pid and key count of the last forked child, and the pid of the last one saving to disk (0: none). */
  lastChildPid: number;
  lastChildKeys: number;
  lastDiskChildPid: number;
  /** A child (a disk-saving child) has been forked before the last one, so it has finished. */
  earlierChild: boolean;
  earlierDiskChild: boolean;
}

const newMetric = (now: number): InstantMetric => ({
  samples: new Array<number>(METRIC_SAMPLES).fill(0),
  idx: 0,
  lastTime: now,
  lastReading: 0,
});

export function newStats(now: number): Stats {
  return {
    connections: 0,
    commands: 0,
    expiredKeys: 0,
    expiredStalePerc: 0,
    keyspaceHits: 0,
    keyspaceMisses: 0,
    syncFull: 0,
    syncPartialOk: 0,
    syncPartialErr: 0,
    netInput: 0,
    netOutput: 0,
    netReplInput: 0,
    netReplOutput: 0,
    reads: 0,
    writes: 0,
    errorReplies: 0,
    errors: new Map(),
    unexpectedErrorReplies: 0,
    cmd: new Map(),
    lastCommand: null,
    lastCommandStat: null,
    forks: 0,
    latestForkUsec: 0,
    rdbSaves: 0,
    inst: [0, 1, 2, 3, 4].map(() => newMetric(now)),
    peakMemory: 0,
    rdbLastLoadKeysLoaded: 0,
    rdbLastLoadKeysExpired: 0,
    lastChildPid: 0,
    lastChildKeys: 0,
    lastDiskChildPid: 0,
    earlierChild: false,
    earlierDiskChild: false,
  };
}

/** CONFIG RESETSTAT (resetServerStats + resetCommandTableStats, and 7.0's resetErrorTableStats). */
export function resetStats(srv: Server): void {
  const fresh = newStats(srv.mstime);
  const s = srv.stats;
  const kept = {
    peakMemory: s.peakMemory,
    rdbLastLoadKeysLoaded: s.rdbLastLoadKeysLoaded,
    rdbLastLoadKeysExpired: s.rdbLastLoadKeysExpired,
    lastChildPid: s.lastChildPid,
    lastChildKeys: s.lastChildKeys,
    lastDiskChildPid: s.lastDiskChildPid,
    earlierChild: s.earlierChild,
    earlierDiskChild: s.earlierDiskChild,
  };
  Object.assign(s, fresh, kept);
}

// ------------------------------------------------------------------ network

/** readQueryFromClient: `n` bytes read from a client (the master link's count as replication). */
export function countRead(srv: Server, c: Client, n: number): void {
  srv.stats.reads++;
  if (c.isMaster) srv.stats.netReplInput += n;
  else srv.stats.netInput += n;
}

/**
 * writeToClient: `n` bytes written on `conn`. A replica's are replication output; the handshake
 * a replica sends its master is written synchronously (connSyncWrite) and never counted.
 */
export function countWrite(srv: Server, c: Client | undefined, n: number): void {
  if (c === undefined) return;
  srv.stats.writes++;
  if (srv.isReplicaClient(c)) srv.stats.netReplOutput += n;
  else srv.stats.netOutput += n;
}

/**
 * Write what Redis writes straight to a replica's socket (connWrite: the +FULLRESYNC / +CONTINUE
 * line, the newlines that keep a waiting replica's link alive), outside the output buffer and its
 * byte counter. The engine queues it like any output, so the flush counts it: take it back.
 */
export function writeUncounted(srv: Server, conn: ConnId, s: string): void {
  srv.write(conn, s);
  srv.stats.netReplOutput -= s.length;
}

/** Bytes a replica reads from its master outside the handshake (the RDB, the stream after +CONTINUE). */
export function countReplRead(srv: Server, n: number): void {
  srv.stats.netReplInput += n;
}

// ------------------------------------------------------------------ commands and errors

/** The commandstats name of a call: 7.0 counts subcommands on their own (`config|get`). */
function statName(srv: Server, cmd: Command, argv: string[]): string {
  return effectiveInfo(cmd, argv, srv.d.is7).fullName ?? cmd.name;
}

function statOf(srv: Server, name: string): CommandStat {
  let s = srv.stats.cmd.get(name);
  if (s === undefined) {
    s = { calls: 0, failedCalls: 0, rejectedCalls: 0, measured: false };
    srv.stats.cmd.set(name, s);
  }
  return s;
}

/**
 * The end of call(): one more call of the command (7.0: the one that ran, 4.0: the one the client
 * sent); an error reply makes it a failed call (and is
 * counted in errorstats). A command that left its client blocked (WAIT, a 7.0 SHUTDOWN waiting
 * for replicas) is not measured now, and Redis never measures it later either.
 */
export function commandCalled(srv: Server, c: Client, cmd: Command, argv: string[], reply: Reply | null): void {
  const st = srv.stats;
  let s: CommandStat;
  // 4.0 books a call on the command the client sent (c->lastcmd): a command run by EXEC counts
  // as one more call of EXEC.
  if (!srv.d.is7 && c.lastCmd !== cmd.name) s = statOf(srv, c.lastCmd);
  // A one-entry cache: pipelines repeat the same command, and this runs for every call.
  else if (cmd === st.lastCommand && st.lastCommandStat !== null) s = st.lastCommandStat;
  else {
    s = statOf(srv, statName(srv, cmd, argv));
    if (cmd.subcommands === undefined) {
      st.lastCommand = cmd;
      st.lastCommandStat = s;
    }
  }
  s.calls++;
  if (reply !== null && reply.t === 'error') {
    s.failedCalls++;
    errorReplied(srv, c, reply.s);
  }
  if (!s.measured && c.wait === null && c.blockedOn === null && c.bpop === null) s.measured = true;
}

/**
 * rejectCommand: the command was refused before running (arity, NOREPLICAS, READONLY, inside
 * MULTI...). Its rejected_calls grow; an unknown command or subcommand has no entry to count in
 * (c.lastCmd is NULL then).
 */
export function commandRejected(srv: Server, c: Client): void {
  if (c.lastCmd !== 'NULL') statOf(srv, c.lastCmd).rejectedCalls++;
}

/** Characters INFO cannot show in a field name (getSafeInfoString). */
const UNSAFE = /[#:\r\n]/g;

/**
 * afterErrorReply: every error reply counts once, under its prefix — the text up to the first
 * space, looked for within the first 32 bytes of the `-PREFIX ...` line, else ERR.
 */
export function errorReplied(srv: Server, c: Client, message: string): void {
  const st = srv.stats;
  st.errorReplies++;
  const sp = message.indexOf(' ');
  const code = sp >= 0 && sp < 31 ? message.slice(0, sp).replace(UNSAFE, '_') : 'ERR';
  st.errors.set(code, (st.errors.get(code) ?? 0) + 1);
  if (c.isMaster || srv.isReplicaClient(c)) st.unexpectedErrorReplies++;
}

// ------------------------------------------------------------------ serverCron

function trackMetric(m: InstantMetric, now: number, reading: number): void {
  const t = now - m.lastTime;
  m.samples[m.idx] = t > 0 ? Math.floor(((reading - m.lastReading) * 1000) / t) : 0;
  m.idx = (m.idx + 1) % METRIC_SAMPLES;
  m.lastTime = now;
  m.lastReading = reading;
}

/** serverCron's run_with_period(100): one reading of each instantaneous metric. */
export function statsCron(srv: Server): void {
  const s = srv.stats;
  const now = srv.mstime;
  if (now - s.inst[0].lastTime < 100) return;
  trackMetric(s.inst[0], now, s.commands);
  trackMetric(s.inst[1], now, s.netInput + s.netReplInput);
  trackMetric(s.inst[2], now, s.netOutput + s.netReplOutput);
  trackMetric(s.inst[3], now, s.netReplInput);
  trackMetric(s.inst[4], now, s.netReplOutput);
}

/** getInstantaneousMetric: the mean of the last 16 readings (per second). */
export function instantaneous(srv: Server, metric: 0 | 1 | 2 | 3 | 4): number {
  let sum = 0;
  for (const v of srv.stats.inst[metric].samples) sum += v;
  return Math.floor(sum / METRIC_SAMPLES);
}

// ------------------------------------------------------------------ forks

/**
 * redisFork: a child starts (BGSAVE to disk or to replica sockets). Forking a real process costs
 * time proportional to its page tables; the engine has none, so latest_fork_usec is an estimate:
 * 300 µs plus 20 µs per thousand keys (a 100 MB Redis forks in about 20 ms).
 */
export function childForked(srv: Server, child: ChildInfo): void {
  const keys = srv.keyCount();
  srv.stats.forks++;
  srv.stats.latestForkUsec = 300 + Math.floor(keys / 50);
  // One child at a time: the previous one has been reaped.
  if (srv.stats.lastChildPid !== 0) srv.stats.earlierChild = true;
  srv.stats.lastChildPid = child.pid;
  srv.stats.lastChildKeys = keys;
  if (child.kind === 'disk') {
    if (srv.stats.lastDiskChildPid !== 0) srv.stats.earlierDiskChild = true;
    srv.stats.lastDiskChildPid = child.pid;
  }
}

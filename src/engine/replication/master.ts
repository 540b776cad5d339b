/**
 * MASTER side of replication (replication.c, first half): the replication IDs and offset, the
 * backlog, feeding the stream (with SELECT emission), PSYNC's partial-or-full decision, full
 * resync through a (simulated) forked BGSAVE to disk or to replica sockets, and REPLCONF.
 *
 * Only a top-level master generates a stream (feedCommand); a replica proxies the exact bytes
 * it applied (feedRaw), which is why a whole chain shares one replid and one offset space.
 */

import { randomHex } from '../../lib';
import type { Client, ReplicaLink } from '../client';
import { clientInfoString } from '../clientinfo';
import { childDone, rdbAux, rdbSaveBackground, startChild } from '../persistence';
import { writeRdb } from '../rdb';
import { encodeCommand, error, type Reply } from '../resp';
import { binOf } from '../resp/bin';
import { OutBuf } from '../resp/outbuf';
import { forgetReplicatedScripts } from '../scripting/run';
import type { Server } from '../server';
import { writeUncounted } from '../stats';
import { type Backlog, BlockBacklog, CircularBacklog } from './backlog';
import { pipeReplicaGone, type RdbPipe, relayPipe, startBulk, startPipe } from './rdb-transfer';
import { unsetMaster } from './replica';

export const ZERO_ID = '0000000000000000000000000000000000000000';

/** The master-side replication fields of `server`. */
export interface MasterState {
  replid: string;
  replid2: string;
  /** master_repl_offset */
  offset: number;
  /** second_repl_offset */
  secondOffset: number;
  backlog: Backlog | null;
  /** db of the last command in the stream; -1 = unknown, forces a SELECT. */
  slaveseldb: number;
  /** unix seconds since we have had no replicas (repl-backlog-ttl). */
  noSlavesSince: number;
  attachSeq: number;
  /** Replicas with lag <= min-replicas-max-lag (refreshed once a second). */
  goodReplicas: number;
  goodReplicasOk(): boolean;
  /** The last PSYNC/SYNC decisions, oldest first (for the playground's topology view; not Redis state). */
  psyncLog: PsyncDecision[];
  psyncSeq: number;
  /** A diskless sync's child pipe while the parent relays it (rdb-transfer.ts). */
  pipe: RdbPipe | null;
}

/** Why a PSYNC got the answer it got (masterTryPartialResynchronization's branches). */
export type PsyncReason =
  /** The id is my replid, or my replid2 with an offset up to second_repl_offset, and the offset is in the backlog. */
  | 'accepted'
  /** `PSYNC ? -1`: the replica has no history to continue. */
  | 'no-cached-master'
  /** The old SYNC command, which always means a full sync. */
  | 'sync-command'
  /** The id is neither my replid nor my replid2. */
  | 'replid-mismatch'
  /** The id is my replid2, but the offset is past second_repl_offset (history diverged there). */
  | 'beyond-second-offset'
  /** The id matches, but I have no backlog. */
  | 'no-backlog'
  /** The id matches, but the offset is outside [first byte, master_repl_offset + 1]. */
  | 'out-of-window';

/**
 * One PSYNC (or SYNC) a master answered, with everything the decision compared: the request, both
 * replication IDs, second_repl_offset and the backlog window at that moment. Kept for display only.
 */
export interface PsyncDecision {
  /** Increases by one per decision on this node. */
  seq: number;
  /** Unix ms. */
  at: number;
  /** The replica as the master names it ("ip:port"). */
  replica: string;
  /** Requested replication ID ('?' for none) and offset. */
  replid: string;
  offset: number;
  myReplid: string;
  myReplid2: string;
  secondOffset: number;
  masterReplOffset: number;
  /** [repl_backlog_first_byte_offset, first + histlen): the offsets a partial resync can serve. */
  backlog: { first: number; histlen: number } | null;
  result: 'continue' | 'fullresync';
  reason: PsyncReason;
  /** Bytes of backlog sent after +CONTINUE. */
  sent: number;
}

const PSYNC_LOG_MAX = 16;

/** Remember a decision for the snapshot (display only; Redis keeps no such list). */
function recordPsync(
  srv: Server,
  c: Client,
  replid: string,
  offset: number,
  result: PsyncDecision['result'],
  reason: PsyncReason,
  sent = 0,
): void {
  const r = srv.repl;
  const b = r.backlog;
  r.psyncLog.push({
    seq: ++r.psyncSeq,
    at: srv.mstime,
    replica: replicaName(srv, c),
    replid,
    offset,
    myReplid: r.replid,
    myReplid2: r.replid2,
    secondOffset: r.secondOffset,
    masterReplOffset: r.offset,
    backlog: b ? { first: b.firstByteOffset, histlen: b.histlen } : null,
    result,
    reason,
    sent,
  });
  if (r.psyncLog.length > PSYNC_LOG_MAX) r.psyncLog.shift();
}

export function newMasterState(srv: Server): MasterState {
  // goodReplicasOk's view of the two settings, read again only when the config changed.
  let seenGeneration = -1;
  let minToWrite = 0;
  let maxLagZero = false;
  const st: MasterState = {
    replid: randomHex(srv.opts.rng),
    replid2: ZERO_ID,
    offset: 0,
    secondOffset: -1,
    backlog: null,
    slaveseldb: -1,
    noSlavesSince: srv.unixtime,
    attachSeq: 0,
    goodReplicas: 0,
    psyncLog: [],
    psyncSeq: 0,
    pipe: null,
    goodReplicasOk() {
      // Every write asks, so the settings are cached (reading a config value has no effect).
      const cfg = srv.config;
      if (cfg.generation !== seenGeneration) {
        seenGeneration = cfg.generation;
        minToWrite = cfg.int('min-replicas-to-write');
        maxLagZero = cfg.int('min-replicas-max-lag') === 0;
      }
      if (minToWrite === 0 || srv.isReplica || maxLagZero) return true;
      return st.goodReplicas >= minToWrite;
    },
  };
  return st;
}

// ------------------------------------------------------------------ identity

export function changeReplicationId(srv: Server): void {
  srv.repl.replid = randomHex(srv.opts.rng);
}

export function clearReplicationId2(srv: Server): void {
  srv.repl.replid2 = ZERO_ID;
  srv.repl.secondOffset = -1;
}

/** The +1 rule: the old ID stays valid for PSYNC offsets up to master_repl_offset + 1. */
export function shiftReplicationId(srv: Server): void {
  const r = srv.repl;
  r.replid2 = r.replid;
  r.secondOffset = r.offset + 1;
  changeReplicationId(srv);
  srv.log(
    'warning',
    `Setting secondary replication ID to ${r.replid2}, valid up to offset: ${r.secondOffset}. New replication ID is ${r.replid}`,
  );
}

// ------------------------------------------------------------------ backlog

export function createBacklog(srv: Server): void {
  const size = srv.config.int('repl-backlog-size');
  const b: Backlog = srv.d.is7 ? new BlockBacklog(size, srv.repl.offset) : new CircularBacklog(size, srv.repl.offset);
  // Replicas still waiting for their RDB keep the blocks they will need.
  b.setPins(() => {
    let min: number | null = null;
    for (const s of srv.slaves) {
      const l = s.replica!;
      if (l.fullresyncSent && l.state !== 'online' && !l.rdbOnly) {
        const need = l.initialOffset + 1;
        if (min === null || need < min) min = need;
      }
    }
    return min;
  });
  srv.repl.backlog = b;
}

export function freeBacklog(srv: Server): void {
  const b = srv.repl.backlog;
  if (b) {
    srv.staleBacklogFirst = b.firstByteOffset;
    srv.staleBacklogHistlen = b.histlen;
  }
  srv.repl.backlog = null;
}

// ------------------------------------------------------------------ feeding the stream

/** Scratch buffer feedCommand encodes into (its bytes are copied out at once). */
let feedBuf = new OutBuf();

/** Whether a command goes into a stream at all: a top-level master with a backlog or replicas. */
function feeding(srv: Server): boolean {
  return !srv.isReplica && (srv.repl.backlog !== null || srv.slaves.length !== 0);
}

/** The scratch buffer, emptied, starting with a SELECT when the stream is on another db. */
function startFeed(srv: Server, dbid: number): OutBuf {
  const r = srv.repl;
  const o = feedBuf;
  o.n = 0;
  if (dbid !== -1 && r.slaveseldb !== dbid) {
    o.command(['SELECT', String(dbid)]);
    r.slaveseldb = dbid;
  }
  return o;
}

/** Feed what the scratch buffer holds, in one piece. */
function endFeed(srv: Server, o: OutBuf): void {
  feedRawBytes(srv, o.a, 0, o.n);
  if (o.a.length > 1 << 20) feedBuf = new OutBuf();
}

/**
 * replicationFeedSlaves: a top-level master appends a command (after a SELECT when the db
 * differs from the stream's) to the backlog and every replica. dbid -1 means "no db" (PING,
 * REPLCONF GETACK), which never emits a SELECT.
 */
export function feedCommand(srv: Server, dbid: number, argv: string[]): void {
  if (!feeding(srv)) return;
  // Encoded straight into bytes (the same bytes as the SELECT line + encodeCommand(argv)).
  const o = startFeed(srv, dbid);
  o.command(argv);
  endFeed(srv, o);
}

/**
 * feedCommand for a command whose RESP encoding is already at hand — b[start, end) is exactly
 * encodeCommand(argv), as the bytes a client sent are when its decoder calls them canonical —
 * so the same bytes go out without encoding argv again.
 */
export function feedCommandBytes(srv: Server, dbid: number, b: Uint8Array, start: number, end: number): void {
  if (!feeding(srv)) return;
  // Usually the stream is on this db already: the bytes go out as they are, with no copy.
  if (dbid === -1 || srv.repl.slaveseldb === dbid) {
    feedRawBytes(srv, b, start, end);
    return;
  }
  // The SELECT and the command in one piece, as feedCommand feeds them.
  const o = startFeed(srv, dbid);
  o.bytes(b, start, end);
  endFeed(srv, o);
}

/** Append bytes to the backlog (moving master_repl_offset) and send/buffer them to replicas. */
export function feedRaw(srv: Server, s: string): void {
  const r = srv.repl;
  if (r.backlog === null) return;
  r.backlog.append(s);
  r.offset += s.length;
  for (const c of srv.slaves) {
    const l = c.replica!;
    if (l.state === 'online' && !l.startStreamOnAck) srv.write(c.conn, s);
    else if (l.fullresyncSent && !l.rdbOnly) l.pending.push(s);
  }
}

/** feedRaw for the bytes b[start, end) (a replica proxying what it applied, feedCommand). */
export function feedRawBytes(srv: Server, b: Uint8Array, start: number, end: number): void {
  const r = srv.repl;
  if (r.backlog === null) return;
  r.backlog.appendBytes(b, start, end);
  r.offset += end - start;
  const slaves = srv.slaves;
  for (let i = 0; i < slaves.length; i++) {
    const c = slaves[i];
    const l = c.replica!;
    if (l.state === 'online' && !l.startStreamOnAck) srv.writeClientBytes(c, b, start, end);
    else if (l.fullresyncSent && !l.rdbOnly) l.pending.push(binOf(b, start, end));
  }
}

// ------------------------------------------------------------------ naming

/** replicationGetSlaveName: ip:listening-port. */
export function replicaName(srv: Server, c: Client): string {
  const l = c.replica;
  const ip = l?.announcedIp || c.addr.slice(0, c.addr.lastIndexOf(':'));
  const port = l?.listeningPort
    ? String(l.listeningPort)
    : srv.d.is7
      ? '<unknown-replica-port>'
      : '<unknown-slave-port>';
  return `${ip}:${port}`;
}

function linkFor(c: Client): ReplicaLink {
  if (!c.replica) {
    c.replica = {
      state: 'wait_bgsave',
      listeningPort: 0,
      announcedIp: '',
      capaEof: false,
      capaPsync2: false,
      ackOffset: 0,
      ackTime: 0,
      initialOffset: -1,
      pending: [],
      fullresyncSent: false,
      startStreamOnAck: false,
      prePsync: false,
      attachSeq: 0,
      rdbOnly: false,
      netSent: 0,
      peerRead: 0,
      bulk: null,
      pipeSent: 0,
    };
  }
  return c.replica;
}

// ------------------------------------------------------------------ REPLCONF

/** REPLCONF <option> <value> ... (from replicas during the handshake, and ACK/GETACK later). */
export function replconf(srv: Server, c: Client, argv: string[]): Reply | null {
  if (argv.length % 2 === 0) return error('ERR syntax error');
  for (let i = 1; i < argv.length; i += 2) {
    const opt = argv[i].toLowerCase();
    const val = argv[i + 1];
    if (opt === 'listening-port') {
      if (!/^-?\d+$/.test(val)) return error('ERR value is not an integer or out of range');
      prepareLink(c).listeningPort = Number(val);
    } else if (opt === 'ip-address') {
      prepareLink(c).announcedIp = val;
    } else if (opt === 'capa') {
      const l = prepareLink(c);
      if (val.toLowerCase() === 'eof') l.capaEof = true;
      else if (val.toLowerCase() === 'psync2') l.capaPsync2 = true;
    } else if (opt === 'ack') {
      // From a replica: its processed offset. No reply, ever.
      const l = c.replica;
      // (isReplicaClient, spelled out so that `l` is known not to be null.)
      if (l === null || !srv.slaves.includes(c)) return null;
      const off = Number(val);
      if (off > l.ackOffset) l.ackOffset = off;
      l.ackTime = srv.unixtime;
      // 7.0: an ACK that arrives before the cron noticed the RDB child's exit reaps it at once
      // (checkChildrenDone), so the replica goes online and its stream starts on this very ACK.
      if (srv.d.is7 && srv.child && l.state === 'wait_bgsave' && l.fullresyncSent) reapFinishedChild(srv);
      if (l.startStreamOnAck && l.state === 'online') startStream(srv, c);
      srv.processWaiters();
      return null;
    } else if (opt === 'rdb-only' && srv.d.is7) {
      // redis-cli --rdb: the RDB only, no replication stream (getRangeLongFromObjectOrReply 0..1).
      if (!/^(0|-?[1-9]\d{0,18})$/.test(val)) return error('ERR value is not an integer or out of range');
      if (val !== '0' && val !== '1') return error('ERR value is out of range, value must between 0 and 1');
      prepareLink(c).rdbOnly = val === '1';
    } else if (opt === 'getack') {
      // From our master: answer with the offset applied so far.
      if (c.isMaster) srv.write(c.conn, encodeCommand(['REPLCONF', 'ACK', String(c.reploff)]));
      return null;
    } else {
      return error(`ERR Unrecognized REPLCONF option: ${argv[i]}`);
    }
  }
  return { t: 'status', s: 'OK' };
}

/** checkChildrenDone for a child that has already finished (the reaping half of persistenceCron). */
function reapFinishedChild(srv: Server): void {
  const child = srv.child;
  if (!child || srv.mstime < child.doneAt) return;
  childDone(srv, child);
}

/** Before SYNC, REPLCONF fields are kept on a provisional link record (not yet in slaves). */
function prepareLink(c: Client): ReplicaLink {
  return linkFor(c);
}

// ------------------------------------------------------------------ SYNC / PSYNC

/** SYNC and PSYNC replid offset. Returns a reply only for errors; success writes raw lines. */
export function syncCommand(srv: Server, c: Client, argv: string[]): Reply | null {
  if (srv.isReplicaClient(c)) return null;
  // 7.0 `PSYNC <replid> <offset> FAILOVER`: our master hands over to us; we promote ourselves
  // first (the replid must be ours), then answer the PSYNC as the new master.
  if (srv.d.is7 && argv.length > 3 && argv[0].toLowerCase() === 'psync' && argv[3].toLowerCase() === 'failover') {
    srv.log('warning', `Failover request received for replid ${argv[1]}.`);
    if (!srv.isReplica) return error("ERR PSYNC FAILOVER can't be sent to a master.");
    if (argv[1].toLowerCase() !== srv.repl.replid) return error('ERR PSYNC FAILOVER replid must match my replid.');
    unsetMaster(srv);
    srv.log('notice', `MASTER MODE enabled (failover request from '${clientInfoString(srv, c, argv)}')`);
  }
  if (srv.d.is7 && srv.failover.state !== 'no-failover') {
    return error("NOMASTERLINK Can't SYNC while failing over");
  }
  if (srv.isReplica && srv.rs.state !== 'connected') {
    return error("NOMASTERLINK Can't SYNC while not connected with my master");
  }
  const l = linkFor(c);
  const name = replicaName(srv, c);
  srv.log('notice', `${srv.d.Replica} ${name} asks for synchronization`);
  const psync = argv[0].toLowerCase() === 'psync';
  if (psync) {
    if (!/^-?\d+$/.test(argv[2])) {
      if (srv.d.is7) {
        srv.log('warning', `Replica ${name} asks for synchronization but with a wrong offset`);
        return error('ERR value is not an integer or out of range');
      }
    }
    const off = Number.parseInt(argv[2], 10) || 0;
    if (tryPartial(srv, c, argv[1], off)) {
      srv.stats.syncPartialOk++;
      return null;
    }
    if (argv[1] !== '?') srv.stats.syncPartialErr++;
  } else {
    l.prePsync = true;
    recordPsync(srv, c, '?', -1, 'fullresync', 'sync-command');
  }
  srv.stats.syncFull++;
  l.state = 'wait_bgsave';
  l.fullresyncSent = false;
  l.attachSeq = srv.repl.attachSeq++;
  srv.slaves.push(c);
  if (srv.slaves.length === 1 && srv.repl.backlog === null) {
    changeReplicationId(srv);
    clearReplicationId2(srv);
    createBacklog(srv);
    if (srv.d.is7) {
      srv.log(
        'notice',
        `Replication backlog created, my new replication IDs are '${srv.repl.replid}' and '${srv.repl.replid2}'`,
      );
    }
  }
  const child = srv.child;
  if (child && child.kind === 'disk') {
    const other = srv.slaves.find((s) => s !== c && s.replica!.fullresyncSent && s.replica!.state === 'wait_bgsave');
    if (other && (!other.replica!.capaEof || l.capaEof || true)) {
      l.pending = [...other.replica!.pending];
      setupFullResync(srv, c, other.replica!.initialOffset);
      srv.log('notice', 'Waiting for end of BGSAVE for SYNC');
    } else {
      srv.log('notice', `Can't attach the ${srv.d.replica} to the current BGSAVE. Waiting for next BGSAVE for SYNC`);
    }
  } else if (child && child.kind === 'socket') {
    srv.log('notice', 'Current BGSAVE has socket target. Waiting for next BGSAVE for SYNC');
  } else if (srv.config.bool('repl-diskless-sync') && l.capaEof && srv.config.int('repl-diskless-sync-delay') > 0) {
    srv.log('notice', 'Delay next BGSAVE for diskless SYNC');
  } else if (!child) {
    startBgsaveForReplication(srv);
  } else {
    srv.log('notice', 'No BGSAVE in progress, but another BG operation is active. BGSAVE for replication delayed');
  }
  return null;
}

/** masterTryPartialResynchronization. */
function tryPartial(srv: Server, c: Client, replid: string, off: number): boolean {
  const r = srv.repl;
  const name = replicaName(srv, c);
  const id = replid.toLowerCase();
  if (id !== r.replid && (id !== r.replid2 || off > r.secondOffset)) {
    const reason: PsyncReason =
      replid === '?' ? 'no-cached-master' : id !== r.replid2 ? 'replid-mismatch' : 'beyond-second-offset';
    recordPsync(srv, c, replid, off, 'fullresync', reason);
    if (replid !== '?') {
      if (id !== r.replid && id !== r.replid2) {
        srv.log(
          'notice',
          `Partial resynchronization not accepted: Replication ID mismatch (${srv.d.Replica} asked for '${replid}', my replication IDs are '${r.replid}' and '${r.replid2}')`,
        );
      } else {
        srv.log(
          'notice',
          `Partial resynchronization not accepted: Requested offset for second ID was ${off}, but I can reply up to ${r.secondOffset}`,
        );
      }
    } else {
      srv.log('notice', `Full resync requested by ${srv.d.replica} ${name}`);
    }
    return false;
  }
  const b = r.backlog;
  if (!b || off < b.firstByteOffset || off > b.firstByteOffset + b.histlen) {
    recordPsync(srv, c, replid, off, 'fullresync', b ? 'out-of-window' : 'no-backlog');
    srv.log(
      'notice',
      `Unable to partial resync with ${srv.d.replica} ${name} for lack of backlog (${srv.d.Replica} request was: ${off}).`,
    );
    if (off > r.offset) {
      srv.log(
        'warning',
        `Warning: ${srv.d.replica} ${name} tried to PSYNC with an offset that is greater than the master replication offset.`,
      );
    }
    return false;
  }
  const l = c.replica!;
  l.state = 'online';
  l.ackTime = srv.unixtime;
  l.startStreamOnAck = false;
  l.attachSeq = r.attachSeq++;
  srv.slaves.push(c);
  const line = l.capaPsync2 ? `+CONTINUE ${r.replid}\r\n` : '+CONTINUE\r\n';
  writeUncounted(srv, c.conn, line);
  const data = b.from(off);
  recordPsync(srv, c, replid, off, 'continue', 'accepted', data.length);
  if (data.length) srv.write(c.conn, data);
  srv.log(
    'notice',
    `Partial resynchronization request from ${name} accepted. Sending ${data.length} bytes of backlog starting from offset ${off}.`,
  );
  refreshGoodReplicas(srv);
  return true;
}

/** replicationSetupSlaveForFullResync: +FULLRESYNC, and force a SELECT into the stream. */
function setupFullResync(srv: Server, c: Client, offset: number): void {
  const l = c.replica!;
  l.initialOffset = offset;
  l.fullresyncSent = true;
  l.state = 'wait_bgsave';
  srv.repl.slaveseldb = -1;
  if (l.prePsync) return;
  const line = `+FULLRESYNC ${srv.repl.replid} ${offset}\r\n`;
  writeUncounted(srv, c.conn, line);
}

/** startBgsaveForReplication: fork a child that writes the RDB to disk or to the sockets. */
export function startBgsaveForReplication(srv: Server): void {
  const waiting = srv.slaves.filter((s) => s.replica!.state === 'wait_bgsave' && !s.replica!.fullresyncSent);
  if (waiting.length === 0) return;
  const socket = srv.config.bool('repl-diskless-sync') && waiting.every((s) => s.replica!.capaEof);
  srv.log(
    'notice',
    `Starting BGSAVE for SYNC with target: ${socket ? (srv.d.is7 ? 'replicas sockets' : 'slaves sockets') : 'disk'}`,
  );
  const rdb = writeRdb(srv.dbs, rdbAux(srv, true), srv.opts.version, {
    compression: srv.config.bool('rdbcompression'),
  });
  const pid = srv.opts.nextPid();
  if (socket) {
    for (const s of waiting) setupFullResync(srv, s, srv.repl.offset);
    srv.log('notice', `Background RDB transfer started by pid ${pid}`);
    const mark = randomHex(srv.opts.rng);
    // The child runs until the parent has relayed its whole pipe: `$EOF:<mark>\r\n`, the RDB, the
    // mark (rdb-transfer.ts). It logs its copy-on-write line at the end.
    const never = Number.POSITIVE_INFINITY;
    startChild(srv, { pid, kind: 'socket', rdb, startedAt: srv.mstime, doneAt: never, forReplication: true });
    startPipe(srv, pid, mark, rdb, waiting);
    relayPipe(srv);
  } else {
    // As startBgsaveForReplication: fork first, then +FULLRESYNC to the replicas it will serve.
    rdbSaveBackground(srv, pid, rdb, true);
    for (const s of waiting) setupFullResync(srv, s, srv.repl.offset);
  }
  if (!srv.d.is7) forgetReplicatedScripts(srv);
}

/**
 * The child exited: updateSlavesWaitingBgsave. Disk: send `$<len>` + the file to every replica
 * that waited for this BGSAVE and put it online. Socket: the RDB already streamed; put the
 * replicas online, their buffered stream flowing at their first ACK.
 */
export function bgsaveDoneForReplication(srv: Server, kind: 'disk' | 'socket', rdb: Uint8Array, ok: boolean): void {
  for (const s of [...srv.slaves]) {
    const l = s.replica!;
    if (l.state !== 'wait_bgsave' || !l.fullresyncSent) continue;
    const name = replicaName(srv, s);
    if (!ok) {
      srv.freeClient(s, true);
      continue;
    }
    if (kind === 'socket') {
      srv.log(
        'notice',
        `Streamed RDB transfer with ${srv.d.replica} ${name} succeeded (socket). Waiting for REPLCONF ACK from slave to enable streaming`,
      );
      if (l.rdbOnly) {
        rdbOnlyDone(srv, s, name);
        continue;
      }
      l.state = 'online';
      l.startStreamOnAck = true;
      l.ackTime = srv.unixtime;
      srv.log('notice', `Synchronization with ${srv.d.replica} ${name} succeeded`);
      if (l.ackOffset > 0 || l.prePsync) startStream(srv, s);
    } else {
      // sendBulkToSlave: online once the last byte of the file is in the socket.
      startBulk(srv, s, rdb, (c) => {
        const link = c.replica!;
        if (link.rdbOnly) {
          rdbOnlyDone(srv, c, replicaName(srv, c));
          return;
        }
        link.state = 'online';
        link.ackTime = srv.unixtime;
        refreshGoodReplicas(srv);
        srv.log('notice', `Synchronization with ${srv.d.replica} ${replicaName(srv, c)} succeeded`);
        startStream(srv, c);
      });
    }
  }
  // Replicas that arrived during this BGSAVE and could not attach get the next one.
  if (srv.slaves.some((s) => s.replica!.state === 'wait_bgsave' && !s.replica!.fullresyncSent)) {
    if (!srv.config.bool('repl-diskless-sync') || srv.config.int('repl-diskless-sync-delay') === 0) {
      srv.child = null;
      startBgsaveForReplication(srv);
    }
  }
  refreshGoodReplicas(srv);
}

/** replicaPutOnline for an rdb-only replica: it has its RDB, and is closed once that is flushed. */
function rdbOnlyDone(srv: Server, c: Client, name: string): void {
  srv.log('notice', `RDB transfer completed, rdb only replica (${name}) should be disconnected asap`);
  srv.freeClient(c, true);
}

/** Send what was buffered for a replica during its full sync; from now on it streams live. */
function startStream(srv: Server, c: Client): void {
  const l = c.replica!;
  l.startStreamOnAck = false;
  if (l.pending.length) srv.write(c.conn, l.pending.join(''));
  l.pending = [];
}

/** A replica's connection closed (freeClient on a CLIENT_SLAVE). */
export function replicaClosed(srv: Server, c: Client): void {
  const i = srv.slaves.indexOf(c);
  if (i < 0) return;
  srv.slaves.splice(i, 1);
  c.replica!.bulk = null;
  srv.log('warning', `Connection with ${srv.d.replica} ${replicaName(srv, c)} lost.`);
  if (srv.slaves.length === 0) srv.repl.noSlavesSince = srv.unixtime;
  refreshGoodReplicas(srv);
  pipeReplicaGone(srv, c);
}

/** Disconnect every replica (SLAVEOF NO ONE, full sync of a middle node…). */
export function disconnectSlaves(srv: Server): void {
  for (const s of [...srv.slaves]) srv.freeClient(s, true);
}

/** refreshGoodSlavesCount: online replicas whose last ACK is within min-replicas-max-lag. */
export function refreshGoodReplicas(srv: Server): void {
  const maxLag = srv.config.int('min-replicas-max-lag');
  let n = 0;
  for (const s of srv.slaves) {
    const l = s.replica!;
    if (l.state === 'online' && srv.unixtime - l.ackTime <= maxLag) n++;
  }
  srv.repl.goodReplicas = n;
}

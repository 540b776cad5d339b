/**
 * REPLICA side of replication (replication.c, second half): SLAVEOF/REPLICAOF, the handshake state
 * machine (one step per event, like syncWithMaster), PSYNC with the cached master, receiving and
 * loading the RDB of a full resync, and caching the master when the link drops so the next
 * PSYNC can continue where it stopped.
 */
import { binFromBytes, concatBytes } from '../../lib';
import { Client } from '../client';
import { newLru } from '../commands/util/lru';
import type { ConnId } from '../net';
import { loadRdbInto } from '../persistence';
import { encodeCommand } from '../resp';
import type { Server } from '../server';
import { countReplRead } from '../stats';
import { receiveFromMaster } from './apply';
import { failoverPsyncResult } from './failover';
import {
  changeReplicationId,
  clearReplicationId2,
  createBacklog,
  disconnectSlaves,
  freeBacklog,
  shiftReplicationId,
} from './master';

/**
 * Replica link states (server.h REPL_STATE_*). The handshake states must stay ordered: anything
 * between 'receive_pong' and 'receive_psync' shows as "handshake" in ROLE.
 */
export type ReplState =
  | 'none' // not a replica
  | 'connect' // must (re)connect: the cron will try
  | 'connecting' // TCP connect in flight
  | 'receive_pong' // sent PING, waiting for the reply
  | 'receive_auth' // sent AUTH [masteruser] masterauth (only with masterauth)
  | 'receive_port' // sent REPLCONF listening-port
  | 'receive_ip' // sent REPLCONF ip-address (only with replica-announce-ip)
  | 'receive_capa' // sent REPLCONF capa
  | 'receive_psync' // sent PSYNC
  | 'transfer' // receiving the RDB
  | 'connected'; // streaming commands from the master

/** What remains of a master link after it dropped: enough to ask PSYNC <replid> <reploff+1>. */
export interface CachedMaster {
  replid: string;
  reploff: number;
  db: number;
}

export interface ReplicaSideState {
  masterhost: string | null;
  masterport: number;
  state: ReplState;
  /** The connection used for the handshake and transfer (repl_transfer_s). */
  handshakeConn: ConnId | null;
  handshakeFd: number;
  localAddr: string;
  /** Bytes received during handshake/transfer not yet consumed. */
  buf: Uint8Array[];
  master: Client | null;
  cached: CachedMaster | null;
  /** From +FULLRESYNC. */
  transferReplid: string;
  transferOffset: number;
  /** Payload framing of the RDB being received. */
  transferSize: number; // -1 for EOF-marked streams
  transferEofMark: string;
  transferRead: number;
  transferChunks: Uint8Array[];
  transferLastIo: number;
  /** repl_down_since, unix s (0 = never lost a link). */
  downSince: number;
  /** Last time the master link saw data. */
  syncStartTime: number;
}

export function newReplicaSideState(): ReplicaSideState {
  return {
    masterhost: null,
    masterport: 0,
    state: 'none',
    handshakeConn: null,
    handshakeFd: -1,
    localAddr: '',
    buf: [],
    master: null,
    cached: null,
    transferReplid: '',
    transferOffset: -1,
    transferSize: -1,
    transferEofMark: '',
    transferRead: 0,
    transferChunks: [],
    transferLastIo: 0,
    downSince: 0,
    syncStartTime: 0,
  };
}

/** ROLE's state word. */
export function roleState(s: ReplState): string {
  switch (s) {
    case 'none':
      return 'none';
    case 'connect':
      return 'connect';
    case 'connecting':
      return 'connecting';
    case 'transfer':
      return 'sync';
    case 'connected':
      return 'connected';
    default:
      return 'handshake';
  }
}

// ------------------------------------------------------------------ SLAVEOF

/** replicationSetMaster: become (or re-point) a replica. Logs as Redis does, then connects (7.0). */
export function setMaster(srv: Server, host: string, port: number): void {
  const rs = srv.rs;
  const wasMaster = rs.masterhost === null;
  if (srv.d.is7) {
    rs.masterhost = null;
    if (rs.master) srv.freeClient(rs.master, true);
    srv.disconnectBlockedClients();
    rs.masterhost = host;
    rs.masterport = port;
    cancelHandshake(srv);
    if (wasMaster) {
      discardCachedMaster(srv);
      cacheMasterUsingMyself(srv);
    }
    rs.state = 'connect';
    srv.log('notice', `Connecting to MASTER ${host}:${port}`);
    connectWithMaster(srv);
  } else {
    rs.masterhost = host;
    rs.masterport = port;
    if (rs.master) srv.freeClient(rs.master, true);
    srv.disconnectBlockedClients();
    disconnectSlaves(srv);
    cancelHandshake(srv);
    if (wasMaster) cacheMasterUsingMyself(srv);
    rs.state = 'connect';
    rs.downSince = 0;
  }
}

/** replicationUnsetMaster: SLAVEOF NO ONE on a replica. */
export function unsetMaster(srv: Server): void {
  const rs = srv.rs;
  if (rs.masterhost === null) return;
  if (srv.d.is7) {
    rs.masterhost = null;
    if (rs.master) srv.freeClient(rs.master, true);
    discardCachedMaster(srv);
    cancelHandshake(srv);
    shiftReplicationId(srv);
    disconnectSlaves(srv);
  } else {
    rs.masterhost = null;
    shiftReplicationId(srv);
    if (rs.master) srv.freeClient(rs.master, true);
    discardCachedMaster(srv);
    cancelHandshake(srv);
    disconnectSlaves(srv);
  }
  rs.state = 'none';
  srv.repl.slaveseldb = -1;
  srv.repl.noSlavesSince = srv.unixtime;
  rs.downSince = 0;
}

/**
 * replicationCacheMasterUsingMyself: a master turning replica (SLAVEOF), or a replica starting
 * from an RDB that holds replication info, keeps its own replid/offset as a cached master, so
 * its next PSYNC can continue. `db`: the stream's database (the RDB's repl-stream-db).
 */
export function cacheMasterUsingMyself(srv: Server, db = 0): void {
  srv.log(
    'notice',
    srv.d.is7
      ? 'Before turning into a replica, using my own master parameters to synthesize a cached master: I may be able to synchronize with the new master with just a partial transfer.'
      : 'Before turning into a slave, using my master parameters to synthesize a cached master: I may be able to synchronize with the new master with just a partial transfer.',
  );
  srv.takeClientId(); // replicationCreateMasterClient makes a (connection-less) client
  srv.rs.cached = { replid: srv.repl.replid, reploff: srv.repl.offset, db };
}

export function discardCachedMaster(srv: Server): void {
  if (srv.rs.cached === null) return;
  srv.log('notice', 'Discarding previously cached master state.');
  srv.rs.cached = null;
}

/**
 * cancelReplicationHandshake: drop an in-progress handshake or transfer; back to 'connect'. With
 * `reconnect` (a failed transfer, replicationCron's timeouts) 7.0 connects again at once and says
 * so; 4.0, and syncWithMaster's handshake errors, leave it to the next replicationCron.
 * Returns whether there was a handshake to cancel.
 */
export function cancelHandshake(srv: Server, reconnect = false): boolean {
  const rs = srv.rs;
  if (rs.handshakeConn === null) return false;
  srv.opts.net.close(rs.handshakeConn);
  if (rs.handshakeFd >= 0) srv.releaseFd(rs.handshakeFd);
  rs.handshakeConn = null;
  rs.handshakeFd = -1;
  rs.buf = [];
  rs.transferChunks = [];
  rs.state = 'connect';
  if (reconnect && srv.d.is7) {
    srv.log('notice', `Reconnecting to MASTER ${rs.masterhost}:${rs.masterport} after failure`);
    connectWithMaster(srv);
  }
  return true;
}

/** connectWithMaster: start the TCP connection; the outcome arrives as an event. */
export function connectWithMaster(srv: Server): void {
  const rs = srv.rs;
  rs.handshakeConn = srv.opts.net.connect(rs.masterhost!, rs.masterport);
  rs.handshakeFd = srv.takeFd();
  rs.state = 'connecting';
  rs.transferLastIo = srv.unixtime;
  srv.log('notice', `${srv.d.link} sync started`);
}

// ------------------------------------------------------------------ handshake (syncWithMaster)

export function onMasterConnectFailed(srv: Server, reason: string): void {
  srv.log('warning', `Error condition on socket for SYNC: ${reason}`);
  cancelHandshake(srv);
}

export function onMasterConnected(srv: Server, localAddr: string): void {
  const rs = srv.rs;
  srv.log('notice', 'Non blocking connect for SYNC fired the event.');
  rs.localAddr = localAddr;
  rs.transferLastIo = srv.unixtime;
  sendHandshake(srv, srv.d.is7 ? encodeCommand(['PING']) : 'PING\r\n');
  rs.state = 'receive_pong';
}

function sendHandshake(srv: Server, s: string): void {
  srv.write(srv.rs.handshakeConn!, s);
}

function replconfPort(srv: Server): string[] {
  const announce = srv.config.int('replica-announce-port');
  return ['REPLCONF', 'listening-port', String(announce || srv.port)];
}

/** REPLCONF ip-address <replica-announce-ip>, sent only when that is set. */
function replconfIp(srv: Server): string[] | null {
  const ip = srv.config.get('replica-announce-ip');
  return ip ? ['REPLCONF', 'ip-address', ip] : null;
}

/** AUTH [masteruser] masterauth when masterauth is set (4.0 has no masteruser), else null. */
function authArgv(srv: Server): string[] | null {
  const pass = srv.config.get('masterauth');
  if (pass === '') return null;
  const user = srv.d.is7 ? srv.config.get('masteruser') : '';
  return user !== '' ? ['AUTH', user, pass] : ['AUTH', pass];
}

/** Take one CRLF line from the handshake buffer, or null. */
function takeLine(srv: Server): string | null {
  const rs = srv.rs;
  const all = rs.buf.length === 1 ? rs.buf[0] : concatBytes(rs.buf);
  const nl = all.indexOf(10);
  if (nl < 0) {
    rs.buf = [all];
    return null;
  }
  const end = nl > 0 && all[nl - 1] === 13 ? nl - 1 : nl;
  const line = binFromBytes(all, 0, end);
  rs.buf = nl + 1 < all.length ? [all.subarray(nl + 1)] : [];
  return line;
}

export function onHandshakeData(srv: Server, data: Uint8Array): void {
  const rs = srv.rs;
  rs.transferLastIo = srv.unixtime;
  if (rs.state === 'transfer') {
    receiveTransfer(srv, data);
    return;
  }
  rs.buf.push(data);
  for (;;) {
    if (rs.handshakeConn === null) return;
    if ((rs.state as ReplState) === 'transfer') {
      const rest = rs.buf.length ? concatBytes(rs.buf) : new Uint8Array(0);
      rs.buf = [];
      if (rest.length) receiveTransfer(srv, rest);
      return;
    }
    const line = takeLine(srv);
    if (line === null) return;
    if (!handshakeStep(srv, line)) return;
  }
}

/** One handshake step on a reply line. Returns false when the handshake stopped. */
function handshakeStep(srv: Server, line: string): boolean {
  const rs = srv.rs;
  switch (rs.state) {
    case 'receive_pong': {
      if (
        line.startsWith('-') &&
        !line.startsWith('-NOAUTH') &&
        !line.startsWith('-NOPERM') &&
        !line.startsWith('-ERR operation not permitted')
      ) {
        srv.log('warning', `Error reply to PING from master: '${line}'`);
        cancelHandshake(srv);
        return false;
      }
      srv.log('notice', 'Master replied to PING, replication can continue...');
      const auth = authArgv(srv);
      if (srv.d.is7) {
        // 7.0 sends AUTH and the whole REPLCONF burst at once, then reads the replies in order.
        const ip = replconfIp(srv);
        sendHandshake(
          srv,
          (auth ? encodeCommand(auth) : '') +
            encodeCommand(replconfPort(srv)) +
            (ip ? encodeCommand(ip) : '') +
            encodeCommand(['REPLCONF', 'capa', 'eof', 'capa', 'psync2']),
        );
      } else {
        // 4.0 waits for each reply before the next command (and has no masteruser).
        sendHandshake(srv, `${(auth ?? replconfPort(srv)).join(' ')}\r\n`);
      }
      rs.state = auth ? 'receive_auth' : 'receive_port';
      return true;
    }
    case 'receive_auth': {
      // A refused AUTH ends this attempt; the cron connects again a second later.
      if (line.startsWith('-')) {
        srv.log('warning', `Unable to AUTH to MASTER: ${line}`);
        cancelHandshake(srv);
        return false;
      }
      if (!srv.d.is7) sendHandshake(srv, `${replconfPort(srv).join(' ')}\r\n`);
      rs.state = 'receive_port';
      return true;
    }
    case 'receive_port': {
      if (line.startsWith('-'))
        srv.log('notice', `(Non critical) Master does not understand REPLCONF listening-port: ${line}`);
      const ip = replconfIp(srv);
      if (ip) {
        if (!srv.d.is7) sendHandshake(srv, `${ip.join(' ')}\r\n`);
        rs.state = 'receive_ip';
        return true;
      }
      if (!srv.d.is7) sendHandshake(srv, 'REPLCONF capa eof capa psync2\r\n');
      rs.state = 'receive_capa';
      return true;
    }
    case 'receive_ip':
      if (line.startsWith('-'))
        srv.log('notice', `(Non critical) Master does not understand REPLCONF ip-address: ${line}`);
      if (!srv.d.is7) sendHandshake(srv, 'REPLCONF capa eof capa psync2\r\n');
      rs.state = 'receive_capa';
      return true;
    case 'receive_capa':
      if (line.startsWith('-')) srv.log('notice', `(Non critical) Master does not understand REPLCONF capa: ${line}`);
      sendPsync(srv);
      return true;
    case 'receive_psync':
      return psyncReply(srv, line);
    default:
      return false;
  }
}

function sendPsync(srv: Server): void {
  const rs = srv.rs;
  let id = '?';
  let off = '-1';
  if (rs.cached) {
    id = rs.cached.replid;
    off = String(rs.cached.reploff + 1);
    srv.log('notice', `Trying a partial resynchronization (request ${id}:${off}).`);
  } else {
    srv.log('notice', 'Partial resynchronization not possible (no cached master)');
  }
  // A master handing over with FAILOVER asks its target to promote itself (7.0).
  const argv = srv.failover.state === 'failover-in-progress' ? ['PSYNC', id, off, 'FAILOVER'] : ['PSYNC', id, off];
  sendHandshake(srv, srv.d.is7 ? encodeCommand(argv) : `PSYNC ${id} ${off}\r\n`);
  rs.state = 'receive_psync';
}

/** slaveTryPartialResynchronization, reading the reply. */
function psyncReply(srv: Server, line: string): boolean {
  const rs = srv.rs;
  if (line.length === 0) return true; // a newline keep-alive while the master prepares
  if (line.startsWith('+FULLRESYNC')) {
    const m = /^\+FULLRESYNC ([0-9a-fA-F]{40}) (-?\d+)$/.exec(line);
    if (!m) {
      srv.log('warning', 'Master replied with wrong +FULLRESYNC syntax.');
      rs.transferReplid = '';
      rs.transferOffset = -1;
    } else {
      rs.transferReplid = m[1];
      rs.transferOffset = Number(m[2]);
      srv.log('notice', `Full resync from master: ${m[1]}:${m[2]}`);
    }
    if (!srv.d.is7) {
      discardCachedMaster(srv);
      disconnectSlaves(srv);
      freeBacklog(srv);
    }
    rs.state = 'transfer';
    failoverPsyncResult(srv, true);
    rs.transferSize = -2; // framing line not read yet
    rs.transferRead = 0;
    rs.transferChunks = [];
    rs.syncStartTime = srv.mstime;
    return true;
  }
  if (line.startsWith('+CONTINUE')) {
    const newId = line.slice('+CONTINUE'.length).trim();
    srv.log('notice', 'Successful partial resynchronization with master.');
    const cached = rs.cached!;
    if (newId.length === 40 && newId !== cached.replid) {
      srv.log('warning', `Master replication ID changed to ${newId}`);
      srv.repl.replid2 = cached.replid;
      srv.repl.secondOffset = srv.repl.offset + 1;
      srv.repl.replid = newId;
      cached.replid = newId;
      disconnectSlaves(srv);
    }
    const rest = rs.buf.length ? concatBytes(rs.buf) : new Uint8Array(0);
    rs.buf = [];
    resurrectCachedMaster(srv);
    if (srv.repl.backlog === null) createBacklog(srv);
    srv.log('notice', `${srv.d.link} sync: Master accepted a Partial Resynchronization.`);
    failoverPsyncResult(srv, true);
    if (rest.length) {
      countReplRead(srv, rest.length);
      receiveFromMaster(srv, rs.master!, rest);
    }
    return false;
  }
  if (line.startsWith('-NOMASTERLINK') || line.startsWith('-LOADING')) {
    srv.log('notice', `Master is currently unable to PSYNC but should be in the future: ${line}`);
    cancelHandshake(srv);
    failoverPsyncResult(srv, false);
    return false;
  }
  if (line.startsWith('-')) {
    srv.log('notice', `Master does not support PSYNC or is in error state (reply: ${line})`);
  } else {
    srv.log('warning', `Unexpected reply to PSYNC from master: ${line}`);
  }
  cancelHandshake(srv);
  failoverPsyncResult(srv, false);
  return false;
}

/**
 * replicationCreateMasterClient: the handshake connection becomes the master client, applying the
 * stream from `reploff` in db `db`; the replica is connected from here on.
 */
function createMasterClient(srv: Server, replid: string, reploff: number, db: number): Client {
  const rs = srv.rs;
  const c = new Client(
    srv.takeClientId(),
    rs.handshakeConn!,
    `${rs.masterhost}:${rs.masterport}`,
    rs.localAddr,
    rs.handshakeFd,
    srv.mstime,
  );
  c.isMaster = true;
  c.replid = replid;
  c.reploff = reploff;
  c.readReploff = reploff;
  c.db = db;
  rs.master = c;
  rs.handshakeConn = null;
  rs.handshakeFd = -1;
  rs.state = 'connected';
  srv.adoptClient(c);
  return c;
}

/** The master client of a successful PSYNC is the cached master, brought back to life. */
function resurrectCachedMaster(srv: Server): void {
  const cached = srv.rs.cached!;
  srv.rs.cached = null;
  createMasterClient(srv, cached.replid, cached.reploff, cached.db);
}

// ------------------------------------------------------------------ RDB transfer (readSyncBulkPayload)

function receiveTransfer(srv: Server, data: Uint8Array): void {
  const rs = srv.rs;
  // 7.0 counts every byte read in the transfer (the `$` line, keep-alive newlines); 4.0 the payload.
  if (srv.d.is7) countReplRead(srv, data.length);
  let d = data;
  if (rs.transferSize === -2) {
    rs.buf.push(d);
    for (;;) {
      const line = takeLine(srv);
      if (line === null) return;
      if (line === '') continue; // keep-alive newlines before the payload
      if (line.startsWith('-')) {
        srv.log('warning', `MASTER aborted replication with an error: ${line.slice(1)}`);
        cancelHandshake(srv, true);
        return;
      }
      if (line.startsWith('$EOF:') && line.length === 5 + 40) {
        rs.transferEofMark = line.slice(5);
        rs.transferSize = -1;
        srv.log(
          'notice',
          srv.d.is7
            ? `${srv.d.link} sync: receiving streamed RDB from master with EOF to disk`
            : `${srv.d.link} sync: receiving streamed RDB from master`,
        );
      } else {
        rs.transferSize = Number(line.slice(1));
        srv.log(
          'notice',
          srv.d.is7
            ? `${srv.d.link} sync: receiving ${rs.transferSize} bytes from master to disk`
            : `${srv.d.link} sync: receiving ${rs.transferSize} bytes from master`,
        );
      }
      d = rs.buf.length ? concatBytes(rs.buf) : new Uint8Array(0);
      rs.buf = [];
      break;
    }
  }
  if (!srv.d.is7) countReplRead(srv, d.length);
  if (d.length === 0) return;
  // The payload arrives in segments: they are kept apart and joined once, at the end.
  rs.transferChunks.push(d);
  rs.transferRead += d.length;
  let end: number;
  let skip = 0;
  if (rs.transferSize >= 0) {
    if (rs.transferRead < rs.transferSize) return;
    end = rs.transferSize;
  } else {
    if (!endsWithMark(rs.transferChunks, rs.transferEofMark)) return;
    end = rs.transferRead - 40;
    skip = 40;
  }
  const all = concatBytes(rs.transferChunks);
  finishFullSync(srv, all.subarray(0, end), all.subarray(end + skip));
}

/**
 * Whether the payload received so far ends with the 40-byte EOF mark (readSyncBulkPayload's
 * `lastbytes`): the master sends nothing after it until the replica's first ACK.
 */
function endsWithMark(chunks: readonly Uint8Array[], mark: string): boolean {
  let k = 40;
  for (let i = chunks.length - 1; i >= 0 && k > 0; i--) {
    const c = chunks[i];
    for (let j = c.length - 1; j >= 0 && k > 0; j--) {
      if (c[j] !== mark.charCodeAt(--k)) return false;
    }
  }
  return k === 0;
}

function finishFullSync(srv: Server, rdb: Uint8Array, rest: Uint8Array): void {
  const rs = srv.rs;
  const eof = rs.transferSize === -1;
  if (srv.d.is7) {
    discardCachedMaster(srv);
    disconnectSlaves(srv);
    freeBacklog(srv);
  }
  srv.log('notice', `${srv.d.link} sync: Flushing old data`);
  srv.flushAll();
  srv.log('notice', `${srv.d.link} sync: Loading DB in memory`);
  srv.opts.files.write(srv.config.get('dbfilename'), rdb.slice());
  let info: { streamDb?: number };
  try {
    info = loadRdbInto(srv, rdb, { replication: true });
    srv.lruBaseline = newLru(srv, srv.lfu);
  } catch (e) {
    srv.log('warning', `Failed trying to load the MASTER synchronization DB from disk: ${(e as Error).message}`);
    cancelHandshake(srv, true);
    return;
  }
  // replicationCreateMasterClient(fd, rsi.repl_stream_db): the stream goes on in the db it was in
  // when the RDB was made. A middle node proxies its master's stream verbatim, with no SELECT of
  // its own, so without this a sub-replica would apply those commands in db 0.
  const streamDb =
    info.streamDb !== undefined && info.streamDb >= 0 && info.streamDb < srv.dbs.length ? info.streamDb : 0;
  rs.transferChunks = [];
  const c = createMasterClient(srv, rs.transferReplid, rs.transferOffset, streamDb);
  srv.repl.replid = rs.transferReplid;
  srv.repl.offset = rs.transferOffset;
  clearReplicationId2(srv);
  if (srv.repl.backlog === null) createBacklog(srv);
  srv.log('notice', `${srv.d.link} sync: Finished with success`);
  if (eof && srv.d.is7) sendAck(srv);
  if (rest.length) receiveFromMaster(srv, c, rest);
}

/** replicationSendAck: REPLCONF ACK <reploff>. */
export function sendAck(srv: Server): void {
  const m = srv.rs.master;
  if (m && !m.closed) srv.write(m.conn, encodeCommand(['REPLCONF', 'ACK', String(m.reploff)]));
}

// ------------------------------------------------------------------ link loss

/**
 * The master link (or the handshake connection) closed. A live master client is cached for a
 * later PSYNC (replicationCacheMaster); 7.0 reconnects at once, 4.0 at the next cron.
 * `c` is null when the handshake connection closed.
 */
export function masterLinkClosed(srv: Server, c: Client | null): void {
  const rs = srv.rs;
  if (c === null) {
    if (rs.state !== 'transfer') {
      cancelHandshake(srv);
      return;
    }
    srv.log('warning', 'I/O error trying to sync with MASTER: connection lost');
    cancelHandshake(srv, true);
    return;
  }
  if (rs.master !== c) return;
  srv.log('warning', 'Connection with master lost.');
  srv.log('notice', 'Caching the disconnected master state.');
  rs.cached = { replid: c.replid, reploff: c.reploff, db: c.db };
  rs.master = null;
  rs.state = 'connect';
  rs.downSince = srv.unixtime;
  if (srv.d.is7 && rs.masterhost !== null) {
    srv.log('notice', `Reconnecting to MASTER ${rs.masterhost}:${rs.masterport}`);
    connectWithMaster(srv);
  }
}

/** Used by the backlog TTL: a fresh replication history. */
export function resetHistory(srv: Server): void {
  changeReplicationId(srv);
  clearReplicationId2(srv);
  freeBacklog(srv);
}

/**
 * Writing a full sync's RDB into the replicas' sockets, no faster than the sockets take it
 * (replication.c: sendBulkToSlave for a disk sync, rdbPipeReadHandler / rdbPipeWriteHandler for a
 * diskless one). A socket holds SOCKET_CAPACITY bytes that its reader has not read yet (net.ts):
 * once a replica's is full the master stops writing to it until the host reports, through
 * `onWritable`, that the replica has read enough. So over a slow link the master finishes
 * writing — and logs so — when the last bytes enter the socket, a few megabytes before the
 * replica has them, as real Redis does; a replica receives its RDB in segments and can show how
 * far it is.
 *
 * - Disk (`send_bulk`): each replica gets `$<len>\r\n` and the file at its own pace; when the last
 *   byte is written it goes online ("Synchronization with replica … succeeded") and the stream
 *   buffered for it meanwhile follows.
 * - Diskless: the forked child writes `$EOF:<mark>\r\n`, the RDB and the mark into a pipe, and the
 *   parent relays the pipe to every replica in 16 KB reads (PROTO_IOBUF_LEN), reading the next
 *   piece only once every replica's socket has taken the current one — the slowest replica sets
 *   the pace of all. When the pipe is drained the child logs its copy-on-write line and exits;
 *   the parent notices at its next cron and puts the replicas online (persistence.ts).
 *   If every replica is gone before that, the child is killed.
 *
 * Bytes go to the network in segments of at most SOCKET_SEGMENT, after whatever the replica's
 * output buffer already holds (the +FULLRESYNC line), and count as replication output.
 */
import { bytesFromBin } from '../../lib';
import type { Client } from '../client';
import { SOCKET_CAPACITY, SOCKET_SEGMENT } from '../net';
import type { Server } from '../server';

/** The diskless child's pipe, as the parent relays it (server.rdb_pipe_*). */
export interface RdbPipe {
  /** The child's pid. */
  readonly pid: number;
  /** What the child writes: `$EOF:<mark>\r\n`, the RDB, the mark. */
  readonly parts: readonly Uint8Array[];
  readonly size: number;
  /** Bytes the parent has read from the pipe so far (a multiple of PIPE_READ, or size). */
  taken: number;
  /** The replicas being fed (rdb_pipe_conns), minus those that went away. */
  readonly replicas: Client[];
}

/** What the parent reads from the pipe at a time (PROTO_IOBUF_LEN). */
const PIPE_READ = 16 * 1024;

/** Bytes the replica's socket can take now. */
function socketSpace(srv: Server, c: Client): number {
  if (srv.opts.net.wantWritable === undefined) return Number.POSITIVE_INFINITY;
  const l = c.replica!;
  return SOCKET_CAPACITY - (l.netSent - l.peerRead);
}

/** Write bytes [from, to) of the concatenated parts into the replica's socket, in segments. */
function sendRange(srv: Server, c: Client, parts: readonly Uint8Array[], from: number, to: number): void {
  let base = 0;
  let pos = from;
  let i = 0;
  while (pos < to) {
    while (pos >= base + parts[i].length) base += parts[i++].length;
    const end = Math.min(to, pos + SOCKET_SEGMENT);
    const part = parts[i];
    if (end <= base + part.length) {
      srv.sendToReplicaSocket(c, part.subarray(pos - base, end - base));
    } else {
      // A segment across parts (the framing line and the RDB's first bytes): one copy of it.
      const seg = new Uint8Array(end - pos);
      let at = 0;
      let b = base;
      for (let k = i; at < seg.length; k++) {
        const p = parts[k];
        const s = Math.max(0, pos + at - b);
        const n = Math.min(p.length - s, seg.length - at);
        seg.set(p.subarray(s, s + n), at);
        at += n;
        b += p.length;
      }
      srv.sendToReplicaSocket(c, seg);
    }
    pos = end;
  }
}

// ------------------------------------------------------------------ disk: sendBulkToSlave

/** The BGSAVE for a disk sync is done: start writing `$<len>\r\n` and the file to the replica. */
export function startBulk(srv: Server, c: Client, rdb: Uint8Array, done: (c: Client) => void): void {
  const l = c.replica!;
  l.state = 'send_bulk';
  l.bulk = { parts: [bytesFromBin(`$${rdb.length}\r\n`), rdb], pos: 0, payload: rdb.length, done };
  sendBulk(srv, c);
}

/** Write as much of the file as the socket takes; online once all of it is in. */
function sendBulk(srv: Server, c: Client): void {
  const l = c.replica!;
  const b = l.bulk;
  if (b === null || c.closed) return;
  const total = b.parts[0].length + b.parts[1].length;
  const n = Math.min(total - b.pos, socketSpace(srv, c));
  if (n > 0) {
    sendRange(srv, c, b.parts, b.pos, b.pos + n);
    b.pos += n;
  }
  if (b.pos < total) {
    srv.opts.net.wantWritable?.(c.conn);
    return;
  }
  l.bulk = null;
  b.done(c);
}

// ------------------------------------------------------------------ diskless: the pipe relay

/** Fork time of a diskless sync: the child starts writing the framed RDB into its pipe. */
export function startPipe(srv: Server, pid: number, mark: string, rdb: Uint8Array, replicas: Client[]): void {
  const parts = [bytesFromBin(`$EOF:${mark}\r\n`), rdb, bytesFromBin(mark)];
  const size = parts[0].length + rdb.length + parts[2].length;
  for (const c of replicas) c.replica!.pipeSent = 0;
  srv.repl.pipe = { pid, parts, size, taken: 0, replicas: [...replicas] };
}

/**
 * rdbPipeReadHandler: read pieces of the pipe while every replica's socket takes them; stop
 * (waiting for a writable socket) at the first piece one of them cannot take whole.
 */
export function relayPipe(srv: Server): void {
  const p = srv.repl.pipe;
  if (p === null) return;
  // The child was killed meanwhile (SHUTDOWN): its pipe is gone with it.
  if (srv.child === null || srv.child.pid !== p.pid) {
    srv.repl.pipe = null;
    return;
  }
  if (p.replicas.length === 0) {
    srv.repl.pipe = null;
    srv.log('warning', 'Diskless rdb transfer, last replica dropped, killing fork child.');
    killPipeChild(srv);
    return;
  }
  // How far each replica's socket could go, and how far the relay gets in lock-step.
  let reach = Number.POSITIVE_INFINITY;
  for (const c of p.replicas) reach = Math.min(reach, c.replica!.pipeSent + socketSpace(srv, c));
  while (p.taken < p.size && reach >= p.taken) p.taken = Math.min(p.size, p.taken + PIPE_READ);
  let blocked = false;
  for (const c of p.replicas) {
    const l = c.replica!;
    const to = Math.min(p.taken, l.pipeSent + socketSpace(srv, c));
    if (to > l.pipeSent) {
      sendRange(srv, c, p.parts, l.pipeSent, to);
      l.pipeSent = to;
    }
    if (l.pipeSent < p.taken) {
      blocked = true;
      srv.opts.net.wantWritable?.(c.conn);
    }
  }
  if (blocked) return;
  // EOF: the child wrote its last bytes (and its copy-on-write line), the parent read them all.
  srv.repl.pipe = null;
  srv.logAs(
    p.pid,
    'C',
    'notice',
    srv.d.is7 ? 'Fork CoW for RDB: current 0 MB, peak 0 MB, average 0 MB' : 'RDB: 0 MB of memory used by copy-on-write',
  );
  if (srv.d.is7) {
    srv.log('warning', `Diskless rdb transfer, done reading from pipe, ${p.replicas.length} replicas still up.`);
  }
  srv.child!.doneAt = srv.mstime;
}

/** killRDBChild: the parent notices the child's death (by SIGUSR1) at its next cron. */
function killPipeChild(srv: Server): void {
  const child = srv.child!;
  child.doneAt = srv.mstime;
  child.signal = 10;
}

/** A replica left (freeClient): it no longer holds the relay back. */
export function pipeReplicaGone(srv: Server, c: Client): void {
  const p = srv.repl.pipe;
  if (p === null) return;
  const i = p.replicas.indexOf(c);
  if (i < 0) return;
  p.replicas.splice(i, 1);
  relayPipe(srv);
}

// ------------------------------------------------------------------ the socket drained

/** The host says the replica has read `read` bytes of what was written to it: write on. */
export function replicaWritable(srv: Server, c: Client, read: number): void {
  const l = c.replica;
  if (l === null) return;
  if (read > l.peerRead) l.peerRead = read;
  if (l.bulk !== null) sendBulk(srv, c);
  else if (srv.repl.pipe?.replicas.includes(c)) relayPipe(srv);
}

/**
 * The playground's view of a transfer: the bytes of the payload (what follows the framing line,
 * the EOF mark included) written into the replica's socket so far, and their total; null when
 * the replica is not being sent an RDB.
 */
export function rdbProgress(srv: Server, c: Client): { sent: number; size: number } | null {
  const l = c.replica;
  if (l === null) return null;
  if (l.bulk !== null) {
    const head = l.bulk.parts[0].length;
    return { sent: Math.max(0, l.bulk.pos - head), size: l.bulk.payload };
  }
  const p = srv.repl.pipe;
  if (p?.replicas.includes(c)) {
    const head = p.parts[0].length;
    return { sent: Math.max(0, l.pipeSent - head), size: p.size - head };
  }
  return null;
}

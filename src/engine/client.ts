/**
 * A connection as the server sees it (server.h `client`): the query buffer, the selected db,
 * MULTI state, and — for the two special kinds — the replication fields. A normal client is
 * anyone typing commands (a console is one redis-cli connection). A *replica* client is a
 * connection that sent SYNC/PSYNC; the master tracks its state (wait_bgsave → send_bulk → online)
 * and its acknowledged offset. The *master* client lives on a replica: the link its master
 * streams commands over, whose `reploff` is the replica's slave_repl_offset.
 */
import type { KeyBlock } from './blocking';
import type { Resolved } from './dispatch';
import type { ConnId } from './net';
import { RespDecoder } from './resp';
import type { OutBuf } from './resp/outbuf';
import type { TrackingMode } from './tracking';
import type { WatchedKey, Watcher } from './watch';

/** Master-side view of one replica (server.h SLAVE_STATE_*). */
export type ReplicaState =
  | 'wait_bgsave' // waiting for (or during) the BGSAVE that will feed it
  | 'send_bulk' // disk RDB being written to the socket
  | 'online'; // streaming the replication stream

export interface MultiState {
  /** Queued commands: argv as typed. */
  queue: string[][];
  /** An error while queueing makes EXEC abort (flagTransaction). */
  dirtyExec: boolean;
}

export class Client implements Watcher {
  readonly decoder = new RespDecoder();
  /** Output queued for this connection during the current event (the server flushes it). */
  out: OutBuf | null = null;
  /** Selected db index. */
  db = 0;
  name = '';
  /** The protocol HELLO chose (c->resp): 2 until a HELLO 3. */
  resp: 2 | 3 = 2;
  /**
   * c->authenticated. The server sets it at accept: 7.0 lets in a client of a default user with
   * nopass at connect time (and keeps it in after requirepass is set); 4.0 starts everyone out.
   */
  authenticated = true;
  /** Set while in MULTI. */
  multi: MultiState | null = null;
  /** WATCHed keys (watch.ts). */
  watched: WatchedKey[] = [];
  /** A watched key was touched: the next EXEC fails (CLIENT_DIRTY_CAS). */
  dirtyCas = false;
  /** The last command name this connection sent that resolved to a command, and what it resolved to. */
  lastTyped: string | null = null;
  lastResolved: Resolved | null = null;
  /** Last command name (lowercase) for CLIENT LIST `cmd=`. */
  lastCmd = 'NULL';
  lastInteraction: number;
  /** Closing after the pending reply is flushed (protocol error, QUIT, CLIENT KILL of itself). */
  closeAfterReply = false;
  /**
   * CLIENT REPLY (7.0): OFF silences every reply; SKIP silences the next command's. Pushes
   * (pub/sub, invalidations) still go out (CLIENT_PUSHING).
   */
  replyOff = false;
  replySkip = false;
  replySkipNext = false;
  /** CLIENT TRACKING options while tracking is on (tracking.ts). */
  tracking: TrackingMode | null = null;
  /** CLIENT NO-EVICT on (7.0; the `e` flag). */
  noEvict = false;
  closed = false;
  /**
   * What this client runs is not propagated by call(): the scripting client while a 4.0 script
   * is replicated whole (the EVAL is sent instead) or a script's redis.set_repl turned it off.
   */
  noPropagation = false;

  /** Subscribed channels, patterns and (7.0) shard channels (pubsub.ts keeps the reverse maps). */
  readonly subs = new Set<string>();
  readonly psubs = new Set<string>();
  readonly ssubs = new Set<string>();
  /** In MONITOR mode (flag O): sent every command the server runs (monitor.ts). */
  monitor = false;

  /**
   * 7.0 blocked states besides WAIT: a command postponed while writes are paused (its argv in
   * `postponedArgv`, run again at unpause), or a SHUTDOWN waiting for the process to exit.
   */
  blockedOn: 'postpone' | 'shutdown' | null = null;
  postponedArgv: string[] | null = null;

  /** The client scripts run their commands as (CLIENT_SCRIPT): XREAD BLOCK is refused there. */
  script = false;
  /** Running the commands of its EXEC: a blocking command answers as if timed out (CLIENT_DENY_BLOCKING). */
  inExec = false;
  /** Blocked on keys (BLPOP and friends; blocking.ts). */
  bpop: KeyBlock | null = null;

  /** WAIT in progress: released by ACKs or the timeout. */
  wait: { numreplicas: number; offset: number; timeoutAt: number } | null = null;
  /** master_repl_offset after this client's last command (c->woff, what WAIT waits for). */
  woff = 0;

  // --- set when this connection is one of our replicas (master side) ---
  replica: ReplicaLink | null = null;

  // --- set when this connection is our master's link (replica side) ---
  isMaster = false;
  /** Bytes of the master's stream read so far (slave_read_repl_offset). */
  readReploff = 0;
  /** Bytes applied (slave_repl_offset); proxied to sub-replicas as applied. */
  reploff = 0;
  /** Bytes of a master transaction read but not yet applied (offset moves after EXEC). */
  unapplied = '';
  /** The master's replication ID as learned from +FULLRESYNC / +CONTINUE. */
  replid = '';

  constructor(
    readonly id: number,
    readonly conn: ConnId,
    /** peer address "ip:port" */
    readonly addr: string,
    /** our address "ip:port" */
    readonly laddr: string,
    readonly fd: number,
    readonly ctime: number,
  ) {
    this.lastInteraction = ctime;
  }
}

/** The replication fields a master keeps for each replica. */
export interface ReplicaLink {
  state: ReplicaState;
  /** REPLCONF listening-port (0 = unknown). */
  listeningPort: number;
  /** REPLCONF ip-address, if announced. */
  announcedIp: string;
  /** capa eof / psync2 announced. */
  capaEof: boolean;
  capaPsync2: boolean;
  /** Last REPLCONF ACK offset (INFO offset=). */
  ackOffset: number;
  /** Time of the last ACK (ms) for lag=. */
  ackTime: number;
  /** The FULLRESYNC offset for a replica being fully synced (psync_initial_offset). */
  initialOffset: number;
  /** The stream buffered for this replica while its RDB is produced/sent. */
  pending: string[];
  /** +FULLRESYNC was sent: the stream is buffered in `pending` until the RDB is delivered. */
  fullresyncSent: boolean;
  /** 7.0 diskless: the buffered stream starts flowing at the replica's first ACK. */
  startStreamOnAck: boolean;
  /** The replica asked with plain SYNC (no +FULLRESYNC line, no ACKs expected). */
  prePsync: boolean;
  /** Order of attachment, for slaveN: numbering. */
  attachSeq: number;
  /** 7.0 REPLCONF rdb-only 1 (redis-cli --rdb): it gets the RDB, no stream, and is then closed. */
  rdbOnly: boolean;
  /** Bytes written into this replica's socket, and how many of them it had read when last told. */
  netSent: number;
  peerRead: number;
  /**
   * A disk full sync being written (send_bulk): `$<len>\r\n` and the file, how far, the file's
   * length, and what to do once all of it is in the socket (rdb-transfer.ts).
   */
  bulk: { parts: Uint8Array[]; pos: number; payload: number; done: (c: Client) => void } | null;
  /** A diskless full sync: how much of the child's pipe this replica's socket has taken. */
  pipeSent: number;
}

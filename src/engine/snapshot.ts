/**
 * A plain-data picture of a node's replication state for hosts, the playground's settle check
 * and the UI (which must never reach into engine objects).
 */

import { type PsyncDecision, replicaName } from './replication/master';
import { rdbProgress } from './replication/rdb-transfer';
import { roleState } from './replication/replica';
import type { Server } from './server';

export interface NodeSnapshot {
  role: 'master' | 'slave';
  masterHost: string | null;
  masterPort: number;
  /** none/connect/connecting/handshake/sync/connected */
  linkState: string;
  masterReplOffset: number;
  /** The live master client's applied offset, or -1. */
  slaveReplOffset: number;
  replid: string;
  replid2: string;
  secondReplOffset: number;
  backlog: { firstByteOffset: number; histlen: number; size: number } | null;
  /**
   * Master side: its replicas. `rdb`, only while a full sync's RDB is being written to that
   * replica: the payload bytes (after the `$` line) in its socket so far, and their total.
   */
  replicas: { addr: string; port: number; state: string; ackOffset: number; rdb?: { sent: number; size: number } }[];
  childRunning: boolean;
  keys: number;
  /**
   * Replica side, while an RDB is being received (state "sync"): bytes read so far and the
   * announced size (-1 for a diskless `$EOF:` stream, -2 before the size line arrived).
   */
  transfer: { read: number; size: number } | null;
  /** The last PSYNC/SYNC requests this node answered as a master, oldest first (display only). */
  psyncs: PsyncDecision[];
}

export type { PsyncDecision, PsyncReason } from './replication/master';

export function snapshot(srv: Server): NodeSnapshot {
  const rs = srv.rs;
  const b = srv.repl.backlog;
  return {
    role: rs.masterhost === null ? 'master' : 'slave',
    masterHost: rs.masterhost,
    masterPort: rs.masterport,
    linkState: roleState(rs.state),
    masterReplOffset: srv.repl.offset,
    slaveReplOffset: rs.master ? rs.master.reploff : -1,
    replid: srv.repl.replid,
    replid2: srv.repl.replid2,
    secondReplOffset: srv.repl.secondOffset,
    backlog: b
      ? { firstByteOffset: b.firstByteOffset, histlen: b.histlen, size: srv.config.int('repl-backlog-size') }
      : null,
    replicas: srv.slaves.map((s) => {
      const r: NodeSnapshot['replicas'][number] = {
        addr: replicaName(srv, s),
        port: s.replica!.listeningPort,
        state: s.replica!.state,
        ackOffset: s.replica!.ackOffset,
      };
      const rdb = rdbProgress(srv, s);
      if (rdb !== null) r.rdb = rdb;
      return r;
    }),
    childRunning: srv.child !== null,
    keys: srv.keyCount(),
    transfer: rs.state === 'transfer' ? { read: rs.transferRead, size: rs.transferSize } : null,
    psyncs: srv.repl.psyncLog.map((d) => ({ ...d, backlog: d.backlog && { ...d.backlog } })),
  };
}

/**
 * Coordinated failover (7.0 replication.c: failoverCommand, updateFailoverStatus,
 * abortFailover, clearFailoverState). A master asked to FAILOVER pauses writes and waits for a
 * replica — the one named by TO, or any — to acknowledge its whole stream (the replicas' regular
 * REPLCONF ACKs; no GETACK is sent). Then it turns itself into a replica of that node
 * (replicationSetMaster) and, while the state is `failover-in-progress`, its handshake sends
 * `PSYNC <replid> <offset> FAILOVER`, which makes the target promote itself before answering.
 * The reply to that PSYNC ends the failover: +CONTINUE or +FULLRESYNC clear it (writes resume,
 * now refused as READONLY), anything else aborts it and the node becomes a master again.
 *
 * While a failover is under way replicationCron runs every serverCron (100 ms) instead of once a
 * second, and the master skips its PINGs if a TIMEOUT was given.
 */
import type { Client } from '../client';
import type { Server } from '../server';
import { replicaName } from './master';
import { setMaster, unsetMaster } from './replica';

/** server.failover_state, as INFO's master_failover_state spells it. */
export type FailoverStateName = 'no-failover' | 'waiting-for-sync' | 'failover-in-progress';

export interface FailoverState {
  state: FailoverStateName;
  /** failover_end_time: the TIMEOUT deadline in ms, 0 = none. */
  endTime: number;
  force: boolean;
  /** The target (TO, or the replica found in sync); null = any replica. */
  targetHost: string | null;
  targetPort: number;
}

export function newFailoverState(): FailoverState {
  return { state: 'no-failover', endTime: 0, force: false, targetHost: null, targetPort: 0 };
}

/** findReplica: the replica announced (or connected) from host with that listening port. */
export function findReplica(srv: Server, host: string, port: number): Client | null {
  for (const s of srv.slaves) {
    const name = replicaName(srv, s);
    const ip = name.slice(0, name.lastIndexOf(':'));
    if (ip.toLowerCase() === host.toLowerCase() && s.replica!.listeningPort === port) return s;
  }
  return null;
}

/** Start waiting for a replica (the checks are the command's). */
export function startFailover(
  srv: Server,
  target: { host: string; port: number } | null,
  timeoutMs: number,
  force: boolean,
): void {
  const f = srv.failover;
  if (target) {
    f.targetHost = target.host;
    f.targetPort = target.port;
    srv.log('notice', `FAILOVER requested to ${target.host}:${target.port}.`);
  } else {
    srv.log('notice', 'FAILOVER requested to any replica.');
  }
  f.endTime = timeoutMs > 0 ? srv.opts.clock.now() + timeoutMs : 0;
  f.force = force;
  f.state = 'waiting-for-sync';
  srv.pauseClients('failover', Number.POSITIVE_INFINITY, 'write');
}

/** clearFailoverState: back to no-failover, writes resume. */
export function clearFailoverState(srv: Server): void {
  const f = srv.failover;
  f.endTime = 0;
  f.force = false;
  f.targetHost = null;
  f.targetPort = 0;
  f.state = 'no-failover';
  srv.unpauseClients('failover');
}

/** abortFailover: log why; a node already turned replica becomes a master again. */
export function abortFailover(srv: Server, err: string): void {
  const f = srv.failover;
  if (f.state === 'no-failover') return;
  if (f.targetHost !== null) srv.log('notice', `FAILOVER to ${f.targetHost}:${f.targetPort} aborted: ${err}`);
  else srv.log('notice', `FAILOVER to any replica aborted: ${err}`);
  if (f.state === 'failover-in-progress') unsetMaster(srv);
  clearFailoverState(srv);
}

/**
 * updateFailoverStatus (beforeSleep and replicationCron): time out or force, or fail over to the
 * first replica whose acknowledged offset equals ours.
 */
export function updateFailoverStatus(srv: Server): void {
  const f = srv.failover;
  if (f.state !== 'waiting-for-sync') return;
  if (f.endTime && f.endTime <= srv.mstime) {
    if (f.force) {
      srv.log('notice', `FAILOVER to ${f.targetHost}:${f.targetPort} time out exceeded, failing over.`);
      f.state = 'failover-in-progress';
      setMaster(srv, f.targetHost!, f.targetPort);
    } else {
      abortFailover(srv, 'Replica never caught up before timeout');
    }
    return;
  }
  let replica: Client | null = null;
  if (f.targetHost !== null) {
    replica = findReplica(srv, f.targetHost, f.targetPort);
  } else {
    for (const s of srv.slaves) {
      if (s.replica!.ackOffset === srv.repl.offset) {
        const name = replicaName(srv, s);
        f.targetHost = name.slice(0, name.lastIndexOf(':'));
        f.targetPort = s.replica!.listeningPort;
        replica = s;
        break;
      }
    }
  }
  if (replica && replica.replica!.ackOffset === srv.repl.offset) {
    f.state = 'failover-in-progress';
    srv.log('notice', `Failover target ${f.targetHost}:${f.targetPort} is synced, failing over.`);
    setMaster(srv, f.targetHost!, f.targetPort);
  }
}

/** The PSYNC reply of a failover handshake arrived: +CONTINUE/+FULLRESYNC end it, else abort. */
export function failoverPsyncResult(srv: Server, accepted: boolean): void {
  if (srv.failover.state !== 'failover-in-progress') return;
  if (accepted) clearFailoverState(srv);
  else abortFailover(srv, 'Failover target rejected psync request');
}

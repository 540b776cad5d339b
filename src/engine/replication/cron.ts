/**
 * replicationCron, once per second (every tenth serverCron; 7.0: every serverCron while a
 * FAILOVER is under way): the failover check first, replica-side timeouts, reconnects and ACKs;
 * master-side PINGs (on calls whose count since process start is a multiple of
 * repl-ping-replica-period — the count is replicationCron's own, so it runs faster during a
 * failover — and not while a FAILOVER with a TIMEOUT has writes paused), newline keep-alives to
 * replicas waiting for an RDB, replica timeouts, the backlog TTL, and starting a delayed diskless
 * BGSAVE once the oldest waiting replica has waited repl-diskless-sync-delay seconds.
 */
import { forgetReplicatedScripts } from '../scripting/run';
import type { Server } from '../server';
import { writeUncounted } from '../stats';
import { updateFailoverStatus } from './failover';
import { feedCommand, refreshGoodReplicas, replicaName, startBgsaveForReplication } from './master';
import { cancelHandshake, connectWithMaster, resetHistory, sendAck } from './replica';

export function replicationCron(srv: Server): void {
  const loops = srv.replCronLoops++;
  updateFailoverStatus(srv);
  const rs = srv.rs;
  const timeout = srv.config.int('repl-timeout');
  const now = srv.unixtime;
  if (rs.masterhost !== null) {
    const handshaking = rs.state === 'connecting' || (rs.state.startsWith('receive_') && rs.state !== 'transfer');
    if (handshaking && now - rs.transferLastIo > timeout) {
      srv.log('warning', 'Timeout connecting to the MASTER...');
      cancelHandshake(srv, true);
    }
    if (rs.state === 'transfer' && now - rs.transferLastIo > timeout) {
      srv.log(
        'warning',
        "Timeout receiving bulk data from MASTER... If the problem persists try to set the 'repl-timeout' parameter in redis.conf to a larger value.",
      );
      cancelHandshake(srv, true);
    }
    if (rs.state === 'connected' && rs.master && now - Math.floor(rs.master.lastInteraction / 1000) > timeout) {
      srv.log('warning', 'MASTER timeout: no data nor PING received...');
      srv.freeClient(rs.master, true);
    }
    if (rs.state === 'connect') {
      srv.log('notice', `Connecting to MASTER ${rs.masterhost}:${rs.masterport}`);
      connectWithMaster(srv);
    }
    if (rs.master) sendAck(srv);
  }

  if (loops % srv.config.int('repl-ping-replica-period') === 0 && srv.slaves.length > 0) {
    const pausedFailover = srv.failover.endTime !== 0 && srv.clientsPaused();
    if (!pausedFailover) feedCommand(srv, srv.repl.slaveseldb, ['PING']);
  }

  for (const s of srv.slaves) {
    const l = s.replica!;
    const presync = l.state === 'wait_bgsave' && (!l.fullresyncSent || srv.child?.kind !== 'socket');
    if (presync) {
      writeUncounted(srv, s.conn, '\n');
    }
  }

  for (const s of [...srv.slaves]) {
    const l = s.replica!;
    if (l.state === 'online' && !l.prePsync && now - l.ackTime > timeout) {
      srv.log(
        'warning',
        srv.d.is7
          ? `Disconnecting timedout replica (streaming sync): ${replicaName(srv, s)}`
          : `Disconnecting timedout slave: ${replicaName(srv, s)}`,
      );
      srv.freeClient(s, true);
    }
  }

  const ttl = srv.config.int('repl-backlog-ttl');
  if (srv.slaves.length === 0 && ttl > 0 && srv.repl.backlog && rs.masterhost === null) {
    if (now - srv.repl.noSlavesSince > ttl) {
      resetHistory(srv);
      srv.log(
        'notice',
        `Replication backlog freed after ${ttl} seconds without connected ${srv.d.is7 ? 'replicas' : 'slaves'}.`,
      );
    }
  }

  // 4.0: with no replica (and no AOF, which the playground has not) EVALSHA need not be rewritten.
  if (!srv.d.is7 && srv.slaves.length === 0) forgetReplicatedScripts(srv);

  // Start a delayed diskless BGSAVE (shouldStartChildReplication).
  if (!srv.child) {
    let maxIdle = 0;
    let waiting = 0;
    for (const s of srv.slaves) {
      const l = s.replica!;
      if (l.state === 'wait_bgsave' && !l.fullresyncSent) {
        waiting++;
        maxIdle = Math.max(maxIdle, now - Math.floor(s.lastInteraction / 1000));
      }
    }
    const delay = srv.config.int('repl-diskless-sync-delay');
    const ready = srv.d.is7 ? maxIdle >= delay : maxIdle > delay;
    if (waiting > 0 && (!srv.config.bool('repl-diskless-sync') || ready)) startBgsaveForReplication(srv);
  }
  refreshGoodReplicas(srv);
}

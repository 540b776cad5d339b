/**
 * INFO replication: role, the master link as a replica sees it, the replicas as a master sees
 * them, and the replication ID / offset / backlog — field for field and in order as real 7.0.15 /
 * 4.0.14 print it (the differential scenarios read it).
 */
import { replicaName } from '../replication/master';
import type { Server } from '../server';
import { Section } from './format';

export function replicationSection(srv: Server): Section {
  const sec = new Section('Replication');
  const add = (k: string, v: string | number) => sec.add(k, v);
  const rs = srv.rs;
  const r = srv.repl;
  const is7 = srv.d.is7;
  if (rs.masterhost === null) {
    add('role', 'master');
  } else {
    add('role', 'slave');
    add('master_host', rs.masterhost);
    add('master_port', rs.masterport);
    const up = rs.state === 'connected';
    add('master_link_status', up ? 'up' : 'down');
    add('master_last_io_seconds_ago', rs.master ? Math.floor((srv.mstime - rs.master.lastInteraction) / 1000) : -1);
    add('master_sync_in_progress', rs.state === 'transfer' ? 1 : 0);
    const off = rs.master ? rs.master.reploff : rs.cached ? rs.cached.reploff : 1;
    const readOff = rs.master ? rs.master.readReploff : off;
    if (is7) add('slave_read_repl_offset', readOff);
    add('slave_repl_offset', off);
    if (rs.state === 'transfer') {
      // repl_transfer_size: -1 until the `$` line is read, 0 for an EOF-marked stream (whose
      // left bytes go negative), else the announced length.
      const total = rs.transferSize === -2 ? -1 : rs.transferSize === -1 ? 0 : rs.transferSize;
      if (is7) {
        add('master_sync_total_bytes', total);
        add('master_sync_read_bytes', rs.transferRead);
        add('master_sync_left_bytes', total - rs.transferRead);
        // C's "%.2f" of 0 / -1 * 100 is "-0.00".
        const perc = total === -1 ? '-0.00' : total ? ((rs.transferRead / total) * 100).toFixed(2) : '0.00';
        add('master_sync_perc', perc);
      } else {
        add('master_sync_left_bytes', total - rs.transferRead);
      }
      add('master_sync_last_io_seconds_ago', srv.unixtime - rs.transferLastIo);
    }
    if (!up) {
      if (is7) add('master_link_down_since_seconds', rs.downSince ? srv.unixtime - rs.downSince : -1);
      else add('master_link_down_since_seconds', srv.unixtime - rs.downSince);
    }
    add('slave_priority', srv.config.int('replica-priority'));
    add('slave_read_only', srv.config.bool('replica-read-only') ? 1 : 0);
    if (is7) add('replica_announced', 1);
  }
  add('connected_slaves', srv.slaves.length);
  const min = srv.config.int('min-replicas-to-write');
  const lag = srv.config.int('min-replicas-max-lag');
  if (min > 0 && lag > 0) add('min_slaves_good_slaves', r.goodReplicas);
  srv.slaves.forEach((s, i) => {
    const l = s.replica!;
    const name = replicaName(srv, s);
    const ip = name.slice(0, name.lastIndexOf(':'));
    const state = l.state === 'online' ? 'online' : l.state === 'send_bulk' ? 'send_bulk' : 'wait_bgsave';
    const lagS = l.state === 'online' ? srv.unixtime - l.ackTime : 0;
    sec.line(`slave${i}:ip=${ip},port=${l.listeningPort},state=${state},offset=${l.ackOffset},lag=${lagS}`);
  });
  if (is7) add('master_failover_state', srv.failover.state);
  add('master_replid', r.replid);
  add('master_replid2', r.replid2);
  add('master_repl_offset', r.offset);
  add('second_repl_offset', r.secondOffset);
  add('repl_backlog_active', r.backlog ? 1 : 0);
  add('repl_backlog_size', srv.config.int('repl-backlog-size'));
  add('repl_backlog_first_byte_offset', r.backlog ? r.backlog.firstByteOffset : is7 ? 0 : srv.staleBacklogFirst);
  add('repl_backlog_histlen', r.backlog ? r.backlog.histlen : is7 ? 0 : srv.staleBacklogHistlen);
  return sec;
}

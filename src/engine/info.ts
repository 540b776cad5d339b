/**
 * INFO (server.c genRedisInfoString). The replication section follows real 7.0.15 / 4.0.14 field
 * for field and in order — it is what tutorials and exercises read. Other sections carry the
 * fields a learner looks at, with the playground's own figures where the real ones depend on
 * the machine (memory, CPU).
 */
import { globMatch } from './config';
import { usedMemory } from './persistence';
import { replicaName } from './replication/master';
import { roleState } from './replication/replica';
import type { Server } from './server';

const SECTIONS = ['server', 'clients', 'memory', 'persistence', 'stats', 'replication', 'cpu', 'keyspace'];

export function infoString(srv: Server, args: string[]): string {
  let wanted: string[];
  const lower = args.map((a) => a.toLowerCase());
  if (lower.length === 0 || lower.includes('default') || lower.includes('all') || lower.includes('everything')) {
    wanted = SECTIONS;
  } else {
    wanted = SECTIONS.filter((s) => lower.includes(s));
  }
  const parts: string[] = [];
  for (const s of wanted) parts.push(section(srv, s));
  return parts.join('\r\n');
}

function section(srv: Server, name: string): string {
  const lines: string[] = [];
  const add = (k: string, v: string | number) => lines.push(`${k}:${v}`);
  const up = Math.floor((srv.mstime - srv.startTime) / 1000);
  switch (name) {
    case 'server':
      lines.push('# Server');
      add('redis_version', srv.d.redisVer);
      add('redis_git_sha1', '00000000');
      add('redis_git_dirty', 0);
      add('redis_mode', 'standalone');
      add('os', 'Playground (TypeScript engine)');
      add('arch_bits', 64);
      add('process_id', srv.opts.pid);
      add('run_id', srv.runId);
      add('tcp_port', srv.port);
      if (srv.d.is7) add('server_time_usec', srv.mstime * 1000);
      add('uptime_in_seconds', up);
      add('uptime_in_days', Math.floor(up / 86400));
      add('hz', srv.config.int('hz'));
      add('executable', '/usr/bin/redis-server');
      add('config_file', '');
      // 7.0 while SHUTDOWN waits for lagging replicas.
      if (srv.d.is7 && srv.shutdown !== null && srv.shutdown.at > 0) {
        add('shutdown_in_milliseconds', srv.shutdown.at - srv.mstime);
      }
      break;
    case 'clients':
      lines.push('# Clients');
      add(
        'connected_clients',
        [...srv.clients.values()].filter((c) => !c.isMaster && !(c.replica && srv.slaves.includes(c))).length,
      );
      // WAIT and 7.0 SHUTDOWN clients; commands postponed by a pause are not counted.
      add(
        'blocked_clients',
        srv.waiting.size + [...srv.clients.values()].filter((c) => c.blockedOn === 'shutdown').length,
      );
      break;
    case 'memory': {
      lines.push('# Memory');
      const m = usedMemory(srv);
      add('used_memory', m);
      add('used_memory_human', `${(m / 1024 / 1024).toFixed(2)}M`);
      break;
    }
    case 'persistence':
      lines.push('# Persistence');
      add('loading', 0);
      if (srv.d.is7) add('async_loading', 0);
      add('rdb_changes_since_last_save', srv.dirty);
      add('rdb_bgsave_in_progress', srv.child && srv.child.kind === 'disk' ? 1 : 0);
      add('rdb_last_save_time', srv.lastsave);
      add('rdb_last_bgsave_status', srv.lastBgsaveOk ? 'ok' : 'err');
      add('aof_enabled', 0);
      break;
    case 'stats':
      lines.push('# Stats');
      add('total_connections_received', srv.stats.connections);
      add('total_commands_processed', srv.stats.commands);
      add('expired_keys', srv.stats.expiredKeys);
      add('keyspace_hits', srv.stats.keyspaceHits);
      add('keyspace_misses', srv.stats.keyspaceMisses);
      add('sync_full', srv.stats.syncFull);
      add('sync_partial_ok', srv.stats.syncPartialOk);
      add('sync_partial_err', srv.stats.syncPartialErr);
      break;
    case 'replication':
      replicationSection(srv, lines);
      break;
    case 'cpu':
      lines.push('# CPU');
      add('used_cpu_sys', '0.000000');
      add('used_cpu_user', '0.000000');
      break;
    case 'keyspace':
      lines.push('# Keyspace');
      for (const db of srv.dbs) {
        if (db.dict.size) lines.push(`db${db.id}:keys=${db.dict.size},expires=${db.expires.size},avg_ttl=0`);
      }
      break;
  }
  return `${lines.join('\r\n')}\r\n`;
}

function replicationSection(srv: Server, lines: string[]): void {
  const add = (k: string, v: string | number) => lines.push(`${k}:${v}`);
  const rs = srv.rs;
  const r = srv.repl;
  const is7 = srv.d.is7;
  lines.push('# Replication');
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
      const total = Math.max(rs.transferSize, 0);
      if (is7) {
        add('master_sync_total_bytes', total);
        add('master_sync_read_bytes', rs.transferRead);
        add('master_sync_left_bytes', total - rs.transferRead);
        add('master_sync_perc', total ? ((rs.transferRead / total) * 100).toFixed(2) : '0.00');
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
    lines.push(`slave${i}:ip=${ip},port=${l.listeningPort},state=${state},offset=${l.ackOffset},lag=${lagS}`);
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
}

/** CONFIG GET-style glob helper re-exported for INFO users. */
export { globMatch, roleState };

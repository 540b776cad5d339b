/**
 * INFO stats: the server's counters (stats.ts) — connections, commands, network bytes, syncs,
 * expired keys, keyspace hits and misses, forks, error replies — and the instantaneous rates
 * serverCron samples every 100 ms. What the engine does not have is 0: eviction (maxmemory is
 * not enforced), pub/sub, MIGRATE, active defrag, I/O threads, DUMP payloads,
 * the expire cycle's CPU time and time cap (it never runs out of time), and keys with a TTL
 * written on a writable replica. Reply buffers are never resized.
 */

import type { Server } from '../server';
import { instantaneous } from '../stats';
import { fixed2, Section } from './format';

export function statsSection(srv: Server): Section {
  const sec = new Section('Stats');
  const is7 = srv.d.is7;
  const st = srv.stats;
  const kbps = (m: 1 | 2 | 3 | 4) => fixed2(instantaneous(srv, m) / 1024);
  sec.add('total_connections_received', st.connections);
  sec.add('total_commands_processed', st.commands);
  sec.add('instantaneous_ops_per_sec', instantaneous(srv, 0));
  sec.add('total_net_input_bytes', st.netInput + st.netReplInput);
  sec.add('total_net_output_bytes', st.netOutput + st.netReplOutput);
  if (is7) {
    sec.add('total_net_repl_input_bytes', st.netReplInput);
    sec.add('total_net_repl_output_bytes', st.netReplOutput);
  }
  sec.add('instantaneous_input_kbps', kbps(1));
  sec.add('instantaneous_output_kbps', kbps(2));
  if (is7) {
    sec.add('instantaneous_input_repl_kbps', kbps(3));
    sec.add('instantaneous_output_repl_kbps', kbps(4));
  }
  // The engine never refuses a connection (it has no maxclients).
  sec.add('rejected_connections', 0);
  sec.add('sync_full', st.syncFull);
  sec.add('sync_partial_ok', st.syncPartialOk);
  sec.add('sync_partial_err', st.syncPartialErr);
  sec.add('expired_keys', st.expiredKeys);
  sec.add('expired_stale_perc', fixed2(st.expiredStalePerc * 100));
  sec.add('expired_time_cap_reached_count', 0);
  if (is7) sec.add('expire_cycle_cpu_milliseconds', 0);
  sec.add('evicted_keys', 0);
  if (is7) {
    sec.add('evicted_clients', 0);
    sec.add('total_eviction_exceeded_time', 0);
    sec.add('current_eviction_exceeded_time', 0);
  }
  sec.add('keyspace_hits', st.keyspaceHits);
  sec.add('keyspace_misses', st.keyspaceMisses);
  sec.add('pubsub_channels', srv.pubsub.channels.size);
  sec.add('pubsub_patterns', is7 ? srv.pubsub.numPatterns : srv.pubsub.patternSubscriptions);
  if (is7) sec.add('pubsubshard_channels', srv.pubsub.shardChannels.size);
  sec.add('latest_fork_usec', st.latestForkUsec);
  if (is7) sec.add('total_forks', st.forks);
  sec.add('migrate_cached_sockets', 0);
  sec.add('slave_expires_tracked_keys', srv.slaveKeysWithExpire.size);
  sec.add('active_defrag_hits', 0);
  sec.add('active_defrag_misses', 0);
  sec.add('active_defrag_key_hits', 0);
  sec.add('active_defrag_key_misses', 0);
  if (!is7) return sec;
  sec.add('total_active_defrag_time', 0);
  sec.add('current_active_defrag_time', 0);
  sec.add('tracking_total_keys', srv.tracking.table.size);
  sec.add('tracking_total_items', srv.tracking.items);
  sec.add('tracking_total_prefixes', srv.tracking.prefixes.size);
  sec.add('unexpected_error_replies', st.unexpectedErrorReplies);
  sec.add('total_error_replies', st.errorReplies);
  sec.add('dump_payload_sanitizations', 0);
  sec.add('total_reads_processed', st.reads);
  sec.add('total_writes_processed', st.writes);
  sec.add('io_threaded_reads_processed', 0);
  sec.add('io_threaded_writes_processed', 0);
  sec.add('reply_buffer_shrinks', 0);
  sec.add('reply_buffer_expands', 0);
  return sec;
}

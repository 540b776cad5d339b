/**
 * INFO persistence. RDB saving is real in the engine (SAVE, BGSAVE, save points, forks for
 * replication), so its fields are the node's own: changes since the last save, the child in
 * progress, the last save time and status, the save and load counters. A forked child does its
 * work the moment it is forked and is reaped at the next serverCron, so a BGSAVE lasts 0 seconds
 * and a child still running has processed all its keys. Copy-on-write costs nothing in the
 * playground (its log line says 0 MB), and AOF is not implemented: those fields are an idle,
 * AOF-less server's.
 */
import type { Server } from '../server';
import { fixed2, Section } from './format';

export function persistenceSection(srv: Server): Section {
  const sec = new Section('Persistence');
  const is7 = srv.d.is7;
  const st = srv.stats;
  const child = srv.child;
  // Both a disk BGSAVE and a diskless transfer to replicas are RDB children (CHILD_TYPE_RDB).
  const saving = child !== null && child.kind !== 'aof';
  const rewriting = child !== null && child.kind === 'aof';
  const keys = saving && st.lastChildPid === child.pid ? st.lastChildKeys : 0;
  // rdb_save_time_last: -1 until a child finished; 4.0 sets it only for a disk save.
  const [last, earlier] = is7 ? [st.lastChildPid, st.earlierChild] : [st.lastDiskChildPid, st.earlierDiskChild];
  const finished = earlier || (last !== 0 && last !== child?.pid);
  const lastBgsaveSec = finished ? 0 : -1;
  const currentBgsaveSec = saving ? srv.unixtime - Math.floor(child.startedAt / 1000) : -1;

  sec.add('loading', 0);
  if (is7) {
    sec.add('async_loading', 0);
    sec.add('current_cow_peak', 0);
    sec.add('current_cow_size', 0);
    sec.add('current_cow_size_age', 0);
    sec.add('current_fork_perc', fixed2(keys > 0 ? 100 : 0));
    sec.add('current_save_keys_processed', keys);
    sec.add('current_save_keys_total', keys);
  }
  sec.add('rdb_changes_since_last_save', srv.dirty);
  sec.add('rdb_bgsave_in_progress', saving ? 1 : 0);
  sec.add('rdb_last_save_time', srv.lastsave);
  sec.add('rdb_last_bgsave_status', srv.lastBgsaveOk ? 'ok' : 'err');
  sec.add('rdb_last_bgsave_time_sec', lastBgsaveSec);
  sec.add('rdb_current_bgsave_time_sec', currentBgsaveSec);
  if (is7) sec.add('rdb_saves', st.rdbSaves);
  sec.add('rdb_last_cow_size', 0);
  if (is7) {
    sec.add('rdb_last_load_keys_expired', st.rdbLastLoadKeysExpired);
    sec.add('rdb_last_load_keys_loaded', st.rdbLastLoadKeysLoaded);
  }
  sec.add('aof_enabled', 0);
  sec.add('aof_rewrite_in_progress', rewriting ? 1 : 0);
  sec.add('aof_rewrite_scheduled', srv.aofRewriteScheduled ? 1 : 0);
  // A rewrite takes no simulated time: 0 s once one has finished.
  sec.add('aof_last_rewrite_time_sec', srv.aofRewrites > 0 ? 0 : -1);
  sec.add('aof_current_rewrite_time_sec', rewriting ? 0 : -1);
  sec.add('aof_last_bgrewrite_status', 'ok');
  if (is7) {
    sec.add('aof_rewrites', srv.aofRewrites);
    sec.add('aof_rewrites_consecutive_failures', 0);
  }
  sec.add('aof_last_write_status', 'ok');
  sec.add('aof_last_cow_size', 0);
  if (is7) {
    sec.add('module_fork_in_progress', 0);
    sec.add('module_fork_last_cow_size', 0);
  }
  return sec;
}

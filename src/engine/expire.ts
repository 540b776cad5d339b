/**
 * The active expire cycle (expire.c), run from serverCron on masters only: replicas never expire
 * keys on their own, they wait for the DEL their master propagates. The real cycle samples keys
 * and stops early; the simulator expires every due key on each tick, which is what a learner can
 * observe within the tick's 100 ms. A key is due once now > its deadline (keyIsExpired). Each
 * deletion is propagated as its own DEL, never wrapped. 7.0 skips the cycle while writes are
 * paused (FAILOVER, SHUTDOWN): the dataset must stay still.
 *
 * The cycle also keeps INFO's estimates: each db's avg_ttl, a running average (2% weight per
 * cycle) of the TTLs still ahead, and expired_stale_perc, one (5% weight) of the share of keys
 * found already expired. Redis averages over the keys it sampled; the engine sees them all.
 */
import type { Server } from './server';
import { touchKey } from './watch';

/** db->avg_ttl = (avg/50)*49 + (sample/50), in C integer arithmetic; the first sample sets it. */
function runningAvgTtl(avg: number, sample: number): number {
  const base = avg === 0 ? sample : avg;
  return Math.trunc(base / 50) * 49 + Math.trunc(sample / 50);
}

export function activeExpireCycle(srv: Server): void {
  if (srv.isReplica || !srv.activeExpire || srv.clientsPaused()) return;
  const now = srv.mstime;
  let sampled = 0;
  let expired = 0;
  for (const db of srv.dbs) {
    if (db.expires.size === 0) {
      db.avgTtl = 0;
      continue;
    }
    const due: string[] = [];
    let ttlSum = 0;
    let ttlSamples = 0;
    for (const [key, at] of db.expires) {
      if (now > at) due.push(key);
      else if (at > now) {
        ttlSum += at - now;
        ttlSamples++;
      }
    }
    sampled += db.expires.size;
    expired += due.length;
    for (const key of due) {
      db.dict.delete(key);
      db.expires.delete(key);
      srv.lru[db.id].delete(key);
      srv.stats.expiredKeys++;
      // 7.0 signals the deletion to WATCH (4.0 does not).
      if (srv.d.is7) touchKey(db, key);
      srv.propagateExpired(db, key);
    }
    if (ttlSamples > 0) db.avgTtl = runningAvgTtl(db.avgTtl, Math.trunc(ttlSum / ttlSamples));
  }
  const perc = sampled > 0 ? expired / sampled : 0;
  srv.stats.expiredStalePerc = perc * 0.05 + srv.stats.expiredStalePerc * 0.95;
}

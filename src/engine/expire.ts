/**
 * The active expire cycle (expire.c), run from serverCron on masters only: replicas never expire
 * keys on their own, they wait for the DEL their master propagates. The real cycle samples keys
 * and stops early; the simulator expires every due key on each tick, which is what a learner can
 * observe within the tick's 100 ms. A key is due once now > its deadline (keyIsExpired). Each
 * deletion is propagated as its own DEL, never wrapped. 7.0 skips the cycle while writes are
 * paused (FAILOVER, SHUTDOWN): the dataset must stay still.
 */
import type { Server } from './server';

export function activeExpireCycle(srv: Server): void {
  if (srv.isReplica || !srv.activeExpire || srv.writesPaused()) return;
  const now = srv.mstime;
  for (const db of srv.dbs) {
    if (db.expires.size === 0) continue;
    const due: string[] = [];
    for (const [key, at] of db.expires) if (now > at) due.push(key);
    for (const key of due) {
      db.dict.delete(key);
      db.expires.delete(key);
      srv.lru[db.id].delete(key);
      srv.stats.expiredKeys++;
      srv.propagateExpired(db, key);
    }
  }
}

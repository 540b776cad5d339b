/**
 * The active expire cycle (expire.c), run from serverCron on masters: replicas do not expire
 * their master's keys, they wait for the DEL their master propagates. The real cycle samples keys
 * and stops early; the simulator expires every due key on each tick, which is what a learner can
 * observe within the tick's 100 ms. A key is due once now > its deadline (keyIsExpired). Each
 * deletion is propagated as its own DEL, never wrapped. 7.0 skips the cycle while writes are
 * paused (FAILOVER, SHUTDOWN): the dataset must stay still.
 *
 * The cycle also keeps INFO's estimates: each db's avg_ttl, a running average (2% weight per
 * cycle) of the TTLs still ahead, and expired_stale_perc, one (5% weight) of the share of keys
 * found already expired. Redis averages over the keys it sampled; the engine sees them all.
 */
import { signalKeyChange } from './blocking';
import type { Db } from './keyspace';
import type { Server } from './server';

/** db->avg_ttl = (avg/50)*49 + (sample/50), in C integer arithmetic; the first sample sets it. */
function runningAvgTtl(avg: number, sample: number): number {
  const base = avg === 0 ? sample : avg;
  return Math.trunc(base / 50) * 49 + Math.trunc(sample / 50);
}

export function activeExpireCycle(srv: Server): void {
  if (srv.isReplica) {
    // databasesCron: 7.0 honours DEBUG SET-ACTIVE-EXPIRE for a replica's own keys too, 4.0 not.
    if (srv.activeExpire || !srv.d.is7) expireSlaveKeys(srv);
    return;
  }
  if (!srv.activeExpire || srv.clientsPaused()) return;
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
      signalKeyChange(srv, db.id, key, db.dict.get(key));
      db.dict.delete(key);
      db.expires.delete(key);
      srv.lru[db.id].delete(key);
      srv.stats.expiredKeys++;
      // 7.0 signals the deletion to WATCH and tracking (4.0 does not).
      if (srv.d.is7) srv.signalModified(db, key, null);
      srv.propagateExpired(db, key);
    }
    if (ttlSamples > 0) db.avgTtl = runningAvgTtl(db.avgTtl, Math.trunc(ttlSum / ttlSamples));
  }
  const perc = sampled > 0 ? expired / sampled : 0;
  srv.stats.expiredStalePerc = perc * 0.05 + srv.stats.expiredStalePerc * 0.95;
}

/*
 * A writable replica (replica-read-only no) would keep forever the keys its own clients gave a
 * TTL: the master knows nothing of them and never sends their DEL. So, as Redis does, the replica
 * remembers the names of the keys it set a TTL on itself (slaveKeysWithExpire: name → bitmask of
 * dbs) and its serverCron expires those when due. The set only grows with the replica's own
 * writes; a name leaves it when the key in every db it was noted in is gone or has no TTL any
 * more (the master overwrote it, PERSIST, DEL). A TTL the master later gives a noted key is
 * expired by the replica all the same, as in Redis. FLUSHALL and a full sync forget the whole
 * set (FLUSHDB does not). A node promoted to master keeps the set (INFO's
 * slave_expires_tracked_keys) until then; its own expire cycle takes over.
 */

/** rememberSlaveKeyWithExpire: note a TTL set by this replica's own client. */
export function rememberSlaveKeyWithExpire(srv: Server, db: Db, key: string): void {
  // Redis keeps one 64-bit mask; the engine has 16 dbs, which fit a 32-bit one.
  if (db.id > 31) return;
  srv.slaveKeysWithExpire.set(key, (srv.slaveKeysWithExpire.get(key) ?? 0) | (1 << db.id));
}

/**
 * expireSlaveKeys: delete the noted keys that are due. Redis samples the set at random and stops
 * after four keys not yet due (or a millisecond); the engine, as its master cycle does, goes
 * through the whole set each tick, in the order the names were noted. A deletion counts in
 * expired_keys and is not propagated (a replica feeds its sub-replicas only its master's stream).
 */
export function expireSlaveKeys(srv: Server): void {
  const tracked = srv.slaveKeysWithExpire;
  if (tracked.size === 0) return;
  const now = srv.mstime;
  for (const [key, dbids] of tracked) {
    let left = 0;
    for (let id = 0; id < srv.dbs.length && dbids >>> id !== 0; id++) {
      if ((dbids & (1 << id)) === 0) continue;
      const db = srv.dbs[id];
      const at = db.expires.get(key);
      if (at === undefined) continue;
      if (now > at) srv.deleteExpired(db, key);
      else left |= 1 << id;
    }
    if (left === 0) tracked.delete(key);
    else tracked.set(key, left);
  }
}

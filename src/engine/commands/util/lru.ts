/**
 * Per-key access clocks (the 24-bit `robj->lru` field, evict.c): what OBJECT IDLETIME and
 * OBJECT FREQ read. Under an LRU (or non-LFU) maxmemory-policy the field is the LRU clock —
 * seconds, taken from the copy serverCron refreshes ten times a second — of the last access;
 * under an LFU policy it is (minutes << 8) | a logarithmic access counter that decays with time.
 * As in Redis, switching policies at run time reinterprets the stored bits until keys are
 * touched again.
 *
 * The server keeps one Map per db (`Server.lru`); a key without an entry was loaded from an RDB
 * (or created by a path that never touched it) and counts as created at `Server.lruBaseline`.
 *
 * Deviations. Redis shares one object (and so one clock) among all keys holding the same small
 * integer 0..9999; here every key has its own. And since values here carry no header, a clock
 * costs a Map entry per key and a Map write per access: the clocks are kept only while a db holds
 * at most ACCESS_TRACKING_LIMIT clocked keys — a playground's scale — unless maxmemory-policy is an
 * LRU/LFU policy (which needs them). Past the limit they are dropped, and every key reads as last
 * accessed when that happened; choosing an LRU/LFU policy starts them again from that moment.
 */
import type { Server } from '../../server';

/** LRU_CLOCK_MAX: the clock wraps at 24 bits. */
export const LRU_CLOCK_MAX = (1 << 24) - 1;
/** A new object's LFU counter (LFU_INIT_VAL). */
export const LFU_INIT_VAL = 5;

/** The subset of Server these helpers use (tests hand in stand-ins). */
export type LruHost = Pick<
  Server,
  'lru' | 'lruclock' | 'lruBaseline' | 'unixtime' | 'config' | 'random' | 'trackAccess' | 'lfu'
>;

/** Clocked keys per db beyond which the clocks are dropped (unless an LRU/LFU policy is set). */
export const ACCESS_TRACKING_LIMIT = 10_000;

/** getLRUClock for a time in ms. */
export function lruClockAt(ms: number): number {
  return Math.floor(ms / 1000) & LRU_CLOCK_MAX;
}

/** Whether maxmemory-policy is one of the LFU policies (MAXMEMORY_FLAG_LFU). */
export function lfuPolicy(srv: Pick<Server, 'config'>): boolean {
  return srv.config.get('maxmemory-policy').endsWith('-lfu');
}

/** Whether maxmemory-policy is one of the LRU policies (MAXMEMORY_FLAG_LRU). */
export function lruPolicy(srv: Pick<Server, 'config'>): boolean {
  return srv.config.get('maxmemory-policy').endsWith('-lru');
}

/** LFUGetTimeInMinutes: 16 bits of unix minutes. */
function lfuMinutes(srv: LruHost): number {
  return Math.floor(srv.unixtime / 60) & 65535;
}

/** The lru field of a new object (createObject). */
export function newLru(srv: LruHost, lfu: boolean): number {
  return lfu ? (lfuMinutes(srv) << 8) | LFU_INIT_VAL : srv.lruclock;
}

/** The lru field of a key now. */
export function lruOf(srv: LruHost, dbid: number, key: string): number {
  return srv.lru[dbid].get(key) ?? srv.lruBaseline;
}

/** LFUDecrAndReturn: the counter after the decay due since its last access. */
export function lfuDecrAndReturn(srv: LruHost, lru: number): number {
  const ldt = lru >>> 8;
  let counter = lru & 255;
  const now = lfuMinutes(srv);
  const elapsed = now >= ldt ? now - ldt : 65535 - ldt + now;
  const decay = srv.config.int('lfu-decay-time');
  const periods = decay ? Math.floor(elapsed / decay) : 0;
  if (periods) counter = periods > counter ? 0 : counter - periods;
  return counter;
}

/** LFULogIncr: the counter grows with probability 1 / ((counter - 5) * lfu-log-factor + 1). */
function lfuLogIncr(srv: LruHost, counter: number): number {
  if (counter === 255) return 255;
  const r = srv.random();
  const base = Math.max(0, counter - LFU_INIT_VAL);
  const p = 1 / (base * srv.config.int('lfu-log-factor') + 1);
  return r < p ? counter + 1 : counter;
}

/** A lookup touched the key (lookupKey without LOOKUP_NOTOUCH): updateLFU or the LRU clock. */
export function touchLru(srv: LruHost, dbid: number, key: string, lfu: boolean): void {
  const m = srv.lru[dbid];
  if (!lfu) {
    m.set(key, srv.lruclock);
    if (m.size > ACCESS_TRACKING_LIMIT && !lruPolicy(srv)) stopTracking(srv);
    return;
  }
  const counter = lfuLogIncr(srv, lfuDecrAndReturn(srv, m.get(key) ?? srv.lruBaseline));
  m.set(key, (lfuMinutes(srv) << 8) | counter);
}

/**
 * A value was stored at the key. A new key gets a new object's field; an overwrite keeps the
 * old field under LFU (dbSetValue copies it) and takes the current clock under LRU.
 */
export function storedLru(srv: LruHost, dbid: number, key: string, lfu: boolean): void {
  const m = srv.lru[dbid];
  if (lfu) {
    if (!m.has(key)) m.set(key, newLru(srv, true));
  } else {
    m.set(key, srv.lruclock);
  }
  if (m.size > ACCESS_TRACKING_LIMIT && !lfu && !lruPolicy(srv)) stopTracking(srv);
}

/** Drop every clock: from now on all keys read as last accessed now. */
function stopTracking(srv: LruHost): void {
  srv.trackAccess = false;
  for (const m of srv.lru) m.clear();
  srv.lruBaseline = newLru(srv, srv.lfu);
}

/**
 * maxmemory-policy changed: cache whether it is LFU, and (re)start the clocks for an LRU/LFU
 * policy if they were dropped (keys without a clock read as accessed now).
 */
export function policyChanged(srv: LruHost): void {
  srv.lfu = lfuPolicy(srv);
  if (!srv.trackAccess && (srv.lfu || lruPolicy(srv))) {
    srv.trackAccess = true;
    srv.lruBaseline = newLru(srv, srv.lfu);
  }
}

/** estimateObjectIdleTime / 1000: whole seconds since the key's last access. */
export function idleSeconds(srv: LruHost, lru: number): number {
  const now = srv.lruclock;
  return now >= lru ? now - lru : now + (LRU_CLOCK_MAX - lru);
}

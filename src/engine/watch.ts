/**
 * WATCH (multi.c's second half): which clients watch which keys, and how a change to a key makes
 * their next EXEC fail. Each db maps a watched key to the watchers; each client lists what it
 * watches, so UNWATCH, EXEC, DISCARD and a closing connection forget it in one pass.
 *
 * A key is "touched" (signalModifiedKey) by any command that changes it — from any client,
 * the master link included — and, in 7.0, by its expiry being carried out; a flush or SWAPDB
 * touches every watched key that exists. 7.0 also fails an EXEC whose watched key has merely
 * become logically expired since WATCH (isWatchedKeyExpired), while a key that was already
 * expired when watched changes nothing by being deleted. 4.0 knows none of the expiry rules.
 */
import type { Db } from './keyspace';

/** What a watching client keeps (c->watched_keys and CLIENT_DIRTY_CAS). */
export interface Watcher {
  watched: WatchedKey[];
  dirtyCas: boolean;
}

/** One client watching one key of one db (watchedKey). */
export interface WatchedKey {
  readonly key: string;
  readonly db: Db;
  readonly client: Watcher;
  /** 7.0: the key was already logically expired when WATCH was called. */
  expired: boolean;
}

/**
 * Watched keys across every server of this thread: while it is 0 (nearly always), a write need
 * not look for the keys it touched.
 */
let watchedEntries = 0;

/** Some client of some server watches some key. */
export const anyWatched = (): boolean => watchedEntries > 0;

/** keyIsExpired: the key has a deadline and `now` is past it. */
export function keyIsExpired(db: Db, key: string, now: number): boolean {
  const when = db.expires.get(key);
  return when !== undefined && now > when;
}

/** watchForKey: start watching `key` in `db`, unless the client already does. */
export function watchKey(c: Watcher, db: Db, key: string, now: number, is7: boolean): void {
  for (const wk of c.watched) if (wk.db === db && wk.key === key) return;
  let list = db.watched.get(key);
  if (list === undefined) {
    list = [];
    db.watched.set(key, list);
  }
  const wk: WatchedKey = { key, db, client: c, expired: is7 && keyIsExpired(db, key, now) };
  c.watched.push(wk);
  list.push(wk);
  watchedEntries++;
}

/** unwatchAllKeys (the dirty flag is left to the caller). */
export function unwatchAll(c: Watcher): void {
  for (const wk of c.watched) {
    const list = wk.db.watched.get(wk.key);
    if (list === undefined) continue;
    const i = list.indexOf(wk);
    if (i >= 0) {
      list.splice(i, 1);
      watchedEntries--;
    }
    if (list.length === 0) wk.db.watched.delete(wk.key);
  }
  c.watched = [];
}

/**
 * touchWatchedKey: every client watching the key is marked dirty and stops watching anything.
 * 7.0: a watcher that saw the key already expired is spared when the key is now gone (its
 * deletion is no logical change) — and, as in Redis 7.0.15, when the key still exists the scan
 * stops at that watcher, sparing the ones after it too.
 */
export function touchKey(db: Db, key: string): void {
  if (db.watched.size === 0) return;
  const list = db.watched.get(key);
  if (list === undefined) return;
  for (const wk of [...list]) {
    if (wk.expired) {
      if (!db.dict.has(key)) {
        wk.expired = false;
        continue;
      }
      break;
    }
    wk.client.dirtyCas = true;
    unwatchAll(wk.client);
  }
}

/**
 * 7.0 touchAllWatchedKeysInDb: `emptied` was flushed, or swapped with `replacedWith` (SWAPDB): a
 * watched key is touched when it existed in either, with the expired-key exceptions of Redis.
 * Called before the db changes. Watchers stay registered (as in Redis).
 */
export function touchAllInDb(emptied: Db, replacedWith: Db | null, now: number): void {
  if (emptied.watched.size === 0) return;
  for (const [key, list] of emptied.watched) {
    const inEmptied = emptied.dict.has(key);
    const inReplaced = replacedWith?.dict.has(key) === true;
    if (!inEmptied && !inReplaced) continue;
    for (const wk of list) {
      if (wk.expired) {
        if (!inReplaced) {
          wk.expired = false;
          continue;
        }
        if (keyIsExpired(replacedWith!, key, now)) continue;
      } else if (!inEmptied && keyIsExpired(replacedWith!, key, now)) {
        wk.expired = true;
        continue;
      }
      wk.client.dirtyCas = true;
    }
  }
}

/**
 * 4.0 touchWatchedKeysOnFlush: every watcher of an existing key in the flushed db (`dbid`, or
 * every db for -1) is marked dirty.
 */
export function touchOnFlush40(dbs: readonly Db[], dbid: number): void {
  for (const db of dbs) {
    if (dbid !== -1 && db.id !== dbid) continue;
    for (const [key, list] of db.watched) {
      if (!db.dict.has(key)) continue;
      for (const wk of list) wk.client.dirtyCas = true;
    }
  }
}

/** 7.0 isWatchedKeyExpired: a watched key (not expired when watched) is logically expired now. */
export function watchedKeyExpired(c: Watcher, now: number): boolean {
  for (const wk of c.watched) if (!wk.expired && keyIsExpired(wk.db, wk.key, now)) return true;
  return false;
}

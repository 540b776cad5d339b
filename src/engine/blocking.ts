/**
 * Clients blocked on keys (blocked.c for lists and sorted sets): BLPOP, BRPOP, BLMOVE, BRPOPLPUSH
 * and BLMPOP wait for a list to appear at one of their keys, BZPOPMIN, BZPOPMAX and BZMPOP for a
 * sorted set (served as `ZPOPMIN|ZPOPMAX key`, BZMPOP's with the number popped); a client is
 * served only by the type it waits for. Each db keeps, per key, the clients waiting on
 * it in the order they blocked. When a command creates a list at a key someone waits on
 * (signalKeyAsReady, from dbAdd), the key is queued as ready; after that command — and at the end
 * of every event — the ready keys are served in order: each waiting client, first come first
 * served, pops what it asked for, gets its reply, and the pop goes to the replicas as the
 * non-blocking command it amounts to (`LPOP key`, `RPOP key n`, `LMOVE src dst LEFT RIGHT`,
 * `RPOPLPUSH src dst`; 4.0: `RPOP src` + `LPUSH dst value`), each on its own. A client's
 * timeout is a deadline on the simulated clock that serverCron checks, answering a nil array.
 */
import type { Client } from './client';
import { moveElement, popRangeWithKey } from './commands/util/list';
import { isList, isZSet } from './commands/util/types';
import { scoreReply, zsetRemoveSlice } from './commands/util/zset';
import type { RList, RZSet } from './keyspace';
import { feedCommand } from './replication/master';
import { array, bulk, ERR, NIL_ARRAY, type Reply } from './resp';
import type { Server } from './server';
import { errorReplied } from './stats';

const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';

/** Which end of a list (head = LEFT). */
type End = 'head' | 'tail';

/** What a client blocked on keys waits to do (c->bpop). */
export interface KeyBlock {
  /** pop: BLPOP/BRPOP; mpop: BLMPOP; move: BLMOVE/BRPOPLPUSH; zpop: BZPOPMIN/BZPOPMAX; zmpop: BZMPOP. */
  readonly kind: 'pop' | 'mpop' | 'move' | 'zpop' | 'zmpop';
  readonly dbid: number;
  readonly keys: readonly string[];
  readonly where: End;
  /** move: where the element goes, into `dst`. */
  readonly to: End;
  readonly dst: string;
  /** mpop, zmpop: up to how many elements. */
  readonly count: number;
  /** zpop, zmpop: pop the highest scores (BZPOPMAX, BZMPOP MAX). */
  readonly max?: boolean;
  /** move: propagated as RPOPLPUSH (BRPOPLPUSH) rather than LMOVE. */
  readonly rpoplpush: boolean;
  /** Unix ms after which it times out; 0 = never. */
  readonly timeoutAt: number;
}

/** blockForKeys: park the client until one of its keys holds a list (or it times out). */
export function blockForKeys(srv: Server, c: Client, b: KeyBlock): void {
  c.bpop = b;
  srv.keyBlocked.add(c);
  const m = srv.blockingKeys[b.dbid];
  for (const key of b.keys) {
    let list = m.get(key);
    if (list === undefined) {
      list = [];
      m.set(key, list);
    }
    if (!list.includes(c)) list.push(c);
  }
}

/** Forget that the client waits on its keys (unblockClient's bookkeeping, no reply). */
export function unblockKeys(srv: Server, c: Client): void {
  const b = c.bpop;
  if (b === null) return;
  c.bpop = null;
  srv.keyBlocked.delete(c);
  const m = srv.blockingKeys[b.dbid];
  for (const key of b.keys) {
    const list = m.get(key);
    if (list === undefined) continue;
    const i = list.indexOf(c);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) m.delete(key);
  }
}

/** signalKeyAsReady: a list was created at `key` of db `dbid`; queue it if someone waits on it. */
export function signalKeyAsReady(srv: Server, dbid: number, key: string): void {
  if (!srv.blockingKeys[dbid].has(key)) return;
  const id = `${dbid}\0${key}`;
  if (srv.readySet.has(id)) return;
  srv.readySet.add(id);
  srv.readyKeys.push({ dbid, key });
}

/** End a key-blocked client's wait with `r` (timeout, CLIENT UNBLOCK, a role change); its pipeline resumes after the event. */
export function unblockWithReply(srv: Server, c: Client, r: Reply): void {
  unblockKeys(srv, c);
  if (r.t === 'error') errorReplied(srv, c, r.s);
  srv.reply(c, r);
  srv.resumeLater(c);
}

/** handleClientsBlockedOnKeys: serve the ready keys, including those serving makes ready (BLMOVE). */
export function handleBlockedOnKeys(srv: Server): void {
  while (srv.readyKeys.length > 0) {
    const ready = srv.readyKeys;
    srv.readyKeys = [];
    for (const { dbid, key } of ready) {
      srv.readySet.delete(`${dbid}\0${key}`);
      const db = srv.dbs[dbid];
      const o = srv.lookup(db, key, false, false);
      if (o === undefined || (!isList(o) && !isZSet(o))) continue;
      // The clients in the order they blocked, each served while the value lasts.
      for (const c of [...(srv.blockingKeys[dbid].get(key) ?? [])]) {
        if (c.bpop === null) continue;
        const wantsZset = c.bpop.kind === 'zpop' || c.bpop.kind === 'zmpop';
        if (wantsZset !== isZSet(o)) continue;
        const emptied = isZSet(o) ? serveZsetClient(srv, c, c.bpop, key, o) : serveClient(srv, c, c.bpop, key, o);
        unblockKeys(srv, c);
        srv.resumeLater(c);
        if (emptied) break;
      }
    }
  }
}

/**
 * serveClientBlockedOnList: one client's pop (and push) on the list at `key`, its reply and its
 * propagation. Returns whether the list is now gone.
 */
function serveClient(srv: Server, c: Client, b: KeyBlock, key: string, o: RList): boolean {
  const db = srv.dbs[b.dbid];
  const is7 = srv.d.is7;
  const ctx = srv.makeCtx(c, [], { rewrite() {}, also() {}, noPropagate() {} }, db);
  if (b.kind === 'move') {
    const d = srv.lookup(db, b.dst, true);
    if (d !== undefined && !isList(d)) {
      // The receiver gets WRONGTYPE and stops waiting; the element stays.
      errorReplied(srv, c, WRONGTYPE);
      srv.reply(c, ERR.wrongType);
      return false;
    }
    const r = moveElement(ctx, key, o, b.dst, b.where, b.to);
    ctx.touch(b.dst);
    if (is7) {
      // shared.left / shared.right: lowercase, unlike what a client types.
      const word = (e: End) => (e === 'head' ? 'left' : 'right');
      feedCommand(
        srv,
        b.dbid,
        b.rpoplpush ? ['RPOPLPUSH', key, b.dst] : ['LMOVE', key, b.dst, word(b.where), word(b.to)],
      );
    } else {
      feedCommand(srv, b.dbid, ['RPOP', key]);
      feedCommand(srv, b.dbid, ['LPUSH', b.dst, (r as { s: string }).s]);
    }
    srv.reply(c, r);
    return o.items.length === 0;
  }
  const pop = b.where === 'head' ? 'LPOP' : 'RPOP';
  if (b.kind === 'mpop') {
    const n = Math.min(b.count, o.items.length);
    feedCommand(srv, b.dbid, [pop, key, String(n)]);
    srv.reply(c, popRangeWithKey(ctx, key, o, b.where, b.count, db));
  } else {
    feedCommand(srv, b.dbid, [pop, key]);
    const value = (b.where === 'head' ? o.items.shift() : o.items.pop()) as string;
    if (o.items.length === 0) ctx.deleteKey(key, db);
    srv.reply(c, array([bulk(key), bulk(value)]));
  }
  return o.items.length === 0;
}

/**
 * serveClientBlockedOnSortedSet: one client's pop from the sorted set at `key` — BZPOPMIN/MAX
 * one entry, replied [key, member, score] and propagated as `ZPOPMIN|ZPOPMAX key`; BZMPOP up
 * to its count, replied [key, [[member, score], ...]] and propagated with the number popped.
 * Returns whether the set is now gone.
 */
function serveZsetClient(srv: Server, c: Client, b: KeyBlock, key: string, o: RZSet): boolean {
  const db = srv.dbs[b.dbid];
  const ctx = srv.makeCtx(c, [], { rewrite() {}, also() {}, noPropagate() {} }, db);
  const n = o.sorted.length;
  const k = b.kind === 'zmpop' ? Math.min(b.count, n) : 1;
  const popped = b.max ? zsetRemoveSlice(o, n - k, n).reverse() : zsetRemoveSlice(o, 0, k);
  if (o.dict.size === 0) ctx.deleteKey(key, db);
  ctx.touch(key, db);
  const cmd = b.max ? 'ZPOPMAX' : 'ZPOPMIN';
  feedCommand(srv, b.dbid, b.kind === 'zmpop' ? [cmd, key, String(k)] : [cmd, key]);
  if (b.kind === 'zmpop') {
    srv.reply(c, array([bulk(key), array(popped.map((e) => array([bulk(e.member), scoreReply(e.score)])))]));
  } else {
    srv.reply(c, array([bulk(key), bulk(popped[0].member), scoreReply(popped[0].score)]));
  }
  return o.dict.size === 0;
}

/** checkBlockedClientTimeout: the key-blocked clients whose deadline has passed get a nil array. */
export function checkKeyBlockTimeouts(srv: Server): void {
  for (const c of [...srv.keyBlocked]) {
    const b = c.bpop!;
    if (b.timeoutAt !== 0 && b.timeoutAt < srv.mstime) unblockWithReply(srv, c, NIL_ARRAY);
  }
}

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
 *
 * Streams (XREAD / XREADGROUP BLOCK): a key is ready after every XADD, and when a stream is
 * created, overwritten or deleted there; a waiting XREAD is served when the stream's last ID
 * passes the one it waits after, an XREADGROUP when it passes its group's last delivered ID (what
 * it reads is propagated as XREADGROUP propagates). An XREADGROUP whose stream is gone (deleted,
 * another type, a flush) is answered `UNBLOCKED the stream key no longer exists`, one whose group
 * was destroyed `NOGROUP ...`; an XREAD keeps waiting, as in Redis 7.0.
 */
import type { Client } from './client';
import { moveElement, popRangeWithKey } from './commands/util/list';
import { entryReply, isStream, MAX_ID, rangeEntries } from './commands/util/stream';
import { isList, isZSet } from './commands/util/types';
import { serveGroup, streamsReply } from './commands/util/xread';
import { scoreReply, zsetRemoveSlice } from './commands/util/zset';
import { type Db, type RList, type RValue, type RZSet, typeOf } from './keyspace';
import { feedCommand } from './replication/master';
import { array, bulk, ERR, error, NIL_ARRAY, type Reply } from './resp';
import type { Server } from './server';
import { errorReplied } from './stats';
import type { RStream, StreamId } from './stream';

const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';

/** Which end of a list (head = LEFT). */
type End = 'head' | 'tail';

/** What a client blocked on keys waits to do (c->bpop). */
export interface KeyBlock {
  /** pop: BLPOP/BRPOP; mpop: BLMPOP; move: BLMOVE/BRPOPLPUSH; zpop: BZPOPMIN/BZPOPMAX; zmpop: BZMPOP; stream: XREAD/XREADGROUP. */
  readonly kind: 'pop' | 'mpop' | 'move' | 'zpop' | 'zmpop' | 'stream';
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
  /** stream: per key (by its first position in `keys`), the ID after which entries are wanted. */
  readonly streamIds?: readonly StreamId[];
  /** stream: XREADGROUP's group and consumer, and NOACK. */
  readonly group?: string;
  readonly consumer?: string;
  readonly noack?: boolean;
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

/** signalKeyAsReady: `key` of db `dbid` may serve (or must answer) its waiters; queue it if someone waits on it. */
export function signalKeyAsReady(srv: Server, dbid: number, key: string): void {
  // Nobody blocked at all: the quick return (server.blocked_clients_by_type).
  if (srv.keyBlocked.size === 0 || !srv.blockingKeys[dbid].has(key)) return;
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
      if (o !== undefined && isStream(o)) {
        serveStreamClients(srv, dbid, key, o);
        continue;
      }
      // No stream there (any more): whoever reads it through a group stops waiting.
      unblockGroupReaders(srv, dbid, key);
      if (o === undefined || (!isList(o) && !isZSet(o))) continue;
      // The clients in the order they blocked, each served while the value lasts.
      for (const c of [...(srv.blockingKeys[dbid].get(key) ?? [])]) {
        if (c.bpop === null || c.bpop.kind === 'stream') continue;
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

/**
 * serveClientsBlockedOnStreamKey: every client waiting on the stream at `key` for entries past
 * its ID (for XREADGROUP: past its group's last delivered ID) gets them — at most its COUNT,
 * 1000 without one — in the order they blocked.
 */
function serveStreamClients(srv: Server, dbid: number, key: string, s: RStream): void {
  for (const c of [...(srv.blockingKeys[dbid].get(key) ?? [])]) {
    const b = c.bpop;
    if (b === null || b.kind !== 'stream') continue;
    let gt = (b.streamIds as StreamId[])[b.keys.indexOf(key)];
    const g = b.group === undefined ? undefined : s.groups.get(b.group);
    if (b.group !== undefined) {
      if (g === undefined) {
        unblockWithReply(srv, c, error('NOGROUP the consumer group this client was blocked on no longer exists'));
        continue;
      }
      gt = g.lastId;
    }
    if (s.lastId <= gt) continue;
    const ops: string[][] = [];
    let entries: Reply[];
    if (g !== undefined && b.group !== undefined) {
      const consumer = b.consumer ?? '';
      entries = serveGroup(srv, srv.mstime, s, key, b.group, g, consumer, gt, b.count, b.noack === true, false, (a) =>
        ops.push(a),
      );
    } else {
      entries = rangeEntries(s, gt + 1n, MAX_ID, b.count, false).map(([id, fv]) => entryReply(id, fv));
    }
    unblockKeys(srv, c);
    srv.reply(c, streamsReply(c, [[key, entries]]));
    srv.resumeLater(c);
    if (ops.length > 0) srv.propagateUnit(dbid, ops);
  }
}

/** unblockDeletedStreamReadgroupClients: the XREADGROUP clients waiting on `key` get UNBLOCKED. */
function unblockGroupReaders(srv: Server, dbid: number, key: string): void {
  for (const c of [...(srv.blockingKeys[dbid].get(key) ?? [])]) {
    if (c.bpop?.kind === 'stream' && c.bpop.group !== undefined) {
      unblockWithReply(srv, c, error('UNBLOCKED the stream key no longer exists'));
    }
  }
}

/** Whether a value is a stream (without the commands' helpers, for the keyspace's hooks). */
const streamValue = (v: RValue | undefined): boolean => v !== undefined && typeof v !== 'string' && v.type === 'stream';

/**
 * dbAdd / dbOverwrite / dbGenericDelete's signalKeyAsReady: a key someone waits on gets `value`
 * where `old` was (undefined: added; `value` undefined: deleted). A new list, sorted set or stream
 * may serve a waiter; a stream replaced or deleted must answer its XREADGROUP waiters.
 */
export function signalKeyChange(srv: Server, dbid: number, key: string, old: RValue | undefined, value?: RValue): void {
  if (srv.keyBlocked.size === 0) return;
  const t = old !== undefined ? (streamValue(old) ? 'stream' : '') : value === undefined ? '' : typeOf(value);
  if (t === 'list' || t === 'zset' || t === 'stream') signalKeyAsReady(srv, dbid, key);
}

/**
 * scanDatabaseForDeletedStreams (FLUSHDB, FLUSHALL, SWAPDB): the waited-on keys of `emptied`
 * that hold a stream which `replacedWith` (the db swapped in, or none) does not.
 */
export function signalDeletedStreams(srv: Server, emptied: Db, replacedWith: Db | null): void {
  if (srv.keyBlocked.size === 0) return;
  for (const key of srv.blockingKeys[emptied.id].keys()) {
    if (streamValue(emptied.dict.get(key)) && !streamValue(replacedWith?.dict.get(key))) {
      signalKeyAsReady(srv, emptied.id, key);
    }
  }
}

/** checkBlockedClientTimeout: the key-blocked clients whose deadline has passed get a nil array. */
export function checkKeyBlockTimeouts(srv: Server): void {
  for (const c of [...srv.keyBlocked]) {
    const b = c.bpop!;
    if (b.timeoutAt !== 0 && b.timeoutAt < srv.mstime) unblockWithReply(srv, c, NIL_ARRAY);
  }
}

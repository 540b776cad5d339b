/**
 * Persistence (rdb.c / server.c): save points checked by serverCron, SAVE and BGSAVE with a
 * simulated forked child (its own pid, its own 'C' log lines, noticed by the parent at the next
 * cron tick), loading dump.rdb at start-up — including the replication aux fields that let a
 * restarted node continue with PSYNC — and the aux fields written into every RDB.
 */
import type { RValue } from './keyspace';
import { type LoadedRdb, loadRdb, type RdbAux, RdbError, writeRdb } from './rdb';
import { bgsaveDoneForReplication, createBacklog, freeBacklog } from './replication/master';
import type { ChildInfo, Server } from './server';
import { childForked } from './stats';

/** used_memory, raising stat_peak_memory to it (Redis raises the peak whenever it reads memory). */
export function measureMemory(srv: Server): number {
  const used = usedMemory(srv);
  if (used > srv.stats.peakMemory) srv.stats.peakMemory = used;
  return used;
}

/** used_memory as the playground reports it: a fixed base plus an estimate per key. */
export function usedMemory(srv: Server): number {
  let n = srv.d.is7 ? 975_000 : 820_000;
  for (const db of srv.dbs) {
    for (const [k, v] of db.dict) n += 64 + k.length + valueSize(v);
    n += db.expires.size * 24;
  }
  return n;
}

function valueSize(v: RValue): number {
  if (typeof v === 'string') return v.length;
  switch (v.type) {
    case 'list':
      return v.items.reduce((a, s) => a + s.length + 11, 0);
    case 'hash': {
      let n = 0;
      for (const [f, x] of v.map) n += f.length + x.length + 24;
      return n;
    }
    case 'set': {
      let n = 0;
      for (const m of v.set) n += m.length + 16;
      return n;
    }
    case 'zset':
      return v.sorted.reduce((a, e) => a + e.member.length + 32, 0);
  }
}

/** The aux fields for an RDB written now (rdbPopulateSaveInfo decides the repl ones). */
export function rdbAux(srv: Server, _forReplication = false): RdbAux {
  const aux: RdbAux = { redisVer: srv.d.redisVer, ctime: srv.unixtime, usedMem: measureMemory(srv) };
  if (!srv.isReplica && srv.repl.backlog) {
    aux.repl = {
      streamDb: srv.repl.slaveseldb === -1 ? 0 : srv.repl.slaveseldb,
      replid: srv.repl.replid,
      offset: srv.repl.offset,
    };
  } else if (srv.isReplica && (srv.rs.master || srv.rs.cached)) {
    const db = srv.rs.master ? srv.rs.master.db : srv.rs.cached!.db;
    aux.repl = { streamDb: db, replid: srv.repl.replid, offset: srv.repl.offset };
  }
  return aux;
}

/** Serialize the dataset as this node would (SAVE, BGSAVE, SHUTDOWN). */
export function serialize(srv: Server): Uint8Array {
  return writeRdb(srv.dbs, rdbAux(srv), srv.opts.version, { compression: srv.config.bool('rdbcompression') });
}

/** SAVE / SHUTDOWN: a synchronous save by the main process. */
export function saveSync(srv: Server): boolean {
  srv.opts.files.write(srv.config.get('dbfilename'), serialize(srv));
  srv.log('notice', 'DB saved on disk');
  srv.dirty = 0;
  srv.lastsave = srv.unixtime;
  srv.lastBgsaveOk = true;
  return true;
}

/** The forked child's last line: what copy-on-write cost it (always 0 MB in the playground). */
export function logChildCow(srv: Server, pid: number): void {
  srv.logAs(
    pid,
    'C',
    'notice',
    srv.d.is7 ? 'Fork CoW for RDB: current 0 MB, peak 0 MB, average 0 MB' : 'RDB: 0 MB of memory used by copy-on-write',
  );
}

/**
 * rdbSaveBackground: fork a child (pid `pid`) that writes `rdb` to dump.rdb; the parent notices
 * its exit at the next cron. Used by BGSAVE, save points and disk-target replication syncs.
 */
export function rdbSaveBackground(srv: Server, pid: number, rdb: Uint8Array, forReplication: boolean): void {
  srv.stats.rdbSaves++;
  srv.dirtyBeforeBgsave = srv.dirty;
  srv.log('notice', `Background saving started by pid ${pid}`);
  srv.opts.files.write(srv.config.get('dbfilename'), rdb);
  srv.logAs(pid, 'C', 'notice', 'DB saved on disk');
  logChildCow(srv, pid);
  startChild(srv, { pid, kind: 'disk', rdb, startedAt: srv.mstime, doneAt: srv.mstime, forReplication });
}

/** The parent's side of a fork: the child runs (and is counted) until a cron tick reaps it. */
export function startChild(srv: Server, child: ChildInfo): void {
  srv.child = child;
  childForked(srv, child);
}

/** BGSAVE: the dataset as of now, saved by a forked child. */
export function bgsave(srv: Server): void {
  rdbSaveBackground(srv, srv.opts.nextPid(), serialize(srv), false);
}

/** checkChildrenDone: the child has exited (or was killed); the parent finishes its work. */
export function childDone(srv: Server, child: ChildInfo): void {
  srv.child = null;
  if (child.kind === 'disk') {
    srv.log('notice', 'Background saving terminated with success');
    srv.dirty -= srv.dirtyBeforeBgsave;
    srv.lastsave = srv.unixtime;
    srv.lastBgsaveOk = true;
  } else if (child.signal !== undefined) {
    // A diskless sync's child killed when its last replica left (killRDBChild).
    srv.log('warning', `Background transfer terminated by signal ${child.signal}`);
    bgsaveDoneForReplication(srv, child.kind, child.rdb, false);
    return;
  } else {
    srv.log('notice', 'Background RDB transfer terminated with success');
  }
  bgsaveDoneForReplication(srv, child.kind, child.rdb, true);
}

/** serverCron's persistence part: reap a finished child, then check the save points. */
export function persistenceCron(srv: Server): void {
  const child = srv.child;
  if (child && srv.mstime > child.doneAt) {
    childDone(srv, child);
    return;
  }
  if (srv.child) return;
  for (const [seconds, changes] of srv.config.savePoints()) {
    if (srv.dirty >= changes && srv.unixtime - srv.lastsave > seconds) {
      srv.log('notice', `${changes} changes in ${seconds} seconds. Saving...`);
      bgsave(srv);
      break;
    }
  }
}

/**
 * Parse an RDB for loadRdbInto. When the keyspace is empty (every caller flushes it first) the
 * loader fills the server's databases directly (`into`), which spares a second copy of a big
 * dataset (`direct`); on an error they are emptied again, so the keyspace ends as the copying
 * path leaves it. Otherwise (or for a file naming a db the server lacks, which the copying path
 * reports its own way) the file is parsed into fresh databases that the caller copies.
 */
function loadInto(srv: Server, bytes: Uint8Array, dropExpired: boolean): LoadedRdb & { direct: boolean } {
  const empty = srv.dbs.every((db) => db.dict.size === 0 && db.expires.size === 0);
  if (empty) {
    try {
      return { ...loadRdb(bytes, { now: srv.mstime, dropExpired, into: srv.dbs }), direct: true };
    } catch (e) {
      for (const db of srv.dbs) db.clear();
      if (!(e instanceof RdbError && e.message.startsWith('RDB selects db '))) throw e;
    }
  }
  return { ...loadRdb(bytes, { now: srv.mstime, dropExpired }), direct: false };
}

/** Load an RDB into the (already flushed) keyspace; logs 7.0's RDB load lines. */
export function loadRdbInto(
  srv: Server,
  bytes: Uint8Array,
  opts: { replication: boolean },
): { replid?: string; offset?: number; streamDb?: number } {
  const dropExpired = !srv.isReplica && !opts.replication;
  const r = loadInto(srv, bytes, dropExpired);
  srv.stats.rdbLastLoadKeysLoaded = r.keysLoaded;
  srv.stats.rdbLastLoadKeysExpired = r.keysExpired;
  if (srv.d.is7) {
    const ver = r.aux.get('redis-ver') ?? '7.0.15';
    srv.log('notice', `Loading RDB produced by version ${ver}`);
    const ctime = Number(r.aux.get('ctime') ?? srv.unixtime);
    srv.log('notice', `RDB age ${Math.max(0, srv.unixtime - ctime)} seconds`);
    const mem = Number(r.aux.get('used-mem') ?? 0);
    srv.log('notice', `RDB memory usage when created ${(mem / 1024 / 1024).toFixed(2)} Mb`);
  }
  if (!r.direct) {
    for (const [id, d] of r.dbs) {
      const db = srv.dbs[id];
      for (const [k, v] of d.dict) db.dict.set(k, v);
      for (const [k, t] of d.expires) db.expires.set(k, t);
    }
  }
  if (srv.d.is7)
    srv.log('notice', `Done loading RDB, keys loaded: ${r.keysLoaded}, keys expired: ${r.keysExpired ?? 0}.`);
  const replid = r.aux.get('repl-id');
  const off = r.aux.get('repl-offset');
  const sdb = r.aux.get('repl-stream-db');
  return {
    replid,
    offset: off === undefined ? undefined : Number(off),
    streamDb: sdb === undefined ? undefined : Number(sdb),
  };
}

/** Start-up: load dump.rdb if there is one, restoring replication info as each version does. */
export function startupLoad(srv: Server): void {
  const file = srv.opts.files.read(srv.config.get('dbfilename'));
  if (!file) return;
  // 7.0 creates a backlog before loading so expired-key DELs found during load are counted.
  const asReplica = Boolean(srv.opts.config?.replicaof ?? srv.opts.config?.slaveof);
  if (srv.d.is7 && !asReplica) createBacklog(srv);
  let info: { replid?: string; offset?: number; streamDb?: number };
  try {
    info = loadRdbInto(srv, file, { replication: false });
  } catch (e) {
    srv.log('warning', `Fatal error loading the DB: ${(e as Error).message}. Exiting.`);
    srv.exit(1);
    return;
  }
  srv.log('notice', 'DB loaded from disk: 0.000 seconds');
  const valid =
    info.replid &&
    info.replid.length === 40 &&
    info.offset !== undefined &&
    info.streamDb !== undefined &&
    info.streamDb !== -1;
  if (valid && asReplica) {
    srv.repl.replid = info.replid!;
    srv.repl.offset = info.offset!;
    srv.rs.cached = { replid: info.replid!, reploff: info.offset!, db: info.streamDb! };
    srv.takeClientId();
  } else if (valid && srv.d.is7) {
    srv.repl.replid2 = info.replid!;
    srv.repl.secondOffset = info.offset! + 1;
    srv.repl.offset = info.offset!;
    freeBacklog(srv);
    createBacklog(srv);
    srv.repl.noSlavesSince = srv.unixtime;
  } else if (srv.d.is7 && !asReplica) {
    freeBacklog(srv);
  }
}

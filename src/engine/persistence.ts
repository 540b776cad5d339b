/**
 * Persistence (rdb.c / server.c): save points checked by serverCron, SAVE and BGSAVE with a
 * simulated forked child (its own pid, its own 'C' log lines, noticed by the parent at the next
 * cron tick), loading dump.rdb at start-up — including the replication aux fields that let a
 * restarted node continue with PSYNC — and the aux fields written into every RDB.
 */

import type { RValue } from './keyspace';
import { type LoadedRdb, loadRdb, RDB_VERSION_NUMBER, type RdbAux, RdbError, writeRdb } from './rdb';
import { bgsaveDoneForReplication, createBacklog, feedCommand, freeBacklog } from './replication/master';
import { cacheMasterUsingMyself } from './replication/replica';
import { hasLibraries, libraryCodes, restoreLibraries } from './scripting/functions';
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
    // (forEach: a for-of over the entries allocates a [key, value] pair per key, ~100 bytes of
    // garbage per key that a big keyspace pays at every INFO and every RDB written.)
    db.dict.forEach((v, k) => {
      n += keyMemory(k, v);
    });
    n += db.expires.size * 24;
  }
  return n;
}

/** One key's share of used_memory (MEMORY USAGE): its entry, its name and its value. */
export function keyMemory(key: string, v: RValue): number {
  return 64 + key.length + valueSize(v);
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
    case 'stream': {
      // Listpack nodes hold the entries compactly; groups cost a little per pending entry.
      let n = 64;
      for (const fv of v.entries.values()) for (const x of fv) n += x.length + 2;
      for (const g of v.groups.values()) n += 64 + g.pel.size * 48 + g.consumers.size * 64;
      return n;
    }
  }
}

/** The aux fields for an RDB written now (rdbPopulateSaveInfo decides the repl ones). */
export function rdbAux(srv: Server, _forReplication = false, usedMem = measureMemory(srv)): RdbAux {
  const aux: RdbAux = {
    redisVer: srv.d.redisVer,
    ctime: srv.unixtime,
    usedMem,
    functions: libraryCodes(srv),
  };
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

/**
 * The RDB a SAVE would write now, for a host that hands the file to someone (the page's
 * "Download dump.rdb"), leaving the node exactly as it was: no file written, no log line, no
 * counter or peak-memory reading moved — looking at a node must not change what INFO says.
 */
export function snapshotRdb(srv: Server): Uint8Array {
  const aux = rdbAux(srv, false, usedMemory(srv));
  return writeRdb(srv.dbs, aux, srv.opts.version, { compression: srv.config.bool('rdbcompression') });
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

/**
 * BGREWRITEAOF with appendonly off (7.0): a child writes the dataset as the new base of the AOF
 * (an RDB, with aof-use-rdb-preamble's default) into appenddirname, and the parent renames it
 * into place, records it in the manifest and drops the previous base — what a 7.0 server does
 * even when it keeps no AOF. The base is an RDB whatever aof-use-rdb-preamble says.
 */
export function rewriteAofBackground(srv: Server): void {
  const pid = srv.opts.nextPid();
  srv.aofRewriteScheduled = false;
  srv.log('notice', `Background append only file rewriting started by pid ${pid}`);
  srv.logAs(pid, 'C', 'notice', `Successfully created the temporary AOF base file temp-rewriteaof-bg-${pid}.aof`);
  srv.logAs(pid, 'C', 'notice', 'Fork CoW for AOF rewrite: current 0 MB, peak 0 MB, average 0 MB');
  const rdb = serialize(srv);
  startChild(srv, { pid, kind: 'aof', rdb, startedAt: srv.mstime, doneAt: srv.mstime, forReplication: false });
}

/** backgroundRewriteDoneHandler: the new base takes the place of the old one. */
function aofRewriteDone(srv: Server, child: ChildInfo): void {
  const dir = srv.config.get('appenddirname');
  const name = srv.config.get('appendfilename');
  const seq = ++srv.aofBaseSeq;
  const base = `${name}.${seq}.base.rdb`;
  srv.log('notice', 'Background AOF rewrite terminated with success');
  srv.opts.files.write(`${dir}/${base}`, child.rdb);
  srv.opts.files.write(`${dir}/${name}.manifest`, new TextEncoder().encode(`file ${base} seq ${seq} type b\n`));
  srv.log(
    'notice',
    `Successfully renamed the temporary AOF base file temp-rewriteaof-bg-${child.pid}.aof into ${base}`,
  );
  if (seq > 1) srv.log('notice', `Removing the history file ${name}.${seq - 1}.base.rdb in the background`);
  srv.aofRewrites++;
  srv.log('notice', 'Background AOF rewrite finished successfully');
}

/** checkChildrenDone: the child has exited (or was killed); the parent finishes its work. */
export function childDone(srv: Server, child: ChildInfo): void {
  srv.child = null;
  if (child.kind === 'aof') {
    aofRewriteDone(srv, child);
    return;
  }
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
  // A rewrite asked for while another child ran starts at the first cron without one.
  if (srv.child === null && srv.aofRewriteScheduled) rewriteAofBackground(srv);
  const child = srv.child;
  if (child && srv.mstime > child.doneAt) {
    childDone(srv, child);
    // A BGSAVE SCHEDULE'd behind the child that just ended starts in the same cron.
    if (srv.child === null && srv.bgsaveScheduled) {
      srv.bgsaveScheduled = false;
      bgsave(srv);
    }
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
  // Each server reads the RDB versions up to its own (7.0: 10, 4.0: 8).
  const maxVersion = RDB_VERSION_NUMBER[srv.opts.version];
  const empty = srv.dbs.every((db) => db.dict.size === 0 && db.expires.size === 0);
  if (empty) {
    try {
      return { ...loadRdb(bytes, { now: srv.mstime, dropExpired, into: srv.dbs, maxVersion }), direct: true };
    } catch (e) {
      for (const db of srv.dbs) db.clear();
      if (!(e instanceof RdbError && e.message.startsWith('RDB selects db '))) throw e;
    }
  }
  return { ...loadRdb(bytes, { now: srv.mstime, dropExpired, maxVersion }), direct: false };
}

/** Load an RDB into the (already flushed) keyspace; logs 7.0's RDB load lines. */
export function loadRdbInto(
  srv: Server,
  bytes: Uint8Array,
  opts: { replication: boolean },
): { replid?: string; offset?: number; streamDb?: number; expiredKeys: [number, string][] } {
  const dropExpired = !srv.isReplica && !opts.replication;
  const r = loadInto(srv, bytes, dropExpired);
  // The file's libraries replace the server's (emptyData clears functions before a load).
  if (r.functions.length > 0 || hasLibraries(srv)) {
    const err = restoreLibraries(srv, r.functions, 'flush');
    if (err !== null) {
      srv.log('warning', `Failed loading library, ${err}`);
      throw new RdbError(`Failed loading library, ${err}`, 'eof');
    }
  }
  srv.stats.rdbLastLoadKeysLoaded = r.keysLoaded;
  srv.stats.rdbLastLoadKeysExpired = r.keysExpired;
  if (srv.d.is7) logAuxLines(srv, r.aux);
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
    expiredKeys: r.expiredKeys,
  };
}

/**
 * Where in rdb.c each corruption is reported, as Debian's redis-server 7.0.15 logs it (its line
 * numbers are the release's plus 9; 4.0.14's are its own), by the start of the message.
 */
const CORRUPTION_LINES: readonly (readonly [prefix: string, line7: number, line4: number])[] = [
  ['Unknown RDB encoding type', 2681, 1452],
  ['Stream node key entry is not the size of a stream ID', 2350, 0],
  ['Stream listpack integrity check failed.', 2369, 0],
  ['Empty listpack inside stream', 2381, 0],
  ['Listpack re-added with existing key', 2393, 0],
  ['Stream length inconsistent with rax entries', 2437, 0],
  ['Duplicated consumer group name', 2487, 0],
  ['Duplicated global PEL entry', 2523, 0],
  ['Duplicate stream consumer detected.', 2551, 0],
];

/** server.loading_loaded_bytes when the error is met: it moves every 2 MB read (loading-process-events-interval-bytes). */
const loadedBytes = (offset: number): number => Math.floor(offset / 2097152) * 2097152;

/**
 * What redis-server logs when its RDB cannot be loaded at start-up (rdbLoad, rdbReportError,
 * loadDataFromDisk), before it exits: the lines the aux fields read so far gave (7.0), then the
 * failure. (After a corruption real Redis also runs redis-check-rdb on the file, which prints its
 * report to standard output, not to the log; the playground leaves that out.)
 */
export function logLoadFailure(srv: Server, e: RdbError): void {
  const is7 = srv.d.is7;
  if (is7) logAuxLines(srv, e.aux);
  const internal = (line: number, what: string) =>
    srv.log(
      'warning',
      is7
        ? `Internal error in RDB reading offset ${loadedBytes(e.offset)}, function at rdb.c:${line} -> ${what}`
        : `Internal error in RDB reading function at rdb.c:${line} -> ${what}`,
    );
  switch (e.kind) {
    case 'signature':
    case 'version':
      srv.log('warning', e.message);
      srv.log('warning', 'Fatal error loading the DB: Invalid argument. Exiting.');
      return;
    case 'eof':
      srv.log('warning', 'Short read or OOM loading DB. Unrecoverable error, aborting now.');
      internal(is7 ? 3249 : 1666, 'Unexpected EOF reading RDB file');
      return;
    case 'checksum':
      srv.log('warning', is7 ? `${e.message} Aborting now.` : 'Wrong RDB checksum. Aborting now.');
      internal(is7 ? 3225 : 1658, 'RDB CRC error');
      return;
    case 'corrupt': {
      const known = CORRUPTION_LINES.find(([prefix]) => e.message.startsWith(prefix));
      internal(known ? (is7 ? known[1] : known[2]) : 0, e.message);
    }
  }
}

/** The lines 7.0 logs as it meets the redis-ver, ctime and used-mem aux fields. */
function logAuxLines(srv: Server, aux: ReadonlyMap<string, string>): void {
  const ver = aux.get('redis-ver');
  if (ver !== undefined) srv.log('notice', `Loading RDB produced by version ${ver}`);
  const ctime = aux.get('ctime');
  if (ctime !== undefined) srv.log('notice', `RDB age ${Math.max(0, srv.unixtime - Number(ctime))} seconds`);
  const mem = aux.get('used-mem');
  if (mem !== undefined)
    srv.log('notice', `RDB memory usage when created ${(Number(mem) / 1024 / 1024).toFixed(2)} Mb`);
}

/** Start-up: load dump.rdb if there is one, restoring replication info as each version does. */
export function startupLoad(srv: Server): void {
  const file = srv.opts.files.read(srv.config.get('dbfilename'));
  if (!file) return;
  // 7.0 creates a backlog before loading so expired-key DELs found during load are counted.
  const asReplica = Boolean(srv.opts.config?.replicaof ?? srv.opts.config?.slaveof);
  if (srv.d.is7 && !asReplica) createBacklog(srv);
  let info: ReturnType<typeof loadRdbInto>;
  try {
    info = loadRdbInto(srv, file, { replication: false });
  } catch (e) {
    if (e instanceof RdbError) logLoadFailure(srv, e);
    else srv.log('warning', `Fatal error loading the DB: ${(e as Error).message}. Exiting.`);
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
    cacheMasterUsingMyself(srv, info.streamDb!);
  } else if (valid && srv.d.is7) {
    srv.repl.replid2 = info.replid!;
    srv.repl.secondOffset = info.offset! + 1;
    srv.repl.offset = info.offset!;
    freeBacklog(srv);
    createBacklog(srv);
    // The stream continues from the file's offset: first the DELs of the keys that had expired
    // (real Redis feeds them while loading and then rebases the backlog onto repl-offset, which
    // leaves the same bytes at the same offsets).
    feedExpiredDels(srv, info.expiredKeys);
    srv.repl.noSlavesSince = srv.unixtime;
  } else if (srv.d.is7 && !asReplica) {
    // No stream to continue: the DELs still count in master_repl_offset, as in real 7.0.
    feedExpiredDels(srv, info.expiredKeys);
    freeBacklog(srv);
  }
}

/**
 * 7.0 (loadDataFromDisk with RDBFLAGS_FEED_REPL): a master that drops expired keys while loading
 * at start-up feeds a DEL (UNLINK under lazyfree-lazy-expire) for each into its backlog, so that
 * a replica that continues with PSYNC deletes them too instead of keeping them forever.
 */
function feedExpiredDels(srv: Server, keys: readonly [number, string][]): void {
  const del = srv.config.bool('lazyfree-lazy-expire') ? 'UNLINK' : 'DEL';
  for (const [dbid, key] of keys) feedCommand(srv, dbid, [del, key]);
}

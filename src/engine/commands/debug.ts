// DEBUG DIGEST | DEBUG DIGEST-VALUE key [key ...] | DEBUG RELOAD [MERGE|NOFLUSH|NOSAVE ...] |
// DEBUG SLEEP seconds | DEBUG POPULATE count [prefix] [size] | DEBUG SET-ACTIVE-EXPIRE 0|1 |
// DEBUG CHANGE-REPL-ID | DEBUG LOG message | DEBUG ERROR string | DEBUG HELP
//
// DIGEST is Redis's own SHA-1 fingerprint (util/digest.ts), equal to real redis-server's for the
// same data. SLEEP blocks the whole server for that long in simulated time (Server.sleep): no
// reply, no cron, no socket read until it wakes. 7.0 marks DEBUG protected: the server refuses it unless enable-debug-command
// allows the client (the playground's default, `local`, allows the consoles).

import { loadRdbInto, saveSync } from '../persistence';
import { changeReplicationId, clearReplicationId2 } from '../replication/master';
import { array, ERR, error, OK, type Reply, status } from '../resp';
import { debugListpack, debugObject, debugPackedThreshold, debugProtocol } from './debug-more';
import type { Command, Ctx } from './types';
import { eqi } from './util/args';
import { datasetDigest, valueDigest } from './util/digest';
import { forgetStrings } from './util/encoding';
import { debugSleepMs } from './util/float';
import { helpReply } from './util/help';
import { newLru } from './util/lru';

function reload(ctx: Ctx): Reply {
  const srv = ctx.srv;
  let flush = true;
  let save = true;
  for (const opt of ctx.argv.slice(2)) {
    if (eqi(opt, 'merge')) continue;
    if (eqi(opt, 'noflush')) flush = false;
    else if (eqi(opt, 'nosave')) save = false;
    else return error('ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.');
  }
  if (!srv.d.is7 && ctx.argv.length > 2) return unknown(ctx);
  if (save) saveSync(srv);
  const file = srv.opts.files.read(srv.config.get('dbfilename'));
  if (flush) {
    srv.flushAll();
    for (const db of srv.dbs) forgetStrings(db);
  }
  if (!file) return error('ERR Error trying to load the RDB dump');
  loadRdbInto(srv, file, { replication: false });
  srv.lruBaseline = newLru(srv, srv.lfu);
  srv.log('warning', 'DB reloaded by DEBUG RELOAD');
  return OK;
}

/** The most keys DEBUG POPULATE may leave in one db: a JavaScript Map holds at most 2^24. */
const POPULATE_LIMIT = 10_000_000;

/** A long that must not be negative (getPositiveLongFromObjectOrReply; 4.0 reads a plain long). */
function populateCount(ctx: Ctx, s: string): number | Reply {
  const n = /^-?\d+$/.test(s) && s !== '-0' ? Number(s) : Number.NaN;
  const inRange = Number.isSafeInteger(n) || (Number.isInteger(n) && Math.abs(n) < 2 ** 63);
  if (ctx.version === '4.0') return inRange ? n : ERR.notInteger;
  if (!inRange || n < 0) return error('ERR value is out of range, must be positive');
  return n;
}

/**
 * DEBUG POPULATE: keys `prefix:N` (default `key`) with values `value:N` — cut or zero-padded to
 * `size` bytes when a size is given — skipping names that exist. It bypasses the command
 * machinery: nothing is counted as a change and nothing reaches the replicas, as in Redis.
 */
function populate(ctx: Ctx): Reply {
  const argv = ctx.argv;
  const keys = populateCount(ctx, argv[2]);
  if (typeof keys !== 'number') return keys;
  let size = 0;
  if (argv.length === 5 && (ctx.version === '7.0' || keys > 0)) {
    const v = populateCount(ctx, argv[4]);
    if (typeof v !== 'number') return v;
    if (v < 0) return error('ERR value is out of range, must be positive');
    size = v;
  }
  if (ctx.db.dict.size + Math.max(keys, 0) > POPULATE_LIMIT) {
    return error(`ERR the playground keeps at most ${POPULATE_LIMIT} keys in a db`);
  }
  const prefix = argv.length === 3 ? 'key' : argv[3];
  for (let j = 0; j < keys; j++) {
    // Both names are printed into a 128-byte buffer.
    const key = `${prefix}:${j}`.slice(0, 127);
    if (ctx.lookupWrite(key) !== undefined) continue;
    const v = `value:${j}`;
    ctx.setKey(key, size === 0 ? v : size <= v.length ? v.slice(0, size) : v + '\0'.repeat(size - v.length));
  }
  return OK;
}

function unknown(ctx: Ctx): Reply {
  if (ctx.version === '4.0') {
    return error(`ERR Unknown DEBUG subcommand or wrong number of arguments for '${ctx.argv[1]}'`);
  }
  return error(
    `ERR unknown subcommand or wrong number of arguments for '${ctx.argv[1].slice(0, 128)}'. Try DEBUG HELP.`,
  );
}

export const debugCommand: Command = {
  name: 'debug',
  arity: -2,
  arity40: -1,
  flags: ['admin', 'noscript', 'loading', 'stale', 'protected'],
  flags40: ['admin', 'noscript'],
  docs: { complexity: 'Depends on subcommand.', docFlags: ['syscmd'] },
  run(ctx) {
    const srv = ctx.srv;
    const argv = ctx.argv;
    if (argv.length === 1) return error('ERR You must specify a subcommand for DEBUG. Try DEBUG HELP for info.');
    const sub = argv[1].toLowerCase();
    const n = argv.length;
    if (sub === 'help' && n === 2) return helpReply(argv[0], ctx.version)!;
    if (sub === 'digest' && n === 2) return status(datasetDigest(srv.dbs));
    if (sub === 'digest-value' && srv.d.is7) return array(argv.slice(2).map((k) => status(valueDigest(ctx.db, k))));
    if (sub === 'reload') return reload(ctx);
    if (sub === 'populate' && n >= 3 && n <= 5) return populate(ctx);
    if (sub === 'sleep' && n === 3) {
      srv.sleep(debugSleepMs(argv[2]));
      return OK;
    }
    if (sub === 'set-active-expire' && n === 3) {
      srv.activeExpire = Number.parseInt(argv[2], 10) !== 0 && !Number.isNaN(Number.parseInt(argv[2], 10));
      return OK;
    }
    if (sub === 'change-repl-id' && n === 2) {
      srv.log('warning', 'Changing replication IDs after receiving DEBUG change-repl-id');
      changeReplicationId(srv);
      clearReplicationId2(srv);
      return OK;
    }
    if (sub === 'log' && n === 3 && srv.d.is7) {
      srv.log('warning', `DEBUG LOG: ${argv[2]}`);
      return OK;
    }
    if (sub === 'error' && n === 3) return error(argv[2].replace(/[\r\n]/g, ' '));
    if (srv.d.is7 && n === 3) {
      if (sub === 'object') return debugObject(ctx);
      if (sub === 'listpack') return debugListpack(ctx);
      if (sub === 'quicklist-packed-threshold') return debugPackedThreshold(srv, argv[2]);
      if (sub === 'protocol') return debugProtocol(ctx);
    }
    return unknown(ctx);
  },
};

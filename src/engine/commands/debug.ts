// DEBUG DIGEST | DEBUG DIGEST-VALUE key [key ...] | DEBUG RELOAD [MERGE|NOFLUSH|NOSAVE ...] |
// DEBUG SLEEP seconds | DEBUG SET-ACTIVE-EXPIRE 0|1 | DEBUG CHANGE-REPL-ID | DEBUG LOG message |
// DEBUG ERROR string | DEBUG HELP
//
// DIGEST is Redis's own SHA-1 fingerprint (util/digest.ts), equal to real redis-server's for the
// same data. SLEEP blocks the whole server for that long in simulated time (Server.sleep): no
// reply, no cron, no socket read until it wakes. 7.0 marks DEBUG protected: the server refuses it unless enable-debug-command
// allows the client (the playground's default, `local`, allows the consoles).

import { loadRdbInto, saveSync } from '../persistence';
import { changeReplicationId, clearReplicationId2 } from '../replication/master';
import { array, error, OK, type Reply, status } from '../resp';
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
    return unknown(ctx);
  },
};

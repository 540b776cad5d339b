// DEBUG SLEEP seconds | DEBUG DIGEST | DEBUG RELOAD
// SLEEP in a simulated server blocks nothing (time only moves through the host), so it answers
// at once; DIGEST hashes the dataset deterministically; RELOAD saves and reloads the RDB.

import { loadRdbInto, saveSync, serialize } from '../persistence';
import { crc64 } from '../rdb';
import { bulk, error, OK } from '../resp';
import type { Command } from './types';

export const debugCommand: Command = {
  name: 'debug',
  arity: -2,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  run(ctx) {
    const srv = ctx.srv;
    const sub = ctx.argv[1].toLowerCase();
    if (sub === 'sleep' && ctx.argv.length === 3) return OK;
    if (sub === 'digest') {
      if (srv.keyCount() === 0) return bulk('0'.repeat(40));
      const rdb = serialize(srv);
      const h = crc64(rdb.subarray(9 + 0, rdb.length));
      return bulk(h.toString(16).padStart(16, '0').repeat(3).slice(0, 40));
    }
    if (sub === 'reload') {
      saveSync(srv);
      const file = srv.opts.files.read(srv.config.get('dbfilename'))!;
      srv.flushAll();
      loadRdbInto(srv, file, { replication: false });
      srv.log('notice', 'DB reloaded by DEBUG RELOAD');
      return OK;
    }
    return error(`ERR unknown subcommand '${ctx.argv[1]}'. Try DEBUG HELP.`);
  },
};

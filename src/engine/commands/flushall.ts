// FLUSHALL [ASYNC | SYNC]
import { ERR, OK } from '../resp';
import type { Command } from './types';
import { forgetStrings } from './util/encoding';
import { FLUSH_MODE_ARGS, FLUSH_MODE_HISTORY, flushModeOk } from './util/flush';

/**
 * FLUSHALL (the data part): empty every db. Dirty moves by the keys removed; 4.0 adds one more
 * so the command always propagates, 7.0 forces propagation (expressed as an explicit extra op
 * in place of the typed one). Saving an RDB afterwards, when save points are configured, is
 * the server's business.
 */
export const flushallCommand: Command = {
  name: 'flushall',
  arity: -1,
  flags: ['write'],
  acl: ['keyspace', 'dangerous'],
  tips: ['request_policy:all_shards', 'response_policy:all_succeeded'],
  args: FLUSH_MODE_ARGS,
  docs: {
    complexity: 'O(N) where N is the total number of keys in all databases',
    history: FLUSH_MODE_HISTORY,
  },
  run(ctx) {
    const argv = ctx.argv;
    if (!flushModeOk(ctx)) return ERR.syntax;
    ctx.srv.touchFlushed(-1);
    let n = 0;
    for (const db of ctx.srv.dbs) {
      n += db.clear();
      ctx.srv.lru[db.id].clear();
      forgetStrings(db);
    }
    // emptyData(-1): a writable replica's own TTLs are forgotten with the data.
    ctx.srv.slaveKeysWithExpire.clear();
    if (ctx.version === '7.0') {
      if (n > 0) ctx.dirty(n);
      ctx.also(argv.slice());
      ctx.noPropagate();
    } else {
      ctx.dirty(n + 1);
    }
    return OK;
  },
};

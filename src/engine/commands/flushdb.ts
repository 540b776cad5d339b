// FLUSHDB [ASYNC | SYNC]
import { ERR, OK } from '../resp';
import type { Command } from './types';
import { forgetStrings } from './util/encoding';
import { FLUSH_MODE_ARGS, FLUSH_MODE_HISTORY, flushModeOk } from './util/flush';

/**
 * FLUSHDB: empty the selected db; dirty moves by the number of keys removed. 7.0 forces the
 * command into the stream even when the db was already empty (forceCommandPropagation), which
 * is expressed as an explicit extra op in place of the typed one; 4.0 propagates it only when
 * something was removed. 4.0 knows ASYNC only.
 */
export const flushdbCommand: Command = {
  name: 'flushdb',
  arity: -1,
  flags: ['write'],
  acl: ['keyspace', 'dangerous'],
  tips: ['request_policy:all_shards', 'response_policy:all_succeeded'],
  args: FLUSH_MODE_ARGS,
  docs: {
    complexity: 'O(N) where N is the number of keys in the selected database',
    history: FLUSH_MODE_HISTORY,
  },
  run(ctx) {
    const argv = ctx.argv;
    if (!flushModeOk(ctx)) return ERR.syntax;
    ctx.srv.touchFlushed(ctx.db.id);
    const n = ctx.db.clear();
    ctx.srv.lru[ctx.db.id].clear();
    forgetStrings(ctx.db);
    if (n > 0) ctx.dirty(n);
    if (ctx.version === '7.0') {
      ctx.also(argv.slice());
      ctx.noPropagate();
    }
    return OK;
  },
};

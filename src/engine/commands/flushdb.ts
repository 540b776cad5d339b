// FLUSHDB [ASYNC | SYNC]
import { ERR, OK } from '../resp';
import type { Command } from './types';
import { eqi } from './util/args';
import { forgetStrings } from './util/encoding';

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
  args: [
    {
      name: 'async',
      type: 'oneof',
      optional: true,
      args: [
        { name: 'async', type: 'pure-token', token: 'ASYNC', since: '4.0.0' },
        { name: 'sync', type: 'pure-token', token: 'SYNC', since: '6.2.0' },
      ],
    },
  ],
  docs: {
    complexity: 'O(N) where N is the number of keys in the selected database',
    history: [
      ['4.0.0', 'Added the `ASYNC` flushing mode modifier.'],
      ['6.2.0', 'Added the `SYNC` flushing mode modifier.'],
    ],
  },
  run(ctx) {
    const argv = ctx.argv;
    if (argv.length > 2) return ERR.syntax;
    if (argv.length === 2 && !eqi(argv[1], 'async') && !(ctx.version === '7.0' && eqi(argv[1], 'sync'))) {
      return ERR.syntax;
    }
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

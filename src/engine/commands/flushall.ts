// FLUSHALL [ASYNC | SYNC]
import { ERR, OK } from '../resp';
import type { Command } from './types';
import { eqi } from './util/args';
import { forgetStrings } from './util/encoding';

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
    complexity: 'O(N) where N is the total number of keys in all databases',
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
    let n = 0;
    for (const db of ctx.srv.dbs) {
      n += db.clear();
      ctx.srv.lru[db.id].clear();
      forgetStrings(db);
    }
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

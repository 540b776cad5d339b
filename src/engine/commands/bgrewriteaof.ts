// BGREWRITEAOF
//
// With appendonly off (the engine keeps no AOF) a 7.0 server still rewrites: a child writes the
// dataset as the AOF's new base file (persistence.ts rewriteAofBackground). While another child
// runs (a BGSAVE) the rewrite is scheduled for when it ends. 7.0 only here.
import { rewriteAofBackground } from '../persistence';
import { error, status } from '../resp';
import type { Command } from './types';

export const bgrewriteaofCommand: Command = {
  name: 'bgrewriteaof',
  arity: 1,
  versions: ['7.0'],
  flags: ['admin', 'noscript', 'no-async-loading'],
  acl: [],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const srv = ctx.srv;
    if (srv.child?.kind === 'aof') return error('ERR Background append only file rewriting already in progress');
    if (srv.child !== null) {
      srv.aofRewriteScheduled = true;
      return status('Background append only file rewriting scheduled');
    }
    rewriteAofBackground(srv);
    return status('Background append only file rewriting started');
  },
};

// MULTI / EXEC / DISCARD — transactions. Queued commands run through call() one by one; what
// they change is propagated by the server (7.0 wraps two or more writes in MULTI/EXEC, 4.0
// emits MULTI before the first non-read-only command and EXEC at the end).

import { feedCommand } from '../replication/master';
import { error, NIL_ARRAY, OK, type Reply } from '../resp';
import { watchedKeyExpired } from '../watch';
import { findCommand } from './index';
import type { Command } from './types';

export const multiCommand: Command = {
  name: 'multi',
  arity: 1,
  flags: ['noscript', 'loading', 'stale', 'fast', 'allow-busy'],
  flags40: ['noscript', 'fast'],
  acl: ['transaction'],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    if (ctx.client.multi) return error('ERR MULTI calls can not be nested');
    ctx.client.multi = { queue: [], dirtyExec: false };
    return OK;
  },
};

export const discardCommand: Command = {
  name: 'discard',
  arity: 1,
  flags: ['noscript', 'loading', 'stale', 'fast', 'allow-busy'],
  flags40: ['noscript', 'fast'],
  acl: ['transaction'],
  docs: { complexity: 'O(N), when N is the number of queued commands' },
  run(ctx) {
    if (!ctx.client.multi) return error('ERR DISCARD without MULTI');
    ctx.client.multi = null;
    ctx.srv.unwatch(ctx.client);
    return OK;
  },
};

export const execCommand: Command = {
  name: 'exec',
  arity: 1,
  flags: ['noscript', 'loading', 'stale', 'skip-slowlog'],
  flags40: ['noscript', 'skip-monitor'],
  acl: ['transaction'],
  docs: { complexity: 'Depends on commands in the transaction' },
  run(ctx) {
    const c = ctx.client;
    const m = c.multi;
    if (!m) return error('ERR EXEC without MULTI');
    const srv = ctx.srv;
    // 7.0: a watched key that has expired since WATCH counts as touched.
    if (ctx.version === '7.0' && watchedKeyExpired(c, ctx.now)) c.dirtyCas = true;
    c.multi = null;
    // A queueing error wins over a touched key; either way nothing runs.
    if (m.dirtyExec || c.dirtyCas) {
      srv.unwatch(c);
      return m.dirtyExec ? error('EXECABORT Transaction discarded because of previous errors.') : NIL_ARRAY;
    }
    srv.unwatch(c);
    const replies: Reply[] = [];
    let multiEmitted = false;
    // EXEC's array header goes out first and each command's reply after it as it runs, as Redis
    // writes them: a SUBSCRIBE's pushed confirmations are then inside EXEC's reply. (The master
    // link gets no replies: its EXEC's reply is built but never sent.)
    const stream = !ctx.client.isMaster;
    if (stream) srv.write(ctx.client.conn, `*${m.queue.length}\r\n`);
    // 7.0 runs the queue with CLIENT_DENY_BLOCKING set: MONITOR refuses to start inside it.
    ctx.client.inExec = true;
    try {
      for (const argv of m.queue) {
        const cmd = findCommand(argv[0].toLowerCase(), srv.opts.version)!;
        if (!srv.d.is7 && !multiEmitted && !ctx.client.isMaster && !srv.isReplica) {
          const flags = cmd.flags40 ?? cmd.flags;
          if (!flags.includes('readonly') && !flags.includes('admin')) {
            feedCommand(srv, ctx.client.db, ['MULTI']);
            multiEmitted = true;
          }
        }
        const r = srv.call(ctx.client, cmd, argv);
        // A pub/sub command's reply is what it pushed; any other null answers as an empty multi-bulk.
        const shown = r ?? (cmd.flags.includes('pubsub') ? null : NIL_ARRAY);
        if (shown === null) continue;
        if (stream) srv.reply(ctx.client, shown);
        else replies.push(shown);
      }
    } finally {
      ctx.client.inExec = false;
    }
    // 4.0 propagates EXEC itself (it bumps dirty so call() feeds it).
    if (multiEmitted) ctx.dirty();
    else if (!srv.d.is7) ctx.noPropagate();
    if (srv.d.is7) ctx.noPropagate();
    return stream ? null : { t: 'array', items: replies };
  },
};

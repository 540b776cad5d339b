// SAVE / BGSAVE [SCHEDULE]

import { bgsave, saveSync } from '../persistence';
import { error, OK, status } from '../resp';
import type { Command } from './types';

export const saveCommand: Command = {
  name: 'save',
  arity: 1,
  flags: ['admin', 'noscript', 'no-multi', 'no-async-loading'],
  flags40: ['admin', 'noscript', 'no-multi'],
  docs: { complexity: 'O(N) where N is the total number of keys in all databases' },
  run(ctx) {
    if (ctx.srv.child && ctx.srv.child.kind !== 'aof') return error('ERR Background save already in progress');
    ctx.srv.stats.rdbSaves++;
    saveSync(ctx.srv);
    return OK;
  },
};

export const bgsaveCommand: Command = {
  name: 'bgsave',
  arity: -1,
  flags: ['admin', 'noscript', 'no-async-loading'],
  flags40: ['admin'],
  args: [{ name: 'schedule', type: 'pure-token', token: 'SCHEDULE', since: '3.2.2', optional: true }],
  docs: { complexity: 'O(1)', history: [['3.2.2', 'Added the `SCHEDULE` option.']] },
  run(ctx) {
    const schedule = ctx.argv.length > 1 && ctx.argv[1].toLowerCase() === 'schedule';
    if (ctx.argv.length > 1 && !schedule) return error('ERR syntax error');
    const child = ctx.srv.child;
    if (child) {
      if (child.kind !== 'aof' || !ctx.srv.d.is7) return error('ERR Background save already in progress');
      // 7.0: another kind of child (an AOF rewrite) lets BGSAVE wait for it only when asked to.
      if (schedule) {
        ctx.srv.bgsaveScheduled = true;
        return status('Background saving scheduled');
      }
      return error(
        "ERR Another child process is active (AOF?): can't BGSAVE right now. Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.",
      );
    }
    bgsave(ctx.srv);
    return status('Background saving started');
  },
};

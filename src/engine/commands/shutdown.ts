// SHUTDOWN [NOSAVE | SAVE] [NOW] [FORCE] [ABORT]
// 7.0 with lagging replicas would wait up to shutdown-timeout for them; the playground's replicas
// on loopback are caught up within the same instant, so it logs the in-sync count and exits.

import { saveSync } from '../persistence';
import { error } from '../resp';
import type { Command } from './types';

export const shutdownCommand: Command = {
  name: 'shutdown',
  arity: -1,
  flags: ['admin', 'noscript', 'loading', 'stale', 'no-multi'],
  run(ctx) {
    const srv = ctx.srv;
    let nosave = false;
    let save = false;
    for (const a of ctx.argv.slice(1)) {
      const o = a.toLowerCase();
      if (o === 'nosave') nosave = true;
      else if (o === 'save') save = true;
      else if (srv.d.is7 && (o === 'now' || o === 'force' || o === 'abort')) continue;
      else return error('ERR syntax error');
    }
    if (nosave && save) return error('ERR syntax error');
    srv.log('warning', 'User requested shutdown...');
    if (srv.d.is7 && srv.slaves.length > 0) {
      const inSync = srv.slaves.filter((s) => s.replica!.ackOffset === srv.repl.offset).length;
      srv.log('notice', `${inSync} of ${srv.slaves.length} replicas are in sync when shutting down.`);
    }
    if (!nosave && (save || srv.config.savePoints().length > 0)) {
      srv.log('notice', 'Saving the final RDB snapshot before exiting.');
      saveSync(srv);
    }
    srv.log('warning', 'Redis is now ready to exit, bye bye...');
    srv.exit(0);
    return null;
  },
};

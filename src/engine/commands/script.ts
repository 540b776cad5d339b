// SCRIPT LOAD script | SCRIPT EXISTS sha1 [sha1 ...] | SCRIPT FLUSH [ASYNC|SYNC] | SCRIPT KILL |
// SCRIPT DEBUG YES|SYNC|NO | SCRIPT HELP
//
// The script cache (scripting/run.ts). Scripts run to completion inside one command here, so
// SCRIPT KILL never finds one running (NOTBUSY); the debugger (SCRIPT DEBUG) is not modelled.
// 7.0 propagates none of these; 4.0 propagates SCRIPT LOAD (forced) and SCRIPT FLUSH (it counts
// as a change), and its FLUSH also empties the replication script cache.

import { array, bulk, error, int, OK, type Reply } from '../resp';
import { flushScripts, loadScript, scripting } from '../scripting/run';
import { scriptSubcommands } from './script-subcommands';
import type { Command } from './types';
import { eqi } from './util/args';
import { helpReply } from './util/help';

export const scriptCommand: Command = {
  name: 'script',
  arity: -2,
  flags: [],
  flags40: ['noscript'],
  subcommands: scriptSubcommands,
  docs: { complexity: 'Depends on subcommand.' },
  run(ctx): Reply {
    const argv = ctx.argv;
    const srv = ctx.srv;
    const is7 = srv.d.is7;
    const sub = argv[1].toLowerCase();
    if (is7 && sub === 'help') return helpReply(argv[0], ctx.version)!;
    if (sub === 'flush' && (argv.length === 2 || (is7 && argv.length === 3))) {
      if (argv.length === 3 && !eqi(argv[2], 'sync') && !eqi(argv[2], 'async')) {
        return error('ERR SCRIPT FLUSH only support SYNC|ASYNC option');
      }
      flushScripts(srv);
      if (!is7) ctx.dirty();
      return OK;
    }
    if (sub === 'exists' && argv.length >= 3) {
      const bodies = scripting(srv).bodies;
      return array(argv.slice(2).map((sha) => int(bodies.has(sha.toLowerCase()) ? 1 : 0)));
    }
    if (sub === 'load' && argv.length === 3) {
      const loaded = loadScript(srv, argv[2]);
      if ('err' in loaded) return loaded.err;
      // 4.0 forces its propagation (replicas then know the script); no change is counted.
      if (!is7) ctx.also(argv);
      return bulk(loaded.sha);
    }
    if (sub === 'kill' && argv.length === 2) return error('NOTBUSY No scripts in execution right now.');
    if (sub === 'debug' && argv.length === 3) {
      if (eqi(argv[2], 'no')) return OK;
      if (eqi(argv[2], 'yes') || eqi(argv[2], 'sync')) {
        return error('ERR SCRIPT DEBUG is not supported by this playground');
      }
      return error(is7 ? 'ERR Use SCRIPT DEBUG YES/SYNC/NO' : 'ERR Use SCRIPT DEBUG yes/sync/no');
    }
    if (is7) {
      return error(`ERR unknown subcommand or wrong number of arguments for '${argv[1]}'. Try SCRIPT HELP.`);
    }
    return error('ERR Unknown SCRIPT subcommand or wrong # of args.');
  },
};

// CLIENT ID | CLIENT LIST | CLIENT SETNAME name | CLIENT GETNAME | CLIENT INFO | CLIENT HELP
// 7.0 is a container command (the server checks the subcommand and its arity); 4.0 knows LIST,
// GETNAME, SETNAME (and KILL, PAUSE, REPLY, not simulated) and answers anything else with its
// one syntax error.

import { clientInfoString } from '../clientinfo';
import { bulk, ERR, error, int, OK } from '../resp';
import type { Command } from './types';
import { helpReply } from './util/help';

const SYNTAX_40 = 'ERR Syntax error, try CLIENT (LIST | KILL | GETNAME | SETNAME | PAUSE | REPLY)';

export const clientCommand: Command = {
  name: 'client',
  arity: -2,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  subcommands: {
    caching: { arity: 3 },
    getname: { arity: 2 },
    getredir: { arity: 2 },
    help: { arity: 2 },
    id: { arity: 2 },
    info: { arity: 2 },
    kill: { arity: -3 },
    list: { arity: -2 },
    'no-evict': { arity: 3 },
    pause: { arity: -3 },
    reply: { arity: 3 },
    setname: { arity: 3 },
    tracking: { arity: -3 },
    trackinginfo: { arity: 2 },
    unblock: { arity: -3 },
    unpause: { arity: 2 },
  },
  run(ctx) {
    const srv = ctx.srv;
    const sub = ctx.argv[1].toLowerCase();
    const n = ctx.argv.length;
    if (!srv.d.is7 && !((sub === 'list' || sub === 'getname') && n === 2) && !(sub === 'setname' && n === 3)) {
      return sub === 'kill' && n === 2 ? ERR.syntax : error(SYNTAX_40);
    }
    if (sub === 'help' && n === 2) return helpReply(ctx.argv[0], '7.0')!;
    if (sub === 'id' && n === 2) return int(ctx.client.id);
    if (sub === 'getname' && n === 2) return bulk(ctx.client.name || null);
    if (sub === 'setname' && n === 3) {
      const name = ctx.argv[2];
      for (let i = 0; i < name.length; i++) {
        const ch = name.charCodeAt(i);
        if (ch < 33 || ch > 126)
          return error('ERR Client names cannot contain spaces, newlines or special characters.');
      }
      ctx.client.name = name;
      return OK;
    }
    if (sub === 'info' && n === 2) return bulk(`${clientInfoString(srv, ctx.client, ['client'])}\n`);
    if (sub === 'list' && n === 2) {
      let out = '';
      for (const c of srv.clients.values()) {
        out += `${clientInfoString(srv, c, c === ctx.client ? ctx.argv : undefined)}\n`;
      }
      return bulk(out);
    }
    if (['id', 'getname', 'setname', 'info', 'list'].includes(sub)) {
      return error(`ERR wrong number of arguments for 'client|${sub}' command`);
    }
    return error(`ERR unknown subcommand '${ctx.argv[1]}'. Try CLIENT HELP.`);
  },
};

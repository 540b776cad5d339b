// CLIENT ID | CLIENT LIST | CLIENT SETNAME name | CLIENT GETNAME | CLIENT INFO

import { clientInfoString } from '../clientinfo';
import { bulk, error, int, OK } from '../resp';
import type { Command } from './types';

export const clientCommand: Command = {
  name: 'client',
  arity: -2,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  run(ctx) {
    const srv = ctx.srv;
    const sub = ctx.argv[1].toLowerCase();
    const n = ctx.argv.length;
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

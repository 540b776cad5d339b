// CONFIG GET parameter [parameter ...] | CONFIG SET parameter value [parameter value ...] |
// CONFIG RESETSTAT | CONFIG REWRITE

import { createBacklog } from '../replication/master';
import { bulk, error, OK, type Reply } from '../resp';
import type { Command, Ctx } from './types';

function configSet(ctx: Ctx): Reply {
  const srv = ctx.srv;
  const args = ctx.argv.slice(2);
  if (args.length === 0 || args.length % 2 !== 0)
    return error("ERR wrong number of arguments for 'config|set' command");
  for (let i = 0; i < args.length; i += 2) {
    if (!srv.config.has(args[i]))
      return error(`ERR Unknown option or number of arguments for CONFIG SET - '${args[i]}'`);
  }
  for (let i = 0; i < args.length; i += 2) {
    const err = srv.config.set(args[i], args[i + 1]);
    if (err) return error(`ERR CONFIG SET failed (possibly related to argument '${args[i]}') - ${err}`);
    if (srv.config.canonical(args[i]) === 'repl-backlog-size' && srv.repl.backlog) {
      srv.repl.backlog.resize(srv.config.int('repl-backlog-size'));
    }
  }
  return OK;
}

export const configCommand: Command = {
  name: 'config',
  arity: -2,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  run(ctx) {
    const srv = ctx.srv;
    const sub = ctx.argv[1].toLowerCase();
    if (sub === 'get') {
      if (ctx.argv.length < 3) return error("ERR wrong number of arguments for 'config|get' command");
      const out: Reply[] = [];
      const seen = new Set<string>();
      for (const pat of ctx.argv.slice(2)) {
        for (const [k, v] of srv.config.match(pat)) {
          if (seen.has(k)) continue;
          seen.add(k);
          out.push(bulk(k), bulk(v));
        }
      }
      return { t: 'array', items: out };
    }
    if (sub === 'set') return configSet(ctx);
    if (sub === 'resetstat' && ctx.argv.length === 2) {
      for (const k of Object.keys(srv.stats) as (keyof typeof srv.stats)[]) srv.stats[k] = 0;
      return OK;
    }
    if (sub === 'rewrite' && ctx.argv.length === 2) {
      const cfg = { ...(srv.opts.config ?? {}), ...srv.config.changed() };
      if (srv.rs.masterhost !== null) cfg.replicaof = `${srv.rs.masterhost} ${srv.rs.masterport}`;
      else delete cfg.replicaof;
      delete cfg.slaveof;
      srv.opts.emit?.({ type: 'config-rewrite', config: cfg });
      return OK;
    }
    if (['get', 'set', 'resetstat', 'rewrite'].includes(sub)) {
      return error(`ERR wrong number of arguments for 'config|${sub}' command`);
    }
    return error(`ERR unknown subcommand '${ctx.argv[1]}'. Try CONFIG HELP.`);
  },
};
export { createBacklog };

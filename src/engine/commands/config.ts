// CONFIG GET parameter [parameter ...] | CONFIG SET parameter value [parameter value ...] |
// CONFIG RESETSTAT | CONFIG REWRITE | CONFIG HELP
//
// 7.0 is a container command: the server has already refused an unknown subcommand or a wrong
// argument count (config|get -3, config|set -4, others 2). 4.0 checks here, with its own texts.
//
// CONFIG SET port (7.0): real Redis re-binds its listening socket. A playground node *is* its
// address (HOST:PORT names it in consoles, scripts and the topology), so the port cannot move:
// a valid new port is refused like a failed apply, with that reason; an invalid one gets Redis's
// own parse errors, and setting the current port is a no-op OK.

import { createBacklog } from '../replication/master';
import { bulk, ERR, error, map, OK, type Reply } from '../resp';
import { resetStats } from '../stats';
import { configSubcommands } from './config-subcommands';
import type { Command, Ctx } from './types';
import { helpReply } from './util/help';
import { policyChanged } from './util/lru';

const PORT_REFUSED =
  'the playground names each node by its address, so a running node cannot move to another port (real Redis would re-bind)';

function configSet(ctx: Ctx): Reply {
  const srv = ctx.srv;
  const args = ctx.argv.slice(2);
  if (!srv.d.is7 && args.length !== 2) return error(`ERR Wrong number of arguments for CONFIG ${ctx.argv[1]}`);
  if (srv.d.is7 && args.length % 2 !== 0) return ERR.syntax;
  const r = srv.config.configSet(
    args,
    (changed) => {
      if (changed.includes('port')) {
        srv.log(
          'warning',
          'Failed applying new configuration. Possibly related to new port setting. Restoring previous settings.',
        );
        return { name: 'port', err: PORT_REFUSED };
      }
      return null;
    },
    srv.d.is7 && srv.protectedActionAllowed(ctx.client, srv.config.get('enable-protected-configs')),
  );
  if ('error' in r) return error(`ERR ${r.error}`);
  if (r.includes('proto-max-bulk-len')) srv.decoderLimits.maxBulk = srv.config.int('proto-max-bulk-len');
  if (r.includes('repl-backlog-size') && srv.repl.backlog) {
    srv.repl.backlog.resize(srv.config.int('repl-backlog-size'));
  }
  if (r.includes('maxmemory-policy')) policyChanged(srv);
  // 7.0: requirepass is the default user's password (ACLUpdateDefaultUserPassword).
  if (r.includes('requirepass') && srv.d.is7) srv.acl.setRequirepass(srv.config.get('requirepass'));
  return OK;
}

/**
 * CONFIG GET: 7.0 takes several patterns and answers each parameter once; a name typed without
 * glob characters comes back as typed. 4.0 takes exactly one pattern and prints its own names.
 */
function configGet(ctx: Ctx): Reply {
  const srv = ctx.srv;
  const pats = ctx.argv.slice(2);
  if (!srv.d.is7 && pats.length !== 1) return error(`ERR Wrong number of arguments for CONFIG ${ctx.argv[1]}`);
  const out: Reply[] = [];
  const seen = new Set<string>();
  for (const pat of pats) {
    const exact = srv.d.is7 && !/[[*?]/.test(pat);
    if (exact) {
      if (seen.has(pat.toLowerCase()) || !srv.config.has(pat)) continue;
      const canonical = srv.config.canonical(pat)!;
      seen.add(pat.toLowerCase());
      out.push(bulk(pat), bulk(srv.config.get(canonical)));
      continue;
    }
    for (const [k, v] of srv.config.match(pat)) {
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(bulk(k), bulk(v));
    }
  }
  // 7.0 answers a map (RESP3 `%`); 4.0 a flat array.
  return srv.d.is7 ? map(out) : { t: 'array', items: out };
}

export const configCommand: Command = {
  name: 'config',
  arity: -2,
  flags: [],
  flags40: ['admin', 'loading', 'stale'],
  subcommands: configSubcommands,
  docs: { complexity: 'Depends on subcommand.' },
  run(ctx) {
    const srv = ctx.srv;
    const sub = ctx.argv[1].toLowerCase();
    const n = ctx.argv.length;
    const arityError = () =>
      srv.d.is7
        ? error(`ERR wrong number of arguments for 'config|${sub}' command`)
        : error(`ERR Wrong number of arguments for CONFIG ${ctx.argv[1]}`);
    if (sub === 'get') return n < 3 ? arityError() : configGet(ctx);
    if (sub === 'set') return n < 4 ? arityError() : configSet(ctx);
    if (sub === 'resetstat') {
      if (n !== 2) return arityError();
      resetStats(srv);
      return OK;
    }
    if (sub === 'rewrite') {
      if (n !== 2) return arityError();
      const cfg = { ...(srv.opts.config ?? {}), ...srv.config.changed() };
      if (srv.rs.masterhost !== null) cfg.replicaof = `${srv.rs.masterhost} ${srv.rs.masterport}`;
      else delete cfg.replicaof;
      delete cfg.slaveof;
      srv.opts.emit?.({ type: 'config-rewrite', config: cfg });
      srv.log('warning', 'CONFIG REWRITE executed with success.');
      return OK;
    }
    if (!srv.d.is7) return error('ERR CONFIG subcommand must be one of GET, SET, RESETSTAT, REWRITE');
    if (sub === 'help' && n === 2) return helpReply(ctx.argv[0], '7.0')!;
    return error(`ERR unknown subcommand '${ctx.argv[1]}'. Try CONFIG HELP.`);
  },
};
export { createBacklog };

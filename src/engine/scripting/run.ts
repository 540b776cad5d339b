/**
 * Running a script on a server: the per-server scripting state (the Lua VM, created on the first
 * script, the script cache, 4.0's replication script cache, the client scripts run commands as),
 * and the hooks through which redis.call reaches the server with the checks Redis makes first
 * (unknown command, arity, commands scripts may not call, writes a read-only script or a
 * read-only replica refuses).
 *
 * Replication: 7.0 propagates a script's effects: each write the script makes goes through the
 * server's call() at depth > 0, so the outermost call wraps two or more in MULTI/EXEC and sends a
 * single one bare; the EVAL itself is never propagated. 4.0 propagates the script itself (the
 * EVAL, EVALSHA turned into EVAL when replicas may not know the script) unless the script called
 * redis.replicate_commands(), in which case its writes are sent between MULTI and EXEC.
 */
import { Client } from '../client';
import type { Ctx } from '../commands/types';
import { sha1, toHex } from '../commands/util/sha1';
import { arityOk, effectiveInfo, resolveCommand, subcommandInfo } from '../dispatch';
import { feedCommand } from '../replication/master';
import { error, NIL, type Reply } from '../resp';
import type { Server } from '../server';
import { LuaVm, type RunHooks } from './vm';

/** A server's scripting state. */
export interface Scripting {
  vm: LuaVm | null;
  /** sha → body, in load order (SCRIPT LOAD, EVAL). */
  readonly bodies: Map<string, string>;
  /** 4.0: scripts replicas are known to have (EVALSHA may then be propagated as is). */
  readonly replCache: Set<string>;
  /** The client scripts run their commands as (Redis's lua_client). */
  readonly client: Client;
  /** A script is running (a script calling EVAL is refused before this matters). */
  running: boolean;
}

const STATE = new WeakMap<Server, Scripting>();

export function scripting(srv: Server): Scripting {
  let s = STATE.get(srv);
  if (s === undefined) {
    const client = new Client(0, -1, '', '', -1, 0);
    client.name = 'lua';
    s = { vm: null, bodies: new Map(), replCache: new Set(), client, running: false };
    STATE.set(srv, s);
  }
  return s;
}

/** The lowercase hex SHA1 of a script body (what EVALSHA and SCRIPT EXISTS name it by). */
export function scriptSha(body: string): string {
  return toHex(sha1(body));
}

/**
 * Compile and cache a script: its sha, or the error reply
 * (`ERR Error compiling script (new function): user_script:1: ...`).
 */
export function loadScript(srv: Server, body: string): { sha: string } | { err: Reply } {
  const s = scripting(srv);
  const sha = scriptSha(body);
  s.vm ??= new LuaVm(srv.d.is7);
  const msg = s.vm.compile(sha, body);
  if (msg !== null) {
    // Both dialects name the compiled function this way in the message.
    return { err: error(`ERR Error compiling script (new function): ${msg}`.replace(/[\r\n]/g, ' ')) };
  }
  s.bodies.set(sha, body);
  return { sha };
}

/** SCRIPT FLUSH: forget every script (4.0 also empties its replication script cache). */
export function flushScripts(srv: Server): void {
  const s = scripting(srv);
  s.vm?.flush();
  s.bodies.clear();
  s.replCache.clear();
}

/** What a run of a script may do. */
export interface RunOptions {
  /** EVAL_RO / EVALSHA_RO: writes are refused. */
  readonly readOnly: boolean;
}

/** Run a cached script for the client of `ctx`; returns the script's reply. */
export function runScript(ctx: Ctx, sha: string, keys: string[], args: string[], opts: RunOptions): Reply {
  const srv = ctx.srv;
  const s = scripting(srv);
  const is7 = srv.d.is7;
  const caller = ctx.client;
  const fake = s.client;
  fake.db = caller.db;
  // Every run starts in RESP2, whatever the caller speaks (redis.setresp(3) switches).
  fake.resp = 2;
  fake.multi = null;
  // What the master sends is applied, never refused, and not propagated again by us.
  const fromMaster = caller.isMaster;
  let replicateCommands = is7;
  let multiEmitted = false;
  let wrote = false;
  let randomCalled = false;
  let replFlags = 3;
  fake.noPropagation = fromMaster || !is7;
  const hooks: RunHooks = {
    call(argv) {
      const pre = (m: string) => ({ reply: error(m), pre: true });
      const r = resolveCommand(argv[0], srv.opts.version);
      if (
        r === null ||
        (is7 && r.cmd.subcommands !== undefined && argv.length >= 2 && subcommandInfo(r.cmd, argv[1]) === null)
      ) {
        return pre(
          is7 ? 'ERR Unknown Redis command called from script' : 'Unknown Redis command called from Lua script',
        );
      }
      const info = effectiveInfo(r.cmd, argv, is7);
      if (!arityOk(info.arity, argv.length)) {
        return pre(
          is7
            ? 'ERR Wrong number of args calling Redis command from script'
            : 'Wrong number of args calling Redis command From Lua script',
        );
      }
      const flags = (is7 ? r.cmd.flags : (r.cmd.flags40 ?? r.cmd.flags)) as readonly string[];
      const sub =
        is7 && r.cmd.subcommands !== undefined && argv.length >= 2
          ? r.cmd.subcommands[argv[1].toLowerCase()]
          : undefined;
      const effFlags = (sub?.flags ?? flags) as readonly string[];
      if (effFlags.includes('noscript')) {
        return pre(
          is7 ? 'ERR This Redis command is not allowed from script' : 'This Redis command is not allowed from scripts',
        );
      }
      if (info.write) {
        if (is7 && opts.readOnly) return pre('ERR Write commands are not allowed from read-only scripts.');
        if (!is7 && !replicateCommands && randomCalled) {
          return pre(
            'Write commands not allowed after non deterministic commands. Call redis.replicate_commands() at the start of your script in order to switch to single commands replication mode.',
          );
        }
        if (!fromMaster && srv.isReplica && srv.config.bool('replica-read-only')) {
          return pre(
            is7
              ? "READONLY You can't write against a read only replica."
              : "-READONLY You can't write against a read only slave.",
          );
        }
        if (!fromMaster && !srv.repl.goodReplicasOk()) {
          return pre(
            is7 ? 'NOREPLICAS Not enough good replicas to write.' : '-NOREPLICAS Not enough good slaves to write.',
          );
        }
        // 4.0 effects replication: MULTI before the first write (execCommandPropagateMulti).
        if (!is7 && replicateCommands && !multiEmitted && !fromMaster && replFlags & 2) {
          feedCommand(srv, fake.db, ['MULTI']);
          multiEmitted = true;
        }
        wrote = true;
      }
      if (!is7 && flags.includes('random')) randomCalled = true;
      let reply = srv.call(fake, r.cmd, argv) ?? NIL;
      // 4.0 sorts the output of commands whose order is arbitrary, for whole-script replication.
      if (!is7 && flags.includes('sort-for-script') && reply.t === 'array' && reply.items !== null) {
        const items = [...reply.items].sort((a, b) => {
          const x = a.t === 'bulk' ? (a.s ?? '') : '';
          const y = b.t === 'bulk' ? (b.s ?? '') : '';
          return x < y ? -1 : x > y ? 1 : 0;
        });
        reply = { t: 'array', items };
      }
      return { reply, pre: false };
    },
    log(level, msg) {
      srv.log((['debug', 'verbose', 'notice', 'warning'] as const)[level], msg);
    },
    replicateCommands() {
      if (is7) return true;
      // 4.0: too late once the script wrote (it is replicated whole then).
      if (wrote) return false;
      replicateCommands = true;
      fake.noPropagation = fromMaster;
      return true;
    },
    randomSeed() {
      return Math.floor(srv.random() * 2147483647);
    },
    setResp(resp) {
      fake.resp = resp;
    },
    setRepl(flags) {
      replFlags = flags;
      // Only the replicas' part of the flags matters here (there is no AOF).
      fake.noPropagation = fromMaster || !replicateCommands || (flags & 2) === 0;
    },
  };
  s.running = true;
  let reply: Reply;
  try {
    reply = s.vm!.run(sha, keys, args, hooks);
  } finally {
    s.running = false;
    fake.noPropagation = false;
  }
  if (!is7) {
    if (replicateCommands) {
      ctx.noPropagate();
      if (multiEmitted) feedCommand(srv, fake.db, ['EXEC']);
    }
  } else {
    ctx.noPropagate();
  }
  return reply;
}

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
import { ALLOW_STALE, EVAL_COMPAT, NO_WRITES, shebangFlags } from './flags';
import { functionsOf } from './functions';
import { LuaVm, type RunHooks } from './vm';

/** A server's scripting state. */
export interface Scripting {
  vm: LuaVm | null;
  /** sha → body, in load order (SCRIPT LOAD, EVAL). */
  readonly bodies: Map<string, string>;
  /** sha → script flags (7.0 shebang; EVAL_COMPAT without one). */
  readonly flags: Map<string, number>;
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
    client.script = true;
    s = { vm: null, bodies: new Map(), flags: new Map(), replCache: new Set(), client, running: false };
    STATE.set(srv, s);
  }
  return s;
}

/** How many scripts the cache holds (INFO's number_of_cached_scripts). */
export function cachedScripts(srv: Server): number {
  return STATE.get(srv)?.bodies.size ?? 0;
}

/** The lowercase hex SHA1 of a script body (what EVALSHA and SCRIPT EXISTS name it by). */
export function scriptSha(body: string): string {
  return toHex(sha1(body));
}

/** The server's Lua VM (EVAL scripts and function libraries share it), created on first use. */
export function scriptVm(srv: Server): LuaVm {
  const s = scripting(srv);
  s.vm ??= new LuaVm(srv.d.is7);
  return s.vm;
}

/**
 * Compile and cache a script: its sha and flags (7.0's shebang), or the error reply
 * (`ERR Error compiling script (new function): user_script:1: ...`).
 */
export function loadScript(srv: Server, body: string): { sha: string; flags: number } | { err: Reply } {
  const s = scripting(srv);
  const sha = scriptSha(body);
  const known = s.flags.get(sha);
  if (known !== undefined) return { sha, flags: known };
  // 4.0 has no shebang: a "#!" line is Lua (and does not compile).
  const sb = srv.d.is7 ? shebangFlags(body) : { flags: EVAL_COMPAT, skip: 0 };
  if ('err' in sb) return { err: error(`ERR ${sb.err}`) };
  const msg = scriptVm(srv).compile(sha, body, sb.skip);
  if (msg !== null) {
    // Both dialects name the compiled function this way in the message.
    return { err: error(`ERR Error compiling script (new function): ${msg}`.replace(/[\r\n]/g, ' ')) };
  }
  s.bodies.set(sha, body);
  s.flags.set(sha, sb.flags);
  return { sha, flags: sb.flags };
}

/**
 * evalGetCommandFlags / fcallGetCommandFlags: the script flags a command's checks go by (a
 * cached script's, or those of an EVAL body's shebang), or null when the command's own flags
 * apply (compatibility mode, an unknown script or function).
 */
export function scriptFlagsOf(srv: Server, argv: readonly string[], fcall: boolean): number | null {
  if (!srv.d.is7 || argv.length < 2) return null;
  let flags: number | undefined;
  if (fcall) flags = functionsOf(srv).byName.get(argv[1].toLowerCase())?.flags;
  else {
    const bySha = argv[0].toLowerCase().startsWith('evalsha');
    // A body without a shebang is in compatibility mode whether cached or not: no SHA1 needed.
    if (!bySha && !argv[1].startsWith('#!')) return null;
    flags = scripting(srv).flags.get(bySha ? argv[1].toLowerCase() : scriptSha(argv[1]));
    if (flags === undefined && !bySha) {
      const sb = shebangFlags(argv[1]);
      if (!('err' in sb)) flags = sb.flags;
    }
  }
  return flags === undefined || flags & EVAL_COMPAT ? null : flags;
}

/**
 * scriptPrepareForRun's checks: the error reply refusing to run a script with these flags, or
 * null. `readOnly` is the _RO form. The command-level checks (READONLY replica, MASTERDOWN) have
 * already looked at the flags through scriptFlagsOf; these catch what they let through.
 */
export function refuseRun(ctx: Ctx, flags: number, readOnly: boolean): Reply | null {
  const srv = ctx.srv;
  const obey = ctx.client.isMaster;
  const stale = srv.isReplica && srv.rs.state !== 'connected' && !srv.config.bool('replica-serve-stale-data');
  if (flags & EVAL_COMPAT) {
    return stale ? error("MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.") : null;
  }
  if (stale && !(flags & ALLOW_STALE)) {
    return error(
      "MASTERDOWN Link with MASTER is down, replica-serve-stale-data is set to 'no' and 'allow-stale' flag is not set on the script.",
    );
  }
  if (!(flags & NO_WRITES)) {
    if (srv.isReplica && srv.config.bool('replica-read-only') && !obey) {
      return error('READONLY Can not run script with write flag on readonly replica');
    }
    if (readOnly) return error('ERR Can not execute a script with write flag using *_ro command.');
    if (!srv.isReplica && !srv.repl.goodReplicasOk()) return error('NOREPLICAS Not enough good replicas to write.');
  }
  return null;
}

/** SCRIPT FLUSH: forget every script (4.0 also empties its replication script cache). */
export function flushScripts(srv: Server): void {
  const s = scripting(srv);
  s.vm?.flush();
  s.bodies.clear();
  s.flags.clear();
  s.replCache.clear();
}

/**
 * 4.0 replicationScriptCacheFlush: forget which scripts the replicas know, so the next EVALSHA
 * of each is propagated as EVAL again. 4.0 does it when a full sync starts (a replica loading an
 * RDB knows no script) and, with no AOF, once no replica is left.
 */
export function forgetReplicatedScripts(srv: Server): void {
  STATE.get(srv)?.replCache.clear();
}

/** What a run of a script may do. */
export interface RunOptions {
  /** EVAL_RO / EVALSHA_RO: writes are refused. */
  readonly readOnly: boolean;
}

/**
 * Run a script for the client of `ctx` — `invoke` calls it in the VM (a cached EVAL script, a
 * function) with the hooks of this run; returns the script's reply.
 */
export function runScript(ctx: Ctx, invoke: (vm: LuaVm, hooks: RunHooks) => Reply, opts: RunOptions): Reply {
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
    reply = invoke(s.vm!, hooks);
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

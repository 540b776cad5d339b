/**
 * What the dispatcher knows about a command name before running it: the command table entry, its
 * arity and flags in a dialect (worked out once per entry instead of `flags.includes` per check),
 * 7.0's subcommands, CLIENT LIST's full names, and the unknown-command error texts.
 *
 * `resolveCommand` maps a name *as typed* straight to all of that, so the common case — the same
 * few commands sent over and over, in whatever case the client spells them — costs one Map lookup
 * instead of a lowercase copy, a table lookup and a cache lookup per command.
 */
import { findCommand } from './commands';
import type { Command } from './commands/types';
import { ALLOW_STALE, NO_WRITES } from './scripting/flags';
import type { Server } from './server';
import type { RedisVersion } from './version';

/** What processCommand checks about a command in one dialect, worked out once per command. */
export interface CmdInfo {
  arity: number;
  write: boolean;
  stale: boolean;
  noMulti: boolean;
  /** A container command: CLIENT LIST's cmd= shows `name|sub`. */
  hasSubcommands: boolean;
  /** CMD_PROTECTED (DEBUG): refused unless enable-debug-command allows the client. */
  protected: boolean;
  /** CMD_MAY_REPLICATE: postponed, like writes, while writes are paused. */
  mayReplicate: boolean;
  /** CMD_NO_AUTH: runs before the client authenticated (AUTH, HELLO, QUIT). */
  noAuth: boolean;
  /** A 7.0 subcommand's full name (`config|set`), for the arity error. */
  fullName?: string;
}

const CMD_INFO: [WeakMap<Command, CmdInfo>, WeakMap<Command, CmdInfo>] = [new WeakMap(), new WeakMap()];

/** The dialect's arity and flags of a command table entry (entries are fixed, so cached). */
export function cmdInfo(cmd: Command, is7: boolean): CmdInfo {
  const cache = CMD_INFO[is7 ? 1 : 0];
  let info = cache.get(cmd);
  if (info === undefined) {
    const flags = (is7 ? cmd.flags : (cmd.flags40 ?? cmd.flags)) as readonly string[];
    info = {
      arity: is7 ? cmd.arity : (cmd.arity40 ?? cmd.arity),
      write: flags.includes('write'),
      stale: flags.includes('stale'),
      noMulti: flags.includes('no-multi'),
      hasSubcommands: cmd.subcommands !== undefined,
      protected: flags.includes('protected'),
      mayReplicate: flags.includes('may-replicate'),
      noAuth: flags.includes('no-auth'),
    };
    cache.set(cmd, info);
  }
  return info;
}

const SUB_INFO = new WeakMap<Command, Map<string, CmdInfo>>();

/** A 7.0 subcommand's arity and flags, or null if unknown. */
export function subcommandInfo(cmd: Command, typed: string): CmdInfo | null {
  const sub = typed.toLowerCase();
  const spec = cmd.subcommands?.[sub];
  if (spec === undefined || !Object.hasOwn(cmd.subcommands!, sub)) return null;
  let m = SUB_INFO.get(cmd);
  if (m === undefined) {
    m = new Map();
    SUB_INFO.set(cmd, m);
  }
  let info = m.get(sub);
  if (info === undefined) {
    const flags = spec.flags as readonly string[];
    info = {
      arity: spec.arity,
      write: flags.includes('write'),
      stale: flags.includes('stale'),
      noMulti: flags.includes('no-multi'),
      hasSubcommands: true,
      protected: flags.includes('protected'),
      mayReplicate: flags.includes('may-replicate'),
      noAuth: flags.includes('no-auth'),
      fullName: `${cmd.name}|${sub}`,
    };
    m.set(sub, info);
  }
  return info;
}

/**
 * The info of what argv runs: in 7.0 a container's known subcommand (c->cmd is the subcommand:
 * its flags, its full name), otherwise the command itself.
 */
export function effectiveInfo(cmd: Command, argv: string[], is7: boolean): CmdInfo {
  return (
    (is7 && cmd.subcommands !== undefined && argv.length >= 2 && subcommandInfo(cmd, argv[1])) || cmdInfo(cmd, is7)
  );
}

/**
 * 7.0 getCommandFlags: the info a script command (EVAL with a shebang, FCALL) is checked by,
 * its script's flags standing for its own write and stale flags (scriptFlagsToCmdFlags: no
 * `no-writes` makes it a write, `allow-stale` lets it run on a stale replica).
 */
export function infoWithScriptFlags(srv: Server, cmd: Command, argv: readonly string[], info: CmdInfo): CmdInfo {
  const f = cmd.flagsFor === undefined ? null : cmd.flagsFor(srv, argv);
  if (f === null) return info;
  return { ...info, write: (f & NO_WRITES) === 0, stale: (f & ALLOW_STALE) !== 0, mayReplicate: false };
}

/** redisCommand.fullname as 7.0 shows it in CLIENT LIST (`client|list`; NULL for an unknown subcommand). */
export function commandFullName(cmd: Command, argv: string[], version: RedisVersion): string {
  if (version === '4.0' || argv.length < 2 || cmd.subcommands === undefined) return cmd.name;
  return subcommandInfo(cmd, argv[1])?.fullName ?? 'NULL';
}

/** Whether argc arguments fit an arity (negative: at least that many). */
export function arityOk(arity: number, argc: number): boolean {
  return !((arity > 0 && arity !== argc) || argc < -arity);
}

/** The unknown-command error, 7.0 and 4.0 wording. */
export function unknownCommandError(argv: string[], version: RedisVersion): string {
  if (version === '4.0') {
    let args = '';
    for (let i = 1; i < argv.length && args.length < 128; i++) args += `\`${argv[i].slice(0, 128 - args.length)}\`, `;
    return `ERR unknown command \`${argv[0].slice(0, 128)}\`, with args beginning with: ${args}`.replace(
      /[\r\n]/g,
      ' ',
    );
  }
  let args = '';
  for (let i = 1; i < argv.length && args.length < 128; i++) args += `'${argv[i].slice(0, 128 - args.length)}' `;
  return `ERR unknown command '${argv[0].slice(0, 128)}', with args beginning with: ${args}`.replace(/[\r\n]/g, ' ');
}

/** A command name as typed, resolved: the lowercase name, the table entry and its checks' info. */
export interface Resolved {
  readonly name: string;
  readonly cmd: Command;
  readonly info: CmdInfo;
  /** CLIENT LIST's cmd= for it: the name, or null when commandFullName must work it out from argv. */
  readonly lastCmd: string | null;
}

/**
 * Resolved names per dialect, keyed by the name as typed ("SET", "set", "Set" are three entries).
 * Only names of existing commands are kept, and at most RESOLVED_MAX spellings, so a client
 * sending random names cannot grow it; a name not kept is simply resolved again next time.
 */
const RESOLVED: [Map<string, Resolved>, Map<string, Resolved>] = [new Map(), new Map()];
const RESOLVED_MAX = 1024;

/**
 * The command a typed name names in a dialect (findCommand of its lowercase form) with its
 * cmdInfo, or null when there is none. The same for a name whatever was resolved before.
 */
export function resolveCommand(typed: string, version: RedisVersion): Resolved | null {
  const is7 = version === '7.0';
  const cache = RESOLVED[is7 ? 1 : 0];
  const hit = cache.get(typed);
  if (hit !== undefined) return hit;
  const name = typed.toLowerCase();
  const cmd = findCommand(name, version);
  if (cmd === undefined) return null;
  const info = cmdInfo(cmd, is7);
  // The table is keyed by each command's own name, so cmd.name === name.
  const r: Resolved = { name, cmd, info, lastCmd: info.hasSubcommands ? null : name };
  if (cache.size < RESOLVED_MAX) cache.set(typed, r);
  return r;
}

/** Where a connection remembers the last command name it resolved (a Client). */
export interface ResolveMemo {
  lastTyped: string | null;
  lastResolved: Resolved | null;
}

/**
 * resolveCommand for a connection's command: a connection usually sends the same command again
 * (a pipeline, a replication stream), and its decoder hands back the same name string, so the
 * last answer is kept on the connection and checked with one comparison. Unknown names are not
 * kept. A server's dialect never changes, so the answer for a name never does either.
 */
export function resolveFor(memo: ResolveMemo, typed: string, version: RedisVersion): Resolved | null {
  if (typed === memo.lastTyped) return memo.lastResolved;
  const r = resolveCommand(typed, version);
  if (r !== null) {
    memo.lastTyped = typed;
    memo.lastResolved = r;
  }
  return r;
}

/**
 * The shape every command file exports, mirroring Redis's commands/<name>.json: name, arity
 * (negative = "at least"), flags, and what COMMAND INFO / COMMAND DOCS tell about it (ACL
 * categories, key specs, tips, the argument tree, complexity and history). `run` gets a Ctx and
 * returns the typed Reply. Commands never encode RESP, never touch connections, and never read
 * time except through ctx.now. A command's summary, group and "since" version live in lib's
 * command help table, which redis-cli's `help` reads too.
 *
 * The descriptions in the command files (flags, ACL categories, key specs, tips, argument names and
 * tokens, complexity, history) are Redis 7.0.15's own, from src/commands/*.json (BSD-3-Clause,
 * Copyright (c) Salvatore Sanfilippo and Redis contributors), kept to what COMMAND INFO and
 * COMMAND DOCS print; the 4.0 fields are 4.0.14's (server.c redisCommandTable).
 */

import type { Client } from '../client';
import type { Db, RValue } from '../keyspace';
import type { Reply } from '../resp';
import type { Server } from '../server';

/**
 * Command flags with Redis's meaning (server.h CMD_*), spelled as in commands/*.json (lowercase,
 * `-` for `_`). COMMAND INFO prints them with `_`, in Redis's order, leaving out the ones Redis
 * hides (may-replicate, protected, touches-arbitrary-keys). Some are only 4.0's (random,
 * sort-for-script) or only 7.0's (no-async-loading, allow-busy, ...).
 */
export type CommandFlag =
  | 'write' // changes data: refused on read-only replicas, counted by min-replicas
  | 'readonly'
  | 'denyoom'
  | 'admin'
  | 'pubsub'
  | 'noscript'
  | 'random' // 4.0 only: nondeterministic output (7.0 says so with a tip)
  | 'sort-for-script' // 4.0 only: output sorted for scripts (7.0: a tip)
  | 'blocking'
  | 'loading' // allowed while loading
  | 'stale' // allowed while the master link is down with replica-serve-stale-data no
  | 'skip-monitor'
  | 'skip-slowlog'
  | 'asking'
  | 'fast'
  | 'no-auth'
  | 'may-replicate'
  | 'no-mandatory-keys'
  | 'no-async-loading'
  | 'no-multi' // refused inside MULTI: "Command not allowed inside a transaction"
  | 'allow-busy'
  | 'touches-arbitrary-keys' // 7.0: its also-propagated ops are not wrapped in MULTI/EXEC
  | 'protected'; // 7.0 CMD_PROTECTED (DEBUG): allowed only as enable-debug-command says

/**
 * 7.0 ACL categories a command declares (acl_categories); the implicit ones (@write, @read,
 * @admin, @dangerous, @fast or else @slow, ...) follow from its flags.
 */
export type AclCategory =
  | 'keyspace'
  | 'read'
  | 'write'
  | 'set'
  | 'sortedset'
  | 'list'
  | 'hash'
  | 'string'
  | 'bitmap'
  | 'hyperloglog'
  | 'geo'
  | 'stream'
  | 'pubsub'
  | 'admin'
  | 'fast'
  | 'slow'
  | 'blocking'
  | 'dangerous'
  | 'connection'
  | 'transaction'
  | 'scripting';

/** Key spec flags (CMD_KEY_*), as COMMAND INFO prints them. */
export type KeySpecFlag =
  | 'RO'
  | 'RW'
  | 'OW'
  | 'RM'
  | 'access'
  | 'update'
  | 'insert'
  | 'delete'
  | 'not_key'
  | 'incomplete'
  | 'variable_flags';

/**
 * A 7.0 key spec. Most commands find their keys the simplest way: begin_search by index,
 * find_keys by range. LMPOP, BLMPOP and SINTERCARD count their keys (find_keys keynum); SORT's
 * BY/GET and STORE keys cannot be found from the spec at all (begin_search and find_keys unknown).
 */
export interface KeySpec {
  readonly notes?: string;
  readonly flags: readonly KeySpecFlag[];
  /** begin_search index: the argv position of the first key. */
  readonly index: number;
  /** find_keys range: [lastkey (relative to index; negative counts from the end), keystep, limit]. */
  readonly range: readonly [lastkey: number, keystep: number, limit: number];
  /**
   * find_keys keynum instead of range: the key count is at index + keynumidx, the first key at
   * index + firstkey.
   */
  readonly keynum?: readonly [keynumidx: number, firstkey: number, keystep: number];
  /** begin_search and find_keys both `unknown` (index and range are then meaningless). */
  readonly unknown?: boolean;
  /**
   * begin_search by keyword instead of index (XREAD's STREAMS): the first key follows the keyword,
   * looked for from argv[startfrom] on (`index` is then meaningless).
   */
  readonly keyword?: { readonly keyword: string; readonly startfrom: number };
}

/** A key found in an argv (getKeysResult): its position and how the command uses it. */
export interface KeyRef {
  readonly pos: number;
  readonly flags: readonly KeySpecFlag[];
}

/** One argument of a command's syntax (COMMAND DOCS "arguments"). */
export interface Arg {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'double' | 'key' | 'pattern' | 'unix-time' | 'pure-token' | 'oneof' | 'block';
  /** key_spec_index of a key argument. */
  readonly keySpec?: number;
  readonly token?: string;
  readonly summary?: string;
  readonly since?: string;
  readonly deprecatedSince?: string;
  readonly optional?: boolean;
  readonly multiple?: boolean;
  readonly multipleToken?: boolean;
  /** The alternatives of a oneof, the parts of a block. */
  readonly args?: readonly Arg[];
}

/** COMMAND DOCS fields besides summary, since and group (those are in lib's help table). */
export interface CommandDocs {
  readonly complexity?: string;
  readonly docFlags?: readonly ('deprecated' | 'syscmd')[];
  readonly deprecatedSince?: string;
  readonly replacedBy?: string;
  /** [version, what changed] */
  readonly history?: readonly (readonly [since: string, change: string])[];
}

/** What a command and a 7.0 subcommand (commands/<container>-<sub>.json) both declare. */
export interface CommandSpec {
  /** Redis arity: argc including the name (and subcommand); negative means at least -arity. */
  readonly arity: number;
  readonly flags: readonly CommandFlag[];
  /** 7.0: explicit ACL categories. */
  readonly acl?: readonly AclCategory[];
  /** 7.0: where the keys are (also gives COMMAND INFO's first key, last key and step). */
  readonly keySpecs?: readonly KeySpec[];
  /** 7.0: command tips, lowercase ("nondeterministic_output", "request_policy:all_shards"). */
  readonly tips?: readonly string[];
  readonly args?: readonly Arg[];
  readonly docs?: CommandDocs;
  /**
   * 7.0 getkeys_proc, for a command whose key flags depend on its arguments (a key spec with
   * variable_flags): the keys of a full argv.
   */
  readonly getKeys?: (argv: readonly string[]) => readonly KeyRef[];
}

export interface Command extends CommandSpec {
  /** Lowercase name. */
  readonly name: string;
  /** Which dialects know the command (default both). */
  readonly versions?: readonly ('4.0' | '7.0')[];
  /** 4.0 flags when they differ from 7.0's. */
  readonly flags40?: readonly CommandFlag[];
  /** 4.0 arity when it differs from 7.0's (LPOP/RPOP had no count, EXPIRE* no NX|XX|GT|LT). */
  readonly arity40?: number;
  /** 4.0 has a getkeys_proc for it (SORT): COMMAND INFO says `movablekeys`. */
  readonly movable40?: boolean;
  /** 4.0's first key, last key and step when they differ from 7.0's (derived from the key specs). */
  readonly keys40?: readonly [first: number, last: number, step: number];
  /**
   * 7.0 container command (CONFIG, CLIENT, COMMAND, OBJECT): its subcommands by lowercase name.
   * The server refuses an unknown subcommand or a wrong argument count before `run`; 4.0 has no
   * subcommands, `run` checks.
   */
  readonly subcommands?: Readonly<Record<string, Subcommand>>;
  /**
   * The command tells WATCH itself which keys it changed (ctx.touch). Otherwise, when it moved
   * dirty, every key its key specs mark as written (RW, OW, RM) counts as touched, in the
   * client's db.
   */
  readonly touchesOwnKeys?: boolean;
  /**
   * 7.0 getCommandFlags for scripts (EVAL*, FCALL*): the script flags (scripting/flags.ts) that
   * replace the command's write/stale flags in processCommand's checks, or null to keep its own.
   */
  readonly flagsFor?: (srv: Server, argv: readonly string[]) => number | null;
  /** The reply, or null when the client is blocked (WAIT) or the command answers on its own (PSYNC). */
  run(ctx: Ctx): Reply | null;
}

/** A 7.0 subcommand (commands/<container>-<sub>.json); its full name is `container|sub`. */
export type Subcommand = CommandSpec;

/** Everything a command may use. */
export interface Ctx {
  readonly srv: Server;
  readonly client: Client;
  /** The arguments as byte strings; argv[0] is the name as typed. */
  readonly argv: string[];
  /** The client's selected db. */
  readonly db: Db;
  /** Cached command time, unix ms (Redis's server.mstime / cmd_time_snapshot). */
  readonly now: number;
  /** '7.0' or '4.0' */
  readonly version: '4.0' | '7.0';
  /**
   * This server replicates from a master (server.masterhost set): an EXPIRE/SET into the past
   * stores the past deadline instead of deleting the key, waiting for the master's DEL.
   */
  readonly isReplica: boolean;
  /** Look a key up for reading: expires it first if due (may propagate a DEL). */
  lookupRead(key: string, db?: Db): RValue | undefined;
  /** Look a key up for writing (same expiry rule; 7.0 replicas never delete). */
  lookupWrite(key: string, db?: Db): RValue | undefined;
  /**
   * expireIfNeeded: a read lookup that counts no keyspace hit or miss (INFO stats), for commands
   * that only make sure a due key is gone (DEL, SCAN).
   */
  expireIfNeeded(key: string, db?: Db): RValue | undefined;
  /** Store a value; clears the TTL unless keepTtl. Does not touch `dirty`. */
  setKey(key: string, value: RValue, keepTtl?: boolean, db?: Db): void;
  /** Delete a key (and its TTL). Returns whether it existed. Does not touch `dirty`. */
  deleteKey(key: string, db?: Db): boolean;
  /** Set an absolute expiry (unix ms) on an existing key. */
  setExpire(key: string, atMs: number, db?: Db): void;
  /** Absolute expiry of a key, or -1. */
  getExpire(key: string, db?: Db): number;
  /** signalModifiedKey: the key changed, so EXEC fails for whoever WATCHes it. */
  touch(key: string, db?: Db): void;
  /** Count `n` changes (server.dirty): only commands that moved dirty are propagated. */
  dirty(n?: number): void;
  /** Propagate this argv instead of the typed one (rewriteClientCommandVector). */
  rewrite(argv: string[]): void;
  /** Propagate an extra command (alsoPropagate); `dbid` defaults to the client's db. */
  also(argv: string[], dbid?: number): void;
  /** Don't propagate the typed command itself (preventCommandPropagation). */
  noPropagate(): void;
}

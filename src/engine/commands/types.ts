/**
 * The shape every command file exports, mirroring Redis's commands/<name>.json: name, arity
 * (negative = "at least"), flags. `run` gets a Ctx and returns the typed Reply. Commands never
 * encode RESP, never touch connections, and never read time except through ctx.now.
 */

import type { Client } from '../client';
import type { Db, RValue } from '../keyspace';
import type { Reply } from '../resp';
import type { Server } from '../server';

/** Command flags with Redis's meaning (server.h CMD_*). */
export type CommandFlag =
  | 'write' // changes data: refused on read-only replicas, counted by min-replicas
  | 'readonly'
  | 'denyoom'
  | 'admin'
  | 'pubsub'
  | 'noscript'
  | 'loading' // allowed while loading
  | 'stale' // allowed while the master link is down with replica-serve-stale-data no
  | 'fast'
  | 'no-multi' // refused inside MULTI: "Command not allowed inside a transaction"
  | 'may-replicate'
  | 'no-auth'
  | 'touches-arbitrary-keys' // 7.0: its also-propagated ops are not wrapped in MULTI/EXEC
  | 'protected'; // 7.0 CMD_PROTECTED (DEBUG): allowed only as enable-debug-command says

export interface Command {
  /** Lowercase name. */
  readonly name: string;
  /** Redis arity: argc including the name; negative means at least -arity. */
  readonly arity: number;
  readonly flags: readonly CommandFlag[];
  /** Which dialects know the command (default both). */
  readonly versions?: readonly ('4.0' | '7.0')[];
  /** 4.0 flags when they differ from 7.0's. */
  readonly flags40?: readonly CommandFlag[];
  /** 4.0 arity when it differs from 7.0's (LPOP/RPOP had no count, EXPIRE* no NX|XX|GT|LT). */
  readonly arity40?: number;
  /**
   * 7.0 container command (CONFIG, CLIENT, COMMAND, OBJECT): its subcommands by lowercase name,
   * each with its own arity (and flags, when they differ). The server refuses an unknown
   * subcommand or a wrong argument count before `run`; 4.0 has no subcommands, `run` checks.
   */
  readonly subcommands?: Readonly<Record<string, Subcommand>>;
  /** The reply, or null when the client is blocked (WAIT) or the command answers on its own (PSYNC). */
  run(ctx: Ctx): Reply | null;
}

/** A 7.0 subcommand (commands/<container>-<sub>.json). */
export interface Subcommand {
  readonly arity: number;
  readonly flags?: readonly CommandFlag[];
}

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
  /** Store a value; clears the TTL unless keepTtl. Does not touch `dirty`. */
  setKey(key: string, value: RValue, keepTtl?: boolean, db?: Db): void;
  /** Delete a key (and its TTL). Returns whether it existed. Does not touch `dirty`. */
  deleteKey(key: string, db?: Db): boolean;
  /** Set an absolute expiry (unix ms) on an existing key. */
  setExpire(key: string, atMs: number, db?: Db): void;
  /** Absolute expiry of a key, or -1. */
  getExpire(key: string, db?: Db): number;
  /** Count `n` changes (server.dirty): only commands that moved dirty are propagated. */
  dirty(n?: number): void;
  /** Propagate this argv instead of the typed one (rewriteClientCommandVector). */
  rewrite(argv: string[]): void;
  /** Propagate an extra command (alsoPropagate); `dbid` defaults to the client's db. */
  also(argv: string[], dbid?: number): void;
  /** Don't propagate the typed command itself (preventCommandPropagation). */
  noPropagate(): void;
}

/**
 * A tiny stand-in for the Server, enough to run data commands in isolation: 16 dbs, a settable
 * clock, scripted randomness, and a Ctx that records everything a command asks to propagate.
 *
 * Expiry follows Redis's keyIsExpired: a key is due once now > deadline. On a master a due key
 * met by a lookup is deleted and its `DEL` recorded as an extra op, in order. On a replica it is
 * not deleted: 7.0 hides it from reads and force-deletes it (silently) on write lookups, and
 * never expires anything for commands coming from the master; 4.0 hides it only from read
 * lookups of read-only commands.
 *
 * `propagated` models 7.0's call(): the extra ops in order, then the command itself (or its
 * rewrite) when it moved dirty and did not prevent its own propagation.
 */
import { Client } from '../../../src/engine/client';
import { dataCommands } from '../../../src/engine/commands/data';
import type { Command, Ctx } from '../../../src/engine/commands/types';
import { Config } from '../../../src/engine/config';
import { DBNUM, Db, type RValue } from '../../../src/engine/keyspace';
import { type Reply, wrongArity } from '../../../src/engine/resp';
import type { Server } from '../../../src/engine/server';
import { newStats } from '../../../src/engine/stats';
import { Dialect } from '../../../src/engine/version';

export interface FakeOptions {
  version?: '4.0' | '7.0';
  /** Unix ms. */
  now?: number;
  isReplica?: boolean;
}

/** What one command did. */
export interface RunResult {
  reply: Reply;
  /** Total dirty increment. */
  dirty: number;
  rewritten: string[] | null;
  also: string[][];
  prevented: boolean;
  /** What a 7.0 server would put in the replication stream for this call, in order. */
  propagated: string[][];
}

const byName = new Map<string, Command>(dataCommands.map((c) => [c.name, c]));

/** Look a data command up by name (any case). */
export function command(name: string): Command {
  const c = byName.get(name.toLowerCase());
  if (!c) throw new Error(`no data command ${name}`);
  return c;
}

export class FakeServer {
  readonly dbs: Db[] = [];
  version: '4.0' | '7.0';
  now: number;
  isReplica: boolean;
  /** The selected db of the one client. */
  selected = 0;
  /** Nobody blocks on keys here (XADD and XGROUP DESTROY look before signalling a key as ready). */
  readonly keyBlocked: ReadonlySet<unknown> = new Set();
  /** Run the next commands as the master link would (a replica applying its stream). */
  fromMaster = false;
  readonly client = new Client(1, 1, '127.0.0.1:50000', '127.0.0.1:6379', 8, 0);
  /** Values random() hands out next; when empty, a fixed LCG takes over. */
  randoms: number[] = [];
  private seed = 12345;
  /** The running config of each dialect (encoding thresholds, maxmemory-policy…). */
  private readonly configs = { '7.0': new Config('7.0'), '4.0': new Config('4.0') };
  /** Per-db access clocks, as the server keeps them (commands clear them on FLUSHDB). */
  readonly lru: Map<string, number>[] = [];
  readonly slaveKeysWithExpire = new Map<string, number>();
  lruclock = 0;
  lruBaseline = 0;
  lfu = false;
  trackAccess = true;
  /** Keys commands said they changed (ctx.touch), as `db:key`, in order. */
  readonly touched: string[] = [];
  /** Dbs flushed (touchFlushed's argument, -1 for all). */
  readonly flushed: number[] = [];
  touchFlushed(dbid: number): void {
    this.flushed.push(dbid);
  }
  /** The server's counters (keyspace hits and misses...). */
  readonly stats = newStats(0);

  constructor(o: FakeOptions = {}) {
    for (let i = 0; i < DBNUM; i++) {
      this.dbs.push(new Db(i));
      this.lru.push(new Map());
    }
    this.version = o.version ?? '7.0';
    this.now = o.now ?? 1_700_000_000_000;
    this.isReplica = o.isReplica ?? false;
  }

  /** A float in [0,1): scripted values first, then a deterministic LCG. */
  random(): number {
    const v = this.randoms.shift();
    if (v !== undefined) return v;
    this.seed = (Math.imul(this.seed, 1103515245) + 12345) >>> 0;
    return this.seed / 4294967296;
  }

  get db(): Db {
    return this.dbs[this.selected];
  }

  get config(): Config {
    return this.configs[this.version];
  }

  get d(): Dialect {
    return new Dialect(this.version);
  }

  get unixtime(): number {
    return Math.floor(this.now / 1000);
  }

  /** Run one command (argv as typed) and record what it did. */
  run(...argv: string[]): RunResult {
    const cmd = command(argv[0]);
    const arity = this.version === '4.0' ? (cmd.arity40 ?? cmd.arity) : cmd.arity;
    if ((arity > 0 && arity !== argv.length) || argv.length < -arity) {
      // The server refuses these before the command runs.
      return { reply: wrongArity(cmd.name), dirty: 0, rewritten: null, also: [], prevented: false, propagated: [] };
    }
    let dirty = 0;
    let rewritten: string[] | null = null;
    let prevented = false;
    const also: string[][] = [];
    const isMaster = this.fromMaster;
    const readonly = (this.version === '4.0' ? (cmd.flags40 ?? cmd.flags) : cmd.flags).includes('readonly');
    this.client.isMaster = isMaster;
    const lookup = (d: Db, key: string, write: boolean): RValue | undefined => {
      const v = d.dict.get(key);
      if (v === undefined) return undefined;
      const when = d.expires.get(key);
      if (when === undefined || !(this.now > when)) return v;
      if (this.isReplica) {
        if (this.version === '4.0') return !write && !isMaster && readonly ? undefined : v;
        if (isMaster) return v;
        if (write) {
          d.dict.delete(key);
          d.expires.delete(key);
        }
        return undefined;
      }
      d.dict.delete(key);
      d.expires.delete(key);
      also.push(['DEL', key]);
      return undefined;
    };
    const db = this.db;
    const ctx: Ctx = {
      srv: this as unknown as Server,
      client: this.client,
      argv,
      db,
      now: this.now,
      version: this.version,
      isReplica: this.isReplica,
      lookupRead: (key, d = db) => lookup(d, key, false),
      lookupWrite: (key, d = db) => lookup(d, key, true),
      expireIfNeeded: (key, d = db) => lookup(d, key, false),
      setKey: (key, value, keepTtl = false, d = db) => {
        d.dict.set(key, value);
        if (!keepTtl) d.expires.delete(key);
      },
      deleteKey: (key, d = db) => {
        d.expires.delete(key);
        return d.dict.delete(key);
      },
      setExpire: (key, at, d = db) => {
        d.expires.set(key, at);
      },
      getExpire: (key, d = db) => d.expires.get(key) ?? -1,
      touch: (key, d = db) => {
        this.touched.push(`${d.id}:${key}`);
      },
      dirty: (n = 1) => {
        dirty += n;
      },
      rewrite: (a) => {
        rewritten = a;
      },
      also: (a) => {
        also.push(a);
      },
      noPropagate: () => {
        prevented = true;
      },
    };
    const typed = cmd.run(ctx);
    if (typed === null) throw new Error('data commands always reply');
    const reply = this.client.resp === 3 ? typed : resp2(typed);
    const propagated = [...also];
    if (dirty > 0 && !prevented) propagated.push(rewritten ?? argv);
    return { reply, dirty, rewritten, also, prevented, propagated };
  }

  /** Just the reply (as a RESP2 client reads it unless the client said HELLO 3). */
  r(...argv: string[]): Reply {
    return this.run(...argv).reply;
  }
}

/**
 * A reply as a RESP2 client reads it: maps and sets are arrays, doubles and verbatim strings are
 * bulk strings (the encoder writes them so; these tests compare typed replies).
 */
export function resp2(r: Reply): Reply {
  switch (r.t) {
    case 'map':
    case 'set':
    case 'push':
      return { t: 'array', items: r.items.map(resp2) };
    case 'array':
      return r.items === null ? r : { t: 'array', items: r.items.map(resp2) };
    case 'double':
    case 'verbatim':
    case 'bignum':
      return { t: 'bulk', s: r.s };
    case 'bool':
      return { t: 'int', n: r.b ? 1 : 0 };
    case 'attr':
      return resp2(r.reply);
    default:
      return r;
  }
}

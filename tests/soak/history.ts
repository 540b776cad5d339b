/**
 * One soak history: what it is, how a seed makes one, how it runs on the simulator and what it
 * checks. A history is a list of operations over 3–4 nodes — writes over every data type the
 * command table has (strings, lists, hashes, sets, sorted sets, TTLs, MULTI/EXEC; streams and
 * consumer groups, geo, HyperLogLog, bitmaps, sorted-set algebra, PUBLISH, SORT … STORE, COPY,
 * MOVE, SWAPDB, EVAL in 7.0), SLAVEOF
 * re-pointing, failovers after WAIT (SLAVEOF NO ONE, with or without killing the old master),
 * FAILOVER in 7.0, kills and restarts, SAVE, link cuts and heals, CLIENT KILL of replication
 * links, backlog size changes and time passing. Every operation is written so that it can run in
 * any state (it does nothing where it does not apply), so any sub-list of a history is a history:
 * that is what lets the shrinker drop operations freely.
 *
 * What is checked (a violation throws SoakFailure):
 * 1. Convergence: after healing every link, starting every node and `settle`, replication is
 *    quiet; every replica's link is up, it has its top master's replid and offset, and its
 *    DEBUG DIGEST equals its top master's (on a difference, the datasets are read key by key and
 *    the differing keys are named).
 * 2. No acknowledged write lost, at each failover: let M be a master and O its master_repl_offset
 *    just before `WAIT k T` (every write M acknowledged so far lies within the first O bytes of
 *    its stream). A direct replica R whose acknowledged offset is ≥ O once WAIT answers has every
 *    one of those writes; when R is promoted (SLAVEOF NO ONE — M killed first, or left running)
 *    its dataset equals M's dataset as read just before the WAIT. The same holds for FAILOVER
 *    (7.0): once the chosen replica is a master, its dataset equals M's before FAILOVER. Keys
 *    named `tmp*` (the only keys given TTLs short enough to expire within a history) are left out
 *    of this comparison: M or R may legitimately expire them between the two reads.
 *
 * Every action on the playground is also written down as a scenario step, so the trace of a
 * failing history is a .scn that replays it with the runner (`--seed` the history's seed).
 */
import { findCommand } from '../../src/engine/commands';
import { Playground, type RedisVersion, type Reply } from '../../src/playground';

export const PORT0 = 6379;
const DBS = 2;
const KEYS = ['a', 'b', 'c', 'd', 'e'];
const VALS = ['1', '2', 'x', 'yy', '10', '-3', '2.5', 'zz'];
/** Simulated time a final settle may take (the runner's `settle` step uses the same bound). */
const SETTLE_MS = 60_000;

// ------------------------------------------------------------------ randomness

/** mulberry32: a small seeded PRNG, so a seed names one history forever. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ------------------------------------------------------------------ operations

export type Op =
  | { t: 'write'; node: number; redirect: boolean; db: number; argv: string[] }
  | { t: 'slaveof'; node: number; target: number }
  | { t: 'noone'; node: number }
  /** WAIT on a master, then promote one of the replicas that acknowledged (see check 2). */
  | { t: 'promote'; node: number; pick: number; kill: boolean; repoint: boolean }
  /** FAILOVER (7.0) on a master: to any replica, or TO the picked one. */
  | { t: 'failover'; node: number; pick: number; to: boolean }
  | { t: 'kill'; node: number }
  | { t: 'start'; node: number }
  | { t: 'save'; node: number }
  | { t: 'cut'; a: number; b: number }
  | { t: 'heal'; a: number; b: number }
  | { t: 'clientkill'; node: number; type: 'master' | 'slave' }
  | { t: 'backlog'; node: number; size: number }
  | { t: 'advance'; ms: number };

export interface History {
  seed: number;
  nodes: number;
  /** Node i (i ≥ 1) starts as a replica of initial[i-1] when that is < i (a forest). */
  initial: number[];
  ops: Op[];
}

type Gen = (r: () => number) => string[];
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const key = (r: () => number) => pick(r, KEYS);
const val = (r: () => number) => pick(r, VALS);
const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

/**
 * The writes, by command name. Only the ones the dialect's command table has are used. TTLs are
 * either long (they never fire within a history) or on `tmp*` keys, which do expire.
 */
const WRITES: Record<string, Gen> = {
  set: (r) => ['SET', key(r), val(r)],
  setex: (r) => ['SETEX', `tmp${int(r, 1, 2)}`, String(int(r, 1, 20)), val(r)],
  psetex: (r) => ['PSETEX', key(r), String(int(r, 500_000, 900_000)), val(r)],
  setnx: (r) => ['SETNX', key(r), val(r)],
  getset: (r) => ['GETSET', key(r), val(r)],
  mset: (r) => ['MSET', key(r), val(r), key(r), val(r)],
  append: (r) => ['APPEND', key(r), val(r)],
  incr: (r) => ['INCR', key(r)],
  decr: (r) => ['DECR', key(r)],
  incrby: (r) => ['INCRBY', key(r), String(int(r, -5, 5))],
  decrby: (r) => ['DECRBY', key(r), String(int(r, -5, 5))],
  incrbyfloat: (r) => ['INCRBYFLOAT', key(r), pick(r, ['1.5', '-0.25', '3', '1e2'])],
  // Redis 4.0 keeps the TTL on the master but propagates `SET key value`, which drops it on the
  // replica (6.0 added KEEPTTL): real 4.0.14 diverges there, so 4.0's INCRBYFLOAT gets a key of
  // its own that nothing gives a TTL (soak.test.ts shows the divergence).
  incrbyfloat40: (r) => ['INCRBYFLOAT', 'fl', pick(r, ['1.5', '-0.25', '3', '1e2'])],
  getdel: (r) => ['GETDEL', key(r)],
  lpush: (r) => ['LPUSH', key(r), val(r)],
  rpush: (r) => ['RPUSH', key(r), val(r), val(r)],
  lpop: (r) => ['LPOP', key(r)],
  rpop: (r) => ['RPOP', key(r)],
  hset: (r) => ['HSET', key(r), pick(r, ['f', 'g']), val(r)],
  hmset: (r) => ['HMSET', key(r), 'f', val(r), 'h', val(r)],
  hdel: (r) => ['HDEL', key(r), pick(r, ['f', 'g', 'h'])],
  hincrby: (r) => ['HINCRBY', key(r), pick(r, ['f', 'n']), String(int(r, -3, 3))],
  hincrbyfloat: (r) => ['HINCRBYFLOAT', key(r), pick(r, ['f', 'n']), pick(r, ['0.5', '-2', '1e1'])],
  sadd: (r) => ['SADD', key(r), val(r), val(r)],
  srem: (r) => ['SREM', key(r), val(r)],
  spop: (r) => ['SPOP', key(r)],
  zadd: (r) => ['ZADD', key(r), pick(r, ['1', '2.5', '-1', '1e3', '0']), val(r)],
  zincrby: (r) => ['ZINCRBY', key(r), pick(r, ['1', '-0.5', '2']), val(r)],
  zrem: (r) => ['ZREM', key(r), val(r)],
  del: (r) => ['DEL', key(r)],
  unlink: (r) => ['UNLINK', key(r), pick(r, [...KEYS, 'tmp1'])],
  rename: (r) => ['RENAME', key(r), key(r)],
  expire: (r) => ['EXPIRE', pick(r, [...KEYS, 'tmp1', 'tmp2']), String(int(r, 1000, 5000))],
  pexpire: (r) => ['PEXPIRE', pick(r, ['tmp1', 'tmp2']), String(int(r, 100, 20_000))],
  expireat: (r) => ['EXPIREAT', pick(r, ['tmp1', 'tmp2']), String(int(r, 1, 10))],
  persist: (r) => ['PERSIST', key(r)],
  flushdb: () => ['FLUSHDB'],
};

const lonlat = (r: () => number) => [pick(r, ['13.36', '15.08', '13.58', '-0.12']), pick(r, ['38.11', '37.5', '51.5'])];

/**
 * The newer families, at half the weight of the writes above: streams (XADD `*`, whose ID the
 * master makes explicit), consumer groups, geo (GEOADD and the searches that STORE), HyperLogLog,
 * bitmaps, sorted-set algebra and pops, PUBLISH (propagated), SORT … STORE, COPY, MOVE, SWAPDB,
 * and EVAL (7.0 only: its effects are replicated, not the script). A command the dialect's table
 * lacks is left out, as above.
 */
const NEWER: Record<string, Gen> = {
  xadd: (r) => ['XADD', key(r), '*', pick(r, ['f', 'g']), val(r)],
  xaddcap: (r) => ['XADD', key(r), 'MAXLEN', pick(r, ['~', '=']), String(int(r, 0, 3)), '*', 'f', val(r)],
  xtrim: (r) => ['XTRIM', key(r), 'MAXLEN', String(int(r, 0, 2))],
  xdel: (r) => ['XDEL', key(r), pick(r, ['0-1', '1-0'])],
  xgroup: (r) => ['XGROUP', 'CREATE', key(r), pick(r, ['g', 'h']), pick(r, ['$', '0']), 'MKSTREAM'],
  xgroupsetid: (r) => ['XGROUP', 'SETID', key(r), 'g', pick(r, ['$', '0'])],
  geoadd: (r) => ['GEOADD', key(r), ...lonlat(r), val(r)],
  georadius: (r) => ['GEORADIUS', key(r), ...lonlat(r), '300', 'km', pick(r, ['STORE', 'STOREDIST']), key(r)],
  geosearchstore: (r) => ['GEOSEARCHSTORE', key(r), key(r), 'FROMLONLAT', ...lonlat(r), 'BYBOX', '400', '400', 'km'],
  pfadd: (r) => ['PFADD', key(r), val(r), val(r)],
  pfmerge: (r) => ['PFMERGE', key(r), key(r), key(r)],
  setbit: (r) => ['SETBIT', key(r), String(int(r, 0, 20)), pick(r, ['0', '1'])],
  bitop: (r) => ['BITOP', pick(r, ['AND', 'OR', 'XOR']), key(r), key(r), key(r)],
  bitfield: (r) => ['BITFIELD', key(r), 'INCRBY', pick(r, ['u4', 'i8']), String(int(r, 0, 16)), '7'],
  zunionstore: (r) => ['ZUNIONSTORE', key(r), '2', key(r), key(r), 'WEIGHTS', '1', '2'],
  zinterstore: (r) => ['ZINTERSTORE', key(r), '2', key(r), key(r), 'AGGREGATE', 'MAX'],
  zdiffstore: (r) => ['ZDIFFSTORE', key(r), '2', key(r), key(r)],
  zrangestore: (r) => ['ZRANGESTORE', key(r), key(r), '0', '1'],
  zpopmin: (r) => ['ZPOPMIN', key(r), pick(r, ['1', '2'])],
  zmpop: (r) => ['ZMPOP', '2', key(r), key(r), pick(r, ['MIN', 'MAX']), 'COUNT', '2'],
  zremrangebyscore: (r) => ['ZREMRANGEBYSCORE', key(r), '-1', '1'],
  publish: (r) => ['PUBLISH', pick(r, ['ch', 'news']), val(r)],
  sort: (r) => ['SORT', key(r), 'ALPHA', pick(r, ['ASC', 'DESC']), 'STORE', key(r)],
  copy: (r) => ['COPY', key(r), key(r), ...pick(r, [['REPLACE'], ['DB', String(int(r, 0, DBS - 1))], []])],
  move: (r) => ['MOVE', key(r), String(int(r, 0, DBS - 1))],
  swapdb: () => ['SWAPDB', '0', '1'],
  eval: (r) => [
    'EVAL',
    "redis.call('incr', KEYS[1]) return redis.call('set', KEYS[2], ARGV[1])",
    '2',
    key(r),
    key(r),
    val(r),
  ],
  evalrpush: (r) => ['EVAL', "return redis.call('rpush', KEYS[1], ARGV[1], ARGV[1])", '1', key(r), val(r)],
};
const ONLY_70 = new Set(['eval', 'evalrpush']);

/** The writes a dialect has, each with a weight (FLUSHDB rarely). */
function writeGens(version: RedisVersion): { name: string; gen: Gen }[] {
  const out: { name: string; gen: Gen }[] = [];
  for (const [name, gen] of Object.entries(WRITES)) {
    if (name === (version === '4.0' ? 'incrbyfloat' : 'incrbyfloat40')) continue;
    if (!findCommand(name.replace(/40$/, ''), version)) continue;
    const w = name === 'flushdb' ? 1 : 4;
    for (let i = 0; i < w; i++) out.push({ name, gen });
  }
  for (const [name, gen] of Object.entries(NEWER)) {
    const cmd = gen(() => 0)[0].toLowerCase();
    if (ONLY_70.has(name) && version !== '7.0') continue;
    if (!findCommand(cmd, version)) continue;
    out.push({ name, gen }, { name, gen });
  }
  return out;
}

/** A MULTI block of two writes is generated as one write op with argv ['MULTI', …, '\n', …]. */
const MULTI_SEP = '\u0000';

/** The history a seed names (a pure function of seed and dialect). */
export function generate(seed: number, version: RedisVersion, maxOps = 18): History {
  const r = rng(seed);
  const nodes = int(r, 3, 4);
  // Mostly a master with replicas (and chains) at first; now and then separate masters.
  const initial = [1, 2, 3].map((i) => (r() < 0.85 ? int(r, 0, i - 1) : 9));
  const gens = writeGens(version);
  const node = () => int(r, 0, nodes - 1);
  const ops: Op[] = [];
  const count = int(r, Math.floor(maxOps / 2), maxOps);
  for (let i = 0; i < count; i++) {
    const x = r() * 100;
    if (x < 45) {
      const multi = r() < 0.1;
      const one = () => pick(r, gens).gen(r);
      const argv = multi ? [...one(), MULTI_SEP, ...one()] : one();
      ops.push({ t: 'write', node: node(), redirect: r() < 0.85, db: int(r, 0, DBS - 1), argv });
    } else if (x < 51) ops.push({ t: 'slaveof', node: node(), target: node() });
    else if (x < 53) ops.push({ t: 'noone', node: node() });
    else if (x < 63) ops.push({ t: 'promote', node: node(), pick: int(r, 0, 3), kill: r() < 0.5, repoint: r() < 0.7 });
    else if (x < 67 && version === '7.0') ops.push({ t: 'failover', node: node(), pick: int(r, 0, 3), to: r() < 0.5 });
    else if (x < 70) ops.push({ t: 'kill', node: node() });
    else if (x < 75) ops.push({ t: 'start', node: node() });
    else if (x < 77) ops.push({ t: 'save', node: node() });
    else if (x < 80) ops.push({ t: 'cut', a: node(), b: node() });
    else if (x < 83) ops.push({ t: 'heal', a: node(), b: node() });
    else if (x < 85) ops.push({ t: 'clientkill', node: node(), type: r() < 0.5 ? 'master' : 'slave' });
    else if (x < 88) ops.push({ t: 'backlog', node: node(), size: pick(r, [16384, 32768, 1048576]) });
    else ops.push({ t: 'advance', ms: pick(r, [100, 500, 1000, 3000, 8000, 15000]) });
  }
  return { seed, nodes, initial, ops };
}

// ------------------------------------------------------------------ running

export class SoakFailure extends Error {}

/** The outcome of one history: what it checked, and the failure if any. */
export interface Outcome {
  failure: string | null;
  /** The scenario steps the run performed (a .scn body). */
  trace: string[];
  /** How many acknowledged-write checks (promote / FAILOVER) actually compared two datasets. */
  ackChecks: number;
}

/** redis-cli quoting for a scenario line (the values here never need more than double quotes). */
const quote = (a: string) => (/^[A-Za-z0-9_.:*+-]+$/.test(a) ? a : JSON.stringify(a));

const bulk = (r: Reply | null): string | null => (r?.t === 'bulk' ? r.s : r?.t === 'status' ? r.s : null);
const items = (r: Reply | null): string[] =>
  r?.t === 'array' && r.items ? r.items.map((x) => bulk(x) ?? JSON.stringify(x)) : [];

class Run {
  readonly pg: Playground;
  readonly names: string[];
  readonly trace: string[] = [];
  ackChecks = 0;

  constructor(
    readonly version: RedisVersion,
    readonly h: History,
  ) {
    this.pg = new Playground({ version, seed: h.seed });
    this.names = Array.from({ length: h.nodes }, (_, i) => this.pg.addNode('127.0.0.1', PORT0 + i));
    this.trace.push(`redis ${version}`, `nodes ${this.names.map((_, i) => PORT0 + i).join(' ')}`);
    for (const n of this.names) this.pg.start(n);
  }

  port = (i: number) => PORT0 + i;
  up = (i: number) => this.pg.isRunning(this.names[i]);

  exec(i: number, argv: string[]): Reply | null {
    this.trace.push(`${this.port(i)}> ${argv.map(quote).join(' ')}`);
    return this.pg.exec(this.names[i], argv);
  }
  advance(ms: number): void {
    this.trace.push(`sleep ${ms}`);
    this.pg.advance(ms);
  }
  kill(i: number): void {
    this.trace.push(`kill ${this.port(i)}`);
    this.pg.kill(this.names[i]);
  }
  start(i: number): void {
    this.trace.push(`start ${this.port(i)}`);
    this.pg.start(this.names[i]);
  }
  link(a: number, b: number, up: boolean): void {
    this.trace.push(`link ${this.port(a)} ${this.port(b)} ${up ? 'up' : 'down'}`);
    this.pg.link(this.names[a], this.names[b], up);
  }

  /** Node index → its master's index (from the node's own state), null for a master or a down node. */
  masterOf(i: number): number | null {
    const s = this.up(i) ? this.pg.snapshot(this.names[i]) : null;
    if (!s || s.role === 'master') return null;
    const j = s.masterPort - PORT0;
    return j >= 0 && j < this.h.nodes ? j : null;
  }
  topOf(i: number): number {
    let j = i;
    for (let n = 0; n < this.h.nodes; n++) {
      const m = this.masterOf(j);
      if (m === null) return j;
      j = m;
    }
    return j; // a cycle: the node itself stands for it
  }
  /** Whether pointing i at t would close a cycle. */
  cycle(i: number, t: number): boolean {
    let j: number | null = t;
    for (let n = 0; j !== null && n <= this.h.nodes; n++) {
      if (j === i) return true;
      j = this.masterOf(j);
    }
    return false;
  }
  /** Online direct replicas of master i (indexes), with their acknowledged offsets. */
  replicasOf(i: number): { j: number; ack: number }[] {
    const s = this.pg.snapshot(this.names[i]);
    if (!s) return [];
    return s.replicas
      .filter((x) => x.state === 'online' && x.port - PORT0 >= 0 && x.port - PORT0 < this.h.nodes)
      .map((x) => ({ j: x.port - PORT0, ack: x.ackOffset }));
  }

  /**
   * The online replicas of master i; when some are still syncing (7.0 waits 5 s before a
   * diskless sync), up to 6 s of simulated time pass for them first.
   */
  awaitReplicas(i: number): { j: number; ack: number }[] {
    for (let t = 0; t < 6; t++) {
      const s = this.pg.snapshot(this.names[i]);
      if (!s || s.replicas.length === 0) return [];
      if (s.replicas.every((x) => x.state === 'online')) break;
      this.advance(1000);
    }
    return this.up(i) ? this.replicasOf(i) : [];
  }

  digest(i: number): string {
    return bulk(this.exec(i, ['DEBUG', 'DIGEST'])) ?? '?';
  }

  /** The dataset read key by key: "db/key" → "type:value" (sets, hashes and zsets sorted). */
  dump(i: number): Map<string, string> {
    const out = new Map<string, string>();
    for (let db = 0; db < DBS; db++) {
      this.exec(i, ['SELECT', String(db)]);
      for (const k of items(this.exec(i, ['KEYS', '*'])).sort()) {
        const type = bulk(this.exec(i, ['TYPE', k])) ?? '?';
        let v: string[] = [];
        if (type === 'string') v = [bulk(this.exec(i, ['GET', k])) ?? '(nil)'];
        else if (type === 'list') v = items(this.exec(i, ['LRANGE', k, '0', '-1']));
        else if (type === 'set') v = items(this.exec(i, ['SMEMBERS', k])).sort();
        else if (type === 'stream') v = [JSON.stringify(this.exec(i, ['XRANGE', k, '-', '+']))];
        else if (type === 'hash' || type === 'zset') {
          const flat = items(this.exec(i, type === 'hash' ? ['HGETALL', k] : ['ZRANGE', k, '0', '-1', 'WITHSCORES']));
          for (let x = 0; x < flat.length; x += 2) v.push(`${flat[x]}=${flat[x + 1]}`);
          v.sort();
        }
        const ttl = this.exec(i, ['PTTL', k]);
        const expires = ttl?.t === 'int' && ttl.n >= 0 ? ' (with a TTL)' : '';
        out.set(`${db}/${k}`, `${type}:${JSON.stringify(v)}${expires}`);
      }
    }
    return out;
  }

  /** The keys whose values differ between two dumps, as lines (optionally leaving tmp* keys out). */
  static diff(a: Map<string, string>, b: Map<string, string>, an: string, bn: string, skipTmp: boolean): string[] {
    const out: string[] = [];
    for (const k of [...new Set([...a.keys(), ...b.keys()])].sort()) {
      if (skipTmp && k.split('/')[1].startsWith('tmp')) continue;
      const x = a.get(k) ?? '(missing)';
      const y = b.get(k) ?? '(missing)';
      if (x !== y) out.push(`  ${k}: ${an} ${x} | ${bn} ${y}`);
    }
    return out;
  }

  fail(msg: string): never {
    throw new SoakFailure(msg);
  }

  setup(): void {
    for (let i = 1; i < this.h.nodes; i++) {
      const m = this.h.initial[i - 1];
      if (m < i) this.exec(i, ['SLAVEOF', '127.0.0.1', String(this.port(m))]);
    }
    // 7.0's diskless sync waits 5 s for more replicas: let the first syncs finish.
    this.advance(6000);
  }

  step(op: Op): void {
    const n = this.h.nodes;
    switch (op.t) {
      case 'write': {
        const i = op.redirect ? this.topOf(op.node % n) : op.node % n;
        if (!this.up(i)) return;
        this.exec(i, ['SELECT', String(op.db)]);
        const sep = op.argv.indexOf(MULTI_SEP);
        if (sep < 0) {
          this.exec(i, op.argv);
          return;
        }
        this.exec(i, ['MULTI']);
        this.exec(i, op.argv.slice(0, sep));
        this.exec(i, op.argv.slice(sep + 1));
        this.exec(i, ['EXEC']);
        return;
      }
      case 'slaveof': {
        const i = op.node % n;
        const t = op.target % n;
        if (!this.up(i) || i === t || this.cycle(i, t)) return;
        this.exec(i, ['SLAVEOF', '127.0.0.1', String(this.port(t))]);
        return;
      }
      case 'noone': {
        const i = op.node % n;
        if (this.up(i)) this.exec(i, ['SLAVEOF', 'NO', 'ONE']);
        return;
      }
      case 'promote':
        this.promote(op);
        return;
      case 'failover':
        this.failover(op);
        return;
      case 'kill': {
        const i = op.node % n;
        if (this.up(i)) this.kill(i);
        return;
      }
      case 'start': {
        const i = op.node % n;
        if (!this.up(i)) this.start(i);
        return;
      }
      case 'save': {
        const i = op.node % n;
        if (this.up(i)) this.exec(i, ['SAVE']);
        return;
      }
      case 'cut':
      case 'heal': {
        const a = op.a % n;
        const b = op.b % n;
        if (a !== b) this.link(a, b, op.t === 'heal');
        return;
      }
      case 'clientkill': {
        const i = op.node % n;
        if (this.up(i)) this.exec(i, ['CLIENT', 'KILL', 'TYPE', op.type]);
        return;
      }
      case 'backlog': {
        const i = op.node % n;
        if (this.up(i)) this.exec(i, ['CONFIG', 'SET', 'repl-backlog-size', String(op.size)]);
        return;
      }
      case 'advance':
        this.advance(op.ms);
        return;
    }
  }

  /** WAIT on the top master of op.node, then promote a replica that acknowledged everything. */
  private promote(op: Extract<Op, { t: 'promote' }>): void {
    const m = this.topOf(op.node % this.h.nodes);
    if (!this.up(m)) return;
    const before = this.awaitReplicas(m);
    if (before.length === 0) return;
    const data = this.dump(m);
    const offset = this.pg.snapshot(this.names[m])!.masterReplOffset;
    this.exec(m, ['WAIT', String(before.length), '2000']);
    const acked = this.replicasOf(m).filter((x) => x.ack >= offset);
    if (acked.length === 0) return;
    const r = acked[op.pick % acked.length].j;
    const others = this.replicasOf(m)
      .map((x) => x.j)
      .filter((j) => j !== r);
    if (op.kill) this.kill(m);
    this.exec(r, ['SLAVEOF', 'NO', 'ONE']);
    this.ackChecks++;
    const got = this.dump(r);
    const lost = Run.diff(data, got, `${this.port(m)} before WAIT`, `${this.port(r)} promoted`, true);
    if (lost.length > 0)
      this.fail(
        `acknowledged writes lost: ${this.port(r)} acknowledged offset ${offset} of ${this.port(m)} (WAIT) but after SLAVEOF NO ONE its dataset differs:\n${lost.join('\n')}`,
      );
    if (!op.repoint) return;
    for (const j of others) if (this.up(j)) this.exec(j, ['SLAVEOF', '127.0.0.1', String(this.port(r))]);
    if (!op.kill && this.up(m)) this.exec(m, ['SLAVEOF', '127.0.0.1', String(this.port(r))]);
  }

  /** FAILOVER (7.0) on the top master of op.node; once a replica took over, compare datasets. */
  private failover(op: Extract<Op, { t: 'failover' }>): void {
    const m = this.topOf(op.node % this.h.nodes);
    if (!this.up(m)) return;
    const reps = this.awaitReplicas(m);
    if (reps.length === 0) return;
    const data = this.dump(m);
    const target = reps[op.pick % reps.length].j;
    const argv = op.to
      ? ['FAILOVER', 'TO', '127.0.0.1', String(this.port(target)), 'TIMEOUT', '5000']
      : ['FAILOVER', 'TIMEOUT', '5000'];
    const reply = this.exec(m, argv);
    if (reply?.t !== 'status') return;
    // The handshake needs a few event-loop turns and a PSYNC: let simulated time pass for it.
    let r: number | null = null;
    for (let t = 0; t < 8 && r === null; t++) {
      this.advance(1000);
      const j = this.masterOf(m);
      if (j !== null && this.up(j) && this.masterOf(j) === null) r = j;
    }
    if (r === null) return;
    this.ackChecks++;
    const got = this.dump(r);
    const lost = Run.diff(data, got, `${this.port(m)} before FAILOVER`, `${this.port(r)} after`, true);
    if (lost.length > 0)
      this.fail(
        `acknowledged writes lost: after FAILOVER from ${this.port(m)}, ${this.port(r)} differs:\n${lost.join('\n')}`,
      );
  }

  /** Heal, start, settle, and check that every replica equals its top master. */
  finish(): void {
    const n = this.h.nodes;
    for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) this.link(a, b, true);
    for (let i = 0; i < n; i++) if (!this.up(i)) this.start(i);
    this.trace.push('settle');
    const quiet = this.pg.settle(SETTLE_MS);
    for (let i = 0; i < n; i++) {
      const t = this.topOf(i);
      if (t === i) continue;
      const s = this.pg.snapshot(this.names[i])!;
      const ts = this.pg.snapshot(this.names[t])!;
      if (ts.role !== 'master') this.fail(`replication cycle through ${this.port(i)}`);
      const di = this.digest(i);
      const dt = this.digest(t);
      const where = `${this.port(i)} (replica of ${s.masterPort}) vs its top master ${this.port(t)}`;
      if (di !== dt) {
        const lines = Run.diff(this.dump(t), this.dump(i), String(this.port(t)), String(this.port(i)), false);
        this.fail(`divergence: ${where}: DEBUG DIGEST ${di} vs ${dt}\n${lines.join('\n')}`);
      }
      if (s.linkState !== 'connected') this.fail(`${where}: link ${s.linkState} after settle`);
      if (s.replid !== ts.replid) this.fail(`${where}: replid ${s.replid} vs ${ts.replid}`);
      if (s.masterReplOffset !== ts.masterReplOffset)
        this.fail(`${where}: master_repl_offset ${s.masterReplOffset} vs ${ts.masterReplOffset}`);
    }
    if (!quiet) this.fail('settle: not quiet after 60s');
  }
}

/** Run one history and check it. Never throws for a property violation: see Outcome.failure. */
export function runHistory(version: RedisVersion, h: History): Outcome {
  let run: Run | null = null;
  try {
    run = new Run(version, h);
    run.setup();
    for (const op of h.ops) run.step(op);
    run.finish();
    return { failure: null, trace: run.trace, ackChecks: run.ackChecks };
  } catch (e) {
    const msg =
      e instanceof SoakFailure ? e.message : `crash: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
    return { failure: msg, trace: run?.trace ?? [], ackChecks: run?.ackChecks ?? 0 };
  }
}

/** The .scn that replays a history's run, with a header saying how. */
export function toScn(version: RedisVersion, h: History, out: Outcome): string {
  const head = [
    `# soak history, Redis ${version}, seed ${h.seed}: replay with`,
    `#   npm run --silent scenario -- FILE --seed ${h.seed}`,
    ...(out.failure ? out.failure.split('\n').map((l) => `# ${l}`) : []),
  ];
  return `${[...head, ...out.trace].join('\n')}\n`;
}

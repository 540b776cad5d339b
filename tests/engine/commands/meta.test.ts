/**
 * The command table entries: Redis 7.0.15's arity and flags (commands/*.json), 4.0.14's where
 * they differ (server.c redisCommandTable), one file per command with its syntax line on top.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataCommands } from '../../../src/engine/commands/data';

/** name → [arity, 7.0 flags] as in redis 7.0.15's commands/<name>.json. */
const REDIS70: Record<string, [number, string[]]> = {
  dbsize: [1, ['readonly', 'fast']],
  flushdb: [-1, ['write']],
  flushall: [-1, ['write']],
  keys: [2, ['readonly']],
  scan: [-2, ['readonly', 'touches-arbitrary-keys']],
  type: [2, ['readonly', 'fast']],
  exists: [-2, ['readonly', 'fast']],
  del: [-2, ['write']],
  unlink: [-2, ['write', 'fast']],
  rename: [3, ['write']],
  expire: [-3, ['write', 'fast']],
  pexpire: [-3, ['write', 'fast']],
  expireat: [-3, ['write', 'fast']],
  pexpireat: [-3, ['write', 'fast']],
  ttl: [2, ['readonly', 'fast']],
  pttl: [2, ['readonly', 'fast']],
  persist: [2, ['write', 'fast']],
  set: [-3, ['write', 'denyoom']],
  get: [2, ['readonly', 'fast']],
  getset: [3, ['write', 'denyoom', 'fast']],
  setnx: [3, ['write', 'denyoom', 'fast']],
  setex: [4, ['write', 'denyoom']],
  psetex: [4, ['write', 'denyoom']],
  mset: [-3, ['write', 'denyoom']],
  mget: [-2, ['readonly', 'fast']],
  incr: [2, ['write', 'denyoom', 'fast']],
  decr: [2, ['write', 'denyoom', 'fast']],
  incrby: [3, ['write', 'denyoom', 'fast']],
  decrby: [3, ['write', 'denyoom', 'fast']],
  incrbyfloat: [3, ['write', 'denyoom', 'fast']],
  append: [3, ['write', 'denyoom', 'fast']],
  strlen: [2, ['readonly', 'fast']],
  getdel: [2, ['write', 'fast']],
  lpush: [-3, ['write', 'denyoom', 'fast']],
  rpush: [-3, ['write', 'denyoom', 'fast']],
  lpop: [-2, ['write', 'fast']],
  rpop: [-2, ['write', 'fast']],
  lrange: [4, ['readonly']],
  llen: [2, ['readonly', 'fast']],
  hset: [-4, ['write', 'denyoom', 'fast']],
  hmset: [-4, ['write', 'denyoom', 'fast']],
  hget: [3, ['readonly', 'fast']],
  hgetall: [2, ['readonly']],
  hdel: [-3, ['write', 'fast']],
  hincrby: [4, ['write', 'denyoom', 'fast']],
  hincrbyfloat: [4, ['write', 'denyoom', 'fast']],
  hlen: [2, ['readonly', 'fast']],
  hexists: [3, ['readonly', 'fast']],
  hkeys: [2, ['readonly']],
  hvals: [2, ['readonly']],
  sadd: [-3, ['write', 'denyoom', 'fast']],
  srem: [-3, ['write', 'fast']],
  smembers: [2, ['readonly']],
  sismember: [3, ['readonly', 'fast']],
  scard: [2, ['readonly', 'fast']],
  spop: [-2, ['write', 'fast']],
  srandmember: [-2, ['readonly']],
  zadd: [-4, ['write', 'denyoom', 'fast']],
  zrange: [-4, ['readonly']],
  zscore: [3, ['readonly', 'fast']],
  zrem: [-3, ['write', 'fast']],
  zincrby: [4, ['write', 'denyoom', 'fast']],
  zcard: [2, ['readonly', 'fast']],
  setrange: [4, ['write', 'denyoom']],
  getrange: [4, ['readonly']],
  substr: [4, ['readonly']],
  msetnx: [-3, ['write', 'denyoom']],
  getex: [-2, ['write', 'fast']],
  lcs: [-3, ['readonly']],
  setbit: [4, ['write', 'denyoom']],
  getbit: [3, ['readonly', 'fast']],
  bitcount: [-2, ['readonly']],
  bitpos: [-3, ['readonly']],
  bitop: [-4, ['write', 'denyoom']],
  bitfield: [-2, ['write', 'denyoom']],
  bitfield_ro: [-2, ['readonly', 'fast']],
  lindex: [3, ['readonly']],
  lset: [4, ['write', 'denyoom']],
  linsert: [5, ['write', 'denyoom']],
  lrem: [4, ['write']],
  ltrim: [4, ['write']],
  lpushx: [-3, ['write', 'denyoom', 'fast']],
  rpushx: [-3, ['write', 'denyoom', 'fast']],
  lpos: [-3, ['readonly']],
  lmove: [5, ['write', 'denyoom']],
  rpoplpush: [3, ['write', 'denyoom']],
  lmpop: [-4, ['write']],
  blpop: [-3, ['write', 'noscript', 'blocking']],
  brpop: [-3, ['write', 'noscript', 'blocking']],
  blmove: [6, ['write', 'denyoom', 'noscript', 'blocking']],
  brpoplpush: [4, ['write', 'denyoom', 'noscript', 'blocking']],
  blmpop: [-5, ['write', 'blocking']],
  hmget: [-3, ['readonly', 'fast']],
  hsetnx: [4, ['write', 'denyoom', 'fast']],
  hstrlen: [3, ['readonly', 'fast']],
  hrandfield: [-2, ['readonly']],
  hscan: [-3, ['readonly']],
  sinter: [-2, ['readonly']],
  sinterstore: [-3, ['write', 'denyoom']],
  sunion: [-2, ['readonly']],
  sunionstore: [-3, ['write', 'denyoom']],
  sdiff: [-2, ['readonly']],
  sdiffstore: [-3, ['write', 'denyoom']],
  sintercard: [-3, ['readonly']],
  smove: [4, ['write', 'fast']],
  smismember: [-3, ['readonly', 'fast']],
  sscan: [-3, ['readonly']],
  renamenx: [3, ['write', 'fast']],
  copy: [-3, ['write', 'denyoom']],
  move: [3, ['write', 'fast']],
  swapdb: [3, ['write', 'fast']],
  touch: [-2, ['readonly', 'fast']],
  randomkey: [1, ['readonly']],
  expiretime: [2, ['readonly', 'fast']],
  pexpiretime: [2, ['readonly', 'fast']],
  dump: [2, ['readonly']],
  restore: [-4, ['write', 'denyoom']],
  sort: [-2, ['write', 'denyoom']],
  sort_ro: [-2, ['readonly']],
  geoadd: [-5, ['write', 'denyoom']],
  geodist: [-4, ['readonly']],
  geohash: [-2, ['readonly']],
  geopos: [-2, ['readonly']],
  pfdebug: [3, ['write', 'denyoom', 'admin']],
  pfselftest: [1, ['admin']],
  pfadd: [-2, ['write', 'denyoom', 'fast']],
  pfcount: [-2, ['readonly', 'may-replicate']],
  pfmerge: [-2, ['write', 'denyoom']],
  zcount: [4, ['readonly', 'fast']],
  zlexcount: [4, ['readonly', 'fast']],
  zmscore: [-3, ['readonly', 'fast']],
  zpopmax: [-2, ['write', 'fast']],
  zpopmin: [-2, ['write', 'fast']],
  zrangebylex: [-4, ['readonly']],
  zrangebyscore: [-4, ['readonly']],
  zrangestore: [-5, ['write', 'denyoom']],
  zrandmember: [-2, ['readonly']],
  zrank: [3, ['readonly', 'fast']],
  zremrangebylex: [4, ['write']],
  zremrangebyrank: [4, ['write']],
  zremrangebyscore: [4, ['write']],
  zrevrange: [-4, ['readonly']],
  zrevrangebylex: [-4, ['readonly']],
  zrevrangebyscore: [-4, ['readonly']],
  zrevrank: [3, ['readonly', 'fast']],
  zunion: [-3, ['readonly']],
  zunionstore: [-4, ['write', 'denyoom']],
  zinter: [-3, ['readonly']],
  zinterstore: [-4, ['write', 'denyoom']],
  zdiff: [-3, ['readonly']],
  zdiffstore: [-4, ['write', 'denyoom']],
  zintercard: [-3, ['readonly']],
  zscan: [-3, ['readonly']],
  zmpop: [-4, ['write']],
};

/** Where 4.0.14 differs: arity, flags ('S' is sort-for-script, 'R' random), or absence. */
const REDIS40: Record<string, { arity?: number; flags?: string[]; absent?: true }> = {
  keys: { flags: ['readonly', 'sort-for-script'] },
  hkeys: { flags: ['readonly', 'sort-for-script'] },
  hvals: { flags: ['readonly', 'sort-for-script'] },
  smembers: { flags: ['readonly', 'sort-for-script'] },
  scan: { flags: ['readonly', 'random'] },
  spop: { flags: ['write', 'random', 'fast'] },
  srandmember: { flags: ['readonly', 'random'] },
  getset: { flags: ['write', 'denyoom'] },
  append: { flags: ['write', 'denyoom'] },
  lpop: { arity: 2 },
  rpop: { arity: 2 },
  expire: { arity: 3 },
  pexpire: { arity: 3 },
  expireat: { arity: 3 },
  pexpireat: { arity: 3 },
  getdel: { absent: true },
  getex: { absent: true },
  lcs: { absent: true },
  bitfield_ro: { absent: true },
  lpos: { absent: true },
  lmove: { absent: true },
  lmpop: { absent: true },
  blpop: { flags: ['write', 'noscript'] },
  brpop: { flags: ['write', 'noscript'] },
  blmove: { absent: true },
  brpoplpush: { flags: ['write', 'denyoom', 'noscript'] },
  blmpop: { absent: true },
  hrandfield: { absent: true },
  hscan: { flags: ['readonly', 'random'] },
  sinter: { flags: ['readonly', 'sort-for-script'] },
  sunion: { flags: ['readonly', 'sort-for-script'] },
  sdiff: { flags: ['readonly', 'sort-for-script'] },
  sintercard: { absent: true },
  smismember: { absent: true },
  sscan: { flags: ['readonly', 'random'] },
  copy: { absent: true },
  randomkey: { flags: ['readonly', 'random'] },
  expiretime: { absent: true },
  pexpiretime: { absent: true },
  sort_ro: { absent: true },
  zmscore: { absent: true },
  zrandmember: { absent: true },
  pfcount: { flags: ['readonly'] },
  pfdebug: { arity: -3, flags: ['write'] },
  zpopmax: { absent: true },
  zpopmin: { absent: true },
  zrangestore: { absent: true },
  zunion: { absent: true },
  zinter: { absent: true },
  zdiff: { absent: true },
  zdiffstore: { absent: true },
  zintercard: { absent: true },
  zscan: { flags: ['readonly', 'random'] },
  zmpop: { absent: true },
};

describe('data command table', () => {
  it('has exactly the expected commands, once each', () => {
    const names = dataCommands.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(Object.keys(REDIS70).sort());
  });

  it("matches 7.0's arity and flags", () => {
    for (const c of dataCommands) {
      const [arity, flags] = REDIS70[c.name];
      expect(c.arity, c.name).toBe(arity);
      expect([...c.flags].sort(), c.name).toEqual([...flags].sort());
    }
  });

  it("matches 4.0's where it differs", () => {
    for (const c of dataCommands) {
      const d = REDIS40[c.name] ?? {};
      expect(c.arity40 ?? c.arity, c.name).toBe(d.arity ?? REDIS70[c.name][0]);
      expect([...(c.flags40 ?? c.flags)].sort(), c.name).toEqual([...(d.flags ?? REDIS70[c.name][1])].sort());
      expect(c.versions === undefined || c.versions.includes('4.0'), c.name).toBe(!d.absent);
    }
  });

  it('lives in one file per command, headed by its syntax line', () => {
    const dir = join(__dirname, '../../../src/engine/commands');
    for (const c of dataCommands) {
      // SORT_RO lives in sort-ro.ts as sortRoCommand.
      const text = readFileSync(join(dir, `${c.name.replace(/_/g, '-')}.ts`), 'utf8');
      expect(text.split('\n')[0], c.name).toMatch(new RegExp(`^// ${c.name.toUpperCase()}( |$)`));
      const constName = c.name.replace(/_(.)/g, (_, ch: string) => ch.toUpperCase());
      expect(text, c.name).toContain(`export const ${constName}Command: Command = `);
    }
  });
});

/**
 * Scripting (EVAL, EVALSHA, EVAL_RO, SCRIPT): replies and what each dialect propagates. 7.0 sends
 * a script's effects (one write bare, more in MULTI/EXEC, none for a read-only run); 4.0 sends the
 * script itself, an EVALSHA as the EVAL of its body the first time, SCRIPT LOAD and SCRIPT FLUSH,
 * and a script that called redis.replicate_commands() as its writes between MULTI and EXEC.
 * Offsets are checked byte for byte against the RESP encoding of what should have been sent;
 * tests/diff/scenarios/55 checks the 7.0 replies and offsets against real redis-server.
 */
import { describe, expect, it } from 'vitest';
import { Playground, type Reply } from '../../src/playground';

const M = '127.0.0.1:6379';
const R = '127.0.0.1:6380';

function pair(version: '7.0' | '4.0' = '7.0'): Playground {
  const pg = new Playground({ version, seed: 3 });
  for (const port of [6379, 6380]) {
    const ping = version === '7.0' ? 'repl-ping-replica-period' : 'repl-ping-slave-period';
    pg.addNode('127.0.0.1', port, { [ping]: '3600', 'repl-diskless-sync-delay': '0' });
    pg.start(`127.0.0.1:${port}`);
  }
  pg.exec(R, ['SLAVEOF', '127.0.0.1', '6379']);
  expect(pg.settle()).toBe(true);
  // The first write also sends a SELECT: get it out of the way.
  pg.exec(M, ['SET', 'warm', '1']);
  expect(pg.settle()).toBe(true);
  return pg;
}

/** The RESP bytes of a command, as the replication stream carries it. */
function resp(...argv: string[]): number {
  let n = `*${argv.length}\r\n`.length;
  for (const a of argv) n += `$${a.length}\r\n`.length + a.length + 2;
  return n;
}

function offset(pg: Playground): number {
  return pg.snapshot(M)!.masterReplOffset;
}

/** Run a command on the master, settle, and return the reply and how many bytes it propagated. */
function run(pg: Playground, argv: string[]): { reply: Reply | null; sent: number } {
  const before = offset(pg);
  const reply = pg.exec(M, argv);
  expect(pg.settle()).toBe(true);
  return { reply, sent: offset(pg) - before };
}

const SET_A = "return redis.call('set', KEYS[1], ARGV[1])";
const TWO_WRITES = "redis.call('set', 'a', '1') return redis.call('incr', 'a')";

describe('7.0 scripting replication', () => {
  it('sends a single write bare, two or more in MULTI/EXEC, and nothing for reads', () => {
    const pg = pair();
    expect(run(pg, ['EVAL', SET_A, '1', 'k', 'v']).sent).toBe(resp('set', 'k', 'v'));
    const two = run(pg, ['EVAL', TWO_WRITES, '0']);
    expect(two.reply).toEqual({ t: 'int', n: 2 });
    expect(two.sent).toBe(resp('MULTI') + resp('set', 'a', '1') + resp('incr', 'a') + resp('EXEC'));
    expect(run(pg, ['EVAL', "return redis.call('get', 'a')", '0']).sent).toBe(0);
    expect(run(pg, ['EVAL_RO', "return redis.call('get', 'a')", '0']).reply).toEqual({ t: 'bulk', s: '2' });
    expect(run(pg, ['SCRIPT', 'LOAD', SET_A]).sent).toBe(0);
    expect(run(pg, ['SCRIPT', 'FLUSH']).sent).toBe(0);
    expect(pg.exec(R, ['MGET', 'k', 'a'])).toEqual({
      t: 'array',
      items: [
        { t: 'bulk', s: 'v' },
        { t: 'bulk', s: '2' },
      ],
    });
  });

  it('sends nothing of a script that failed before writing, and what it wrote before failing', () => {
    const pg = pair();
    expect(run(pg, ['EVAL', "error('x')", '0']).sent).toBe(0);
    const r = run(pg, ['EVAL', "redis.call('set', 'a', '1') error('late')", '0']);
    expect(r.reply?.t).toBe('error');
    expect(r.sent).toBe(resp('set', 'a', '1'));
  });

  it('keeps the math.random sequence running across scripts, as one process-wide generator', () => {
    const pg = pair();
    expect(pg.exec(M, ['EVAL', 'return math.random(100)', '0'])).toEqual({ t: 'int', n: 40 });
    expect(pg.exec(M, ['EVAL', 'return {math.random(), math.random(10, 20)}', '0'])).toEqual({
      t: 'array',
      items: [
        { t: 'int', n: 0 },
        { t: 'int', n: 13 },
      ],
    });
  });

  it('refuses writes on a read-only replica and leaves the caller in its db', () => {
    const pg = pair();
    const r = pg.exec(R, ['EVAL', "return redis.call('set', 'x', '1')", '0']);
    expect(r).toEqual({
      t: 'error',
      s: "READONLY You can't write against a read only replica. script: a22335312368ca3ce990a8254cce543809e8ea73, on @user_script:1.",
    });
    pg.exec(M, ['EVAL', "redis.call('select', '2') return redis.call('set', 'in2', 'v')", '0']);
    expect(pg.exec(M, ['EXISTS', 'in2'])).toEqual({ t: 'int', n: 0 });
    expect(pg.settle()).toBe(true);
    pg.exec(R, ['SELECT', '2']);
    expect(pg.exec(R, ['GET', 'in2'])).toEqual({ t: 'bulk', s: 'v' });
  });
});

describe('4.0 scripting replication', () => {
  it('sends the EVAL itself when the script wrote, nothing when it did not', () => {
    const pg = pair('4.0');
    expect(run(pg, ['EVAL', SET_A, '1', 'k', 'v']).sent).toBe(resp('EVAL', SET_A, '1', 'k', 'v'));
    expect(run(pg, ['EVAL', "return redis.call('get', 'k')", '0']).sent).toBe(0);
    expect(pg.exec(R, ['GET', 'k'])).toEqual({ t: 'bulk', s: 'v' });
  });

  it('sends an EVALSHA as the EVAL of its body the first time, then as EVALSHA', () => {
    const pg = pair('4.0');
    const sha = pg.exec(M, ['SCRIPT', 'LOAD', SET_A]);
    expect(sha?.t).toBe('bulk');
    const s = (sha as { s: string }).s;
    // 4.0 propagates SCRIPT LOAD itself; the replica caches the script too.
    expect(pg.settle()).toBe(true);
    expect(pg.exec(R, ['SCRIPT', 'EXISTS', s])).toEqual({ t: 'array', items: [{ t: 'int', n: 1 }] });
    expect(run(pg, ['EVALSHA', s, '1', 'k', 'v1']).sent).toBe(resp('EVAL', SET_A, '1', 'k', 'v1'));
    expect(run(pg, ['EVALSHA', s, '1', 'k', 'v2']).sent).toBe(resp('EVALSHA', s, '1', 'k', 'v2'));
    expect(pg.exec(R, ['GET', 'k'])).toEqual({ t: 'bulk', s: 'v2' });
    // SCRIPT FLUSH is propagated and empties the replication script cache.
    expect(run(pg, ['SCRIPT', 'FLUSH']).sent).toBe(resp('SCRIPT', 'FLUSH'));
    expect(run(pg, ['EVAL', SET_A, '1', 'k', 'v3']).sent).toBe(resp('EVAL', SET_A, '1', 'k', 'v3'));
    expect(run(pg, ['EVALSHA', s, '1', 'k', 'v4']).sent).toBe(resp('EVAL', SET_A, '1', 'k', 'v4'));
  });

  it('sends the writes between MULTI and EXEC after redis.replicate_commands()', () => {
    const pg = pair('4.0');
    const body = `redis.replicate_commands() ${TWO_WRITES}`;
    expect(run(pg, ['EVAL', body, '0']).sent).toBe(
      resp('MULTI') + resp('set', 'a', '1') + resp('incr', 'a') + resp('EXEC'),
    );
    expect(pg.exec(R, ['GET', 'a'])).toEqual({ t: 'bulk', s: '2' });
  });

  it('refuses a write after a random command in whole-script mode, and answers errors in 4.0 words', () => {
    const pg = pair('4.0');
    const r = pg.exec(M, ['EVAL', "redis.call('time') return redis.call('set', 'a', '1')", '0']);
    expect(r?.t).toBe('error');
    expect((r as { s: string }).s).toMatch(
      /^ERR Error running script \(call to f_[0-9a-f]{40}\): @user_script:1: @user_script: 1: Write commands not allowed after non deterministic commands\./,
    );
    expect(pg.exec(M, ['EVAL', 'return x', '0'])).toEqual({
      t: 'error',
      s: "ERR Error running script (call to f_03c387736bb5cc009ff35151572cee04677aa374): @user_script:1: user_script:1: Script attempted to access unexisting global variable 'x'",
    });
  });

  it('draws the same math.random numbers on every run (reseeded with 0)', () => {
    const pg = pair('4.0');
    const a = pg.exec(M, ['EVAL', 'return math.random(1000000)', '0']);
    const b = pg.exec(M, ['EVAL', 'return math.random(1000000)', '0']);
    expect(a).toEqual(b);
  });
});

describe('Lua 5.1 compatibility on Lua 5.3', () => {
  it('provides unpack, table.getn, math.mod and formats numbers passed to commands as %.14g', () => {
    const pg = pair();
    expect(pg.exec(M, ['EVAL', 'return {unpack({1, 2})}', '0'])).toEqual({
      t: 'array',
      items: [
        { t: 'int', n: 1 },
        { t: 'int', n: 2 },
      ],
    });
    expect(pg.exec(M, ['EVAL', 'return table.getn({1, 2, 3})', '0'])).toEqual({ t: 'int', n: 3 });
    expect(pg.exec(M, ['EVAL', 'return math.mod(7, 3)', '0'])).toEqual({ t: 'int', n: 1 });
    expect(pg.exec(M, ['EVAL', 'return tostring(10 / 2) .. tostring(1.5) .. tostring(3)', '0'])).toEqual({
      t: 'bulk',
      s: '51.53',
    });
    pg.exec(M, ['EVAL', "return redis.call('set', 'f', 10 / 4, 'xx')", '0']);
    pg.exec(M, ['EVAL', "return redis.call('set', 'f', 10 / 2)", '0']);
    expect(pg.exec(M, ['GET', 'f'])).toEqual({ t: 'bulk', s: '5' });
    expect(pg.exec(M, ['EVAL', "return redis.call('incrby', 'big', 3000000000)", '0'])).toEqual({
      t: 'int',
      n: 3000000000,
    });
  });

  it('stops a script that never ends and answers a table that contains itself', () => {
    const pg = pair();
    const r = pg.exec(M, ['EVAL', 'while true do end', '0']);
    expect(r?.t).toBe('error');
    expect((r as { s: string }).s).toMatch(/^ERR .*Script stopped by the playground after running too long/);
    const self = pg.exec(M, ['EVAL', 'local t = {} t[1] = t return t', '0']);
    let depth = 0;
    let cur = self;
    while (cur?.t === 'array' && cur.items) {
      cur = cur.items[0];
      depth++;
    }
    expect(cur).toEqual({ t: 'error', s: 'ERR reached lua stack limit' });
    expect(depth).toBeGreaterThan(100);
  }, 60_000);

  it('turns bad scripts into errors, never a crash', () => {
    const pg = pair();
    for (const body of [
      'while true do',
      'return {1, {2, {3}}}',
      'return string.rep("x", -1)',
      `return ${'{'.repeat(60)}1${'}'.repeat(60)}`,
      `return cjson.encode(${'{'.repeat(60)}1${'}'.repeat(60)})`,
      `return cjson.decode('${'['.repeat(60)}1${']'.repeat(60)}')`,
      'local t = setmetatable({}, {__index = function() error("deep") end}) return t.x',
    ]) {
      const r = pg.exec(M, ['EVAL', body, '0']);
      expect(r).not.toBeNull();
      expect(JSON.stringify(r)).not.toContain('Error running script:');
    }
  });
});

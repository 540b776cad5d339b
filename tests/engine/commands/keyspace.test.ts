/**
 * Keyspace commands: DBSIZE, FLUSHDB, FLUSHALL, KEYS, SCAN, TYPE, EXISTS, DEL, UNLINK, RENAME.
 */
import { describe, expect, it } from 'vitest';
import { array, bulk, error, int, OK, type Reply, status } from '../../../src/engine/resp';
import { FakeServer } from './fake-ctx';

const SYNTAX = error('ERR syntax error');

/** The keys of a KEYS reply, sorted. */
function keysOf(r: Reply): string[] {
  if (r.t !== 'array' || r.items === null) throw new Error('not an array');
  return r.items.map((i) => (i.t === 'bulk' ? (i.s ?? '') : '?')).sort();
}

describe('DBSIZE, TYPE, EXISTS', () => {
  it('DBSIZE counts the selected db, due keys included', () => {
    const s = new FakeServer({ now: 0 });
    s.run('MSET', 'a', '1', 'b', '2');
    s.run('PEXPIRE', 'b', '1');
    s.now = 10;
    expect(s.r('DBSIZE')).toEqual(int(2));
    s.selected = 3;
    expect(s.r('DBSIZE')).toEqual(int(0));
  });

  it('TYPE names each type', () => {
    const s = new FakeServer();
    s.run('SET', 's', 'x');
    s.run('LPUSH', 'l', 'x');
    s.run('HSET', 'h', 'f', 'v');
    s.run('SADD', 'st', 'a');
    s.run('ZADD', 'z', '1', 'a');
    const types = ['s', 'l', 'h', 'st', 'z', 'nonex'].map((k) => s.r('TYPE', k));
    expect(types).toEqual(['string', 'list', 'hash', 'set', 'zset', 'none'].map(status));
  });

  it('EXISTS counts repeats', () => {
    const s = new FakeServer();
    s.run('SET', 'e', '1');
    expect(s.r('EXISTS', 'e', 'e', 'nonex')).toEqual(int(2));
  });
});

describe('DEL, UNLINK', () => {
  it('count what existed; dirty moves by that count', () => {
    const s = new FakeServer();
    s.run('MSET', 'a', '1', 'b', '2');
    expect(s.run('DEL', 'a', 'b', 'zz')).toMatchObject({
      reply: int(2),
      dirty: 2,
      propagated: [['DEL', 'a', 'b', 'zz']],
    });
    expect(s.run('UNLINK', 'a')).toMatchObject({ reply: int(0), dirty: 0, propagated: [] });
  });

  it('a due key on a master is expired (its own DEL), not counted', () => {
    const s = new FakeServer({ now: 0 });
    s.run('SET', 'a', '1', 'PX', '5');
    s.now = 6;
    expect(s.run('DEL', 'a')).toMatchObject({ reply: int(0), propagated: [['DEL', 'a']] });
  });

  it('a due key on a replica is still there to delete, and counts', () => {
    const s = new FakeServer({ now: 0, isReplica: true });
    s.run('SET', 'a', '1', 'PX', '5');
    s.now = 6;
    expect(s.r('GET', 'a')).toEqual(bulk(null));
    expect(s.run('DEL', 'a')).toMatchObject({ reply: int(1), propagated: [['DEL', 'a']] });
  });
});

describe('RENAME', () => {
  it('moves the value and its TTL, replacing the target', () => {
    const s = new FakeServer({ now: 0 });
    s.run('SET', 'c', '1', 'EX', '100');
    s.run('SET', 'e', 'old', 'EX', '5');
    expect(s.run('RENAME', 'c', 'e')).toMatchObject({ reply: OK, dirty: 1, propagated: [['RENAME', 'c', 'e']] });
    expect(s.db.dict.get('e')).toBe('1');
    expect(s.db.expires.get('e')).toBe(100_000);
    expect(s.db.dict.has('c')).toBe(false);
    s.run('SET', 'p', 'v');
    s.run('RENAME', 'p', 'e');
    expect(s.db.expires.has('e')).toBe(false);
  });

  it('errors on a missing source, and renaming onto itself changes nothing', () => {
    const s = new FakeServer();
    expect(s.r('RENAME', 'c', 'd')).toEqual(error('ERR no such key'));
    expect(s.r('RENAME', 'c', 'c')).toEqual(error('ERR no such key'));
    s.run('SET', 'd', '1');
    expect(s.run('RENAME', 'd', 'd')).toMatchObject({ reply: OK, dirty: 0, propagated: [] });
  });
});

describe('FLUSHDB, FLUSHALL', () => {
  it('FLUSHDB empties the selected db and always propagates in 7.0', () => {
    const s = new FakeServer();
    s.run('MSET', 'a', '1', 'b', '2');
    s.selected = 1;
    s.run('SET', 'x', '1');
    s.selected = 0;
    expect(s.run('FLUSHDB')).toMatchObject({ reply: OK, dirty: 2, propagated: [['FLUSHDB']] });
    expect(s.dbs[1].dict.size).toBe(1);
    expect(s.run('FLUSHDB', 'async')).toMatchObject({ reply: OK, dirty: 0, propagated: [['FLUSHDB', 'async']] });
    expect(s.r('FLUSHDB', 'SYNC')).toEqual(OK);
    expect(s.r('FLUSHDB', 'foo')).toEqual(SYNTAX);
    expect(s.r('FLUSHDB', 'async', 'x')).toEqual(SYNTAX);
  });

  it('4.0 FLUSHDB: ASYNC only, and an empty db propagates nothing', () => {
    const s = new FakeServer({ version: '4.0' });
    expect(s.r('FLUSHDB', 'SYNC')).toEqual(SYNTAX);
    expect(s.run('FLUSHDB')).toMatchObject({ reply: OK, propagated: [] });
    s.run('SET', 'a', '1');
    expect(s.run('FLUSHDB', 'ASYNC')).toMatchObject({ dirty: 1, propagated: [['FLUSHDB', 'ASYNC']] });
  });

  it('FLUSHALL empties every db', () => {
    const s = new FakeServer();
    s.run('SET', 'a', '1');
    s.selected = 5;
    s.run('SET', 'b', '1');
    expect(s.run('FLUSHALL')).toMatchObject({ reply: OK, dirty: 2, propagated: [['FLUSHALL']] });
    expect(s.dbs.every((d) => d.dict.size === 0)).toBe(true);
    expect(s.run('FLUSHALL', 'sync')).toMatchObject({ dirty: 0, propagated: [['FLUSHALL', 'sync']] });
    expect(s.r('FLUSHALL', 'x')).toEqual(SYNTAX);
    const old = new FakeServer({ version: '4.0' });
    expect(old.run('FLUSHALL')).toMatchObject({ dirty: 1, propagated: [['FLUSHALL']] });
  });
});

describe('KEYS', () => {
  it('matches the glob and hides due keys without deleting them', () => {
    const s = new FakeServer({ now: 0 });
    s.run('MSET', 'hello', '1', 'hallo', '1', 'hxllo', '1', 'other', '1', '', '1');
    s.run('PEXPIRE', 'hxllo', '1');
    s.now = 5;
    const r = s.run('KEYS', 'h?llo');
    expect(keysOf(r.reply)).toEqual(['hallo', 'hello']);
    expect(r.propagated).toEqual([]);
    expect(s.db.dict.has('hxllo')).toBe(true);
    expect(keysOf(s.r('KEYS', 'h[^e]llo'))).toEqual(['hallo']);
    // A lone '*' lists the empty key too; the matcher itself never matches "".
    expect(keysOf(s.r('KEYS', '*'))).toEqual(['', 'hallo', 'hello', 'other']);
    expect(keysOf(s.r('KEYS', '**'))).toEqual(['hallo', 'hello', 'other']);
  });
});

describe('SCAN', () => {
  /** Run a whole SCAN iteration, returning the keys seen and the calls made. */
  function scanAll(s: FakeServer, ...opts: string[]): { keys: string[]; calls: number } {
    let cursor = '0';
    const keys: string[] = [];
    let calls = 0;
    do {
      const r = s.r('SCAN', cursor, ...opts);
      if (r.t !== 'array' || r.items === null) throw new Error('bad reply');
      const [c, batch] = r.items;
      cursor = c.t === 'bulk' ? (c.s ?? '') : '';
      keys.push(...keysOf(batch));
      calls++;
    } while (cursor !== '0' && calls < 1000);
    return { keys: keys.sort(), calls };
  }

  it('visits every key exactly once across calls', () => {
    const s = new FakeServer();
    const all: string[] = [];
    for (let i = 0; i < 100; i++) all.push(`key:${i}`);
    for (const k of all) s.run('SET', k, 'v');
    const { keys, calls } = scanAll(s);
    expect(keys).toEqual([...all].sort());
    expect(calls).toBeGreaterThanOrEqual(10);
    expect(scanAll(s, 'COUNT', '1000').calls).toBe(1);
  });

  it('keeps its promise while keys are deleted and added mid-iteration', () => {
    const s = new FakeServer();
    for (let i = 0; i < 50; i++) s.run('SET', `k${i}`, 'v');
    const seen = new Set<string>();
    let cursor = '0';
    let round = 0;
    do {
      const r = s.r('SCAN', cursor, 'COUNT', '5');
      if (r.t !== 'array' || r.items === null) throw new Error('bad reply');
      cursor = r.items[0].t === 'bulk' ? (r.items[0].s ?? '') : '';
      for (const k of keysOf(r.items[1])) seen.add(k);
      // Churn: drop one of the odd keys, add a new key.
      s.run('DEL', `k${2 * round + 1}`);
      s.run('SET', `new${round}`, 'v');
      round++;
    } while (cursor !== '0');
    for (let i = 0; i < 50; i += 2) expect(seen.has(`k${i}`), `k${i}`).toBe(true);
  });

  it('filters by MATCH and TYPE, and expires due keys it meets', () => {
    const s = new FakeServer({ now: 0 });
    s.run('MSET', 'a1', '1', 'a2', '1', 'b1', '1');
    s.run('LPUSH', 'alist', 'x');
    s.run('PEXPIRE', 'a2', '1');
    s.now = 10;
    expect(scanAll(s, 'MATCH', 'a*', 'TYPE', 'STRING').keys).toEqual(['a1']);
    expect(scanAll(s, 'TYPE', 'list').keys).toEqual(['alist']);
    const r = s.run('SCAN', '0', 'COUNT', '100');
    expect(r.propagated).toEqual([]);
    expect(s.db.dict.has('a2')).toBe(false);
  });

  it('propagates the DEL of a due key it expires', () => {
    const s = new FakeServer({ now: 0 });
    s.run('SET', 'gone', '1', 'PX', '1');
    s.now = 10;
    expect(s.run('SCAN', '0')).toMatchObject({
      reply: array([bulk('0'), array([])]),
      propagated: [['DEL', 'gone']],
    });
  });

  it('checks the cursor and options like Redis', () => {
    const s = new FakeServer();
    expect(s.r('SCAN', 'x')).toEqual(error('ERR invalid cursor'));
    expect(s.r('SCAN', '-')).toEqual(error('ERR invalid cursor'));
    expect(s.r('SCAN', ' 1')).toEqual(error('ERR invalid cursor'));
    expect(s.r('SCAN', '18446744073709551616')).toEqual(error('ERR invalid cursor'));
    expect(s.r('SCAN', '18446744073709551615')).toEqual(array([bulk('0'), array([])]));
    expect(s.r('SCAN', '0', 'COUNT', '0')).toEqual(SYNTAX);
    expect(s.r('SCAN', '0', 'COUNT', 'x')).toEqual(error('ERR value is not an integer or out of range'));
    expect(s.r('SCAN', '0', 'MATCH')).toEqual(SYNTAX);
    expect(s.r('SCAN', '0', 'foo', 'bar')).toEqual(SYNTAX);
    expect(new FakeServer({ version: '4.0' }).r('SCAN', '0', 'TYPE', 'string')).toEqual(SYNTAX);
  });
});

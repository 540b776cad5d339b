/**
 * ZUNION / ZINTER / ZDIFF, their STORE forms, ZINTERCARD and ZSCAN beyond the golden transcript
 * (tests/engine/commands/golden/zsetops.golden): what a STORE form propagates, 4.0's dialect,
 * encodings of a stored result, and ZSCAN's cursor walk of a skiplist.
 */
import { describe, expect, it } from 'vitest';
import { array, bulk, bulkArray, error, int, type Reply } from '../../../src/engine/resp';
import { Wire } from '../wire';
import { FakeServer } from './fake-ctx';

describe('STORE forms', () => {
  it('are propagated as typed when they store or delete, and not at all otherwise', () => {
    const s = new FakeServer();
    s.run('ZADD', 'a', '1', 'x', '2', 'y');
    s.run('ZADD', 'b', '5', 'y');
    const cmd = ['ZINTERSTORE', 'd', '2', 'a', 'b', 'WEIGHTS', '1', '2'];
    expect(s.run(...cmd)).toMatchObject({ reply: int(1), dirty: 1, propagated: [cmd] });
    expect(s.r('ZSCORE', 'd', 'y')).toEqual(bulk('12'));
    // An empty result deletes the destination: a change, propagated.
    const del = ['ZDIFFSTORE', 'd', '2', 'a', 'a'];
    expect(s.run(...del)).toMatchObject({ reply: int(0), dirty: 1, propagated: [del] });
    expect(s.db.dict.has('d')).toBe(false);
    // Nothing to delete: no change, nothing propagated.
    expect(s.run(...del)).toMatchObject({ reply: int(0), dirty: 0, propagated: [] });
  });

  it('replace a destination of another type and drop its TTL', () => {
    const s = new FakeServer();
    s.run('ZADD', 'a', '1', 'x');
    s.run('SET', 'd', 'v', 'EX', '100');
    expect(s.r('ZUNIONSTORE', 'd', '1', 'a')).toEqual(int(1));
    expect(s.r('TYPE', 'd')).toEqual({ t: 'status', s: 'zset' });
    expect(s.r('TTL', 'd')).toEqual(int(-1));
  });

  it('store a listpack when small enough, a skiplist otherwise', () => {
    const w = new Wire('7.0', 6379);
    w.srv.onAccept(1, '127.0.0.1:50001');
    const args: string[] = [];
    for (let i = 0; i < 129; i++) args.push(String(i), `m${i}`);
    w.send(1, 'ZADD', 'big', ...args);
    w.send(1, 'ZADD', 'small', '1', 'a');
    w.send(1, 'ZADD', 'long', '1', 'x'.repeat(65));
    w.send(1, 'ZUNIONSTORE', 'd1', '1', 'small');
    w.send(1, 'ZUNIONSTORE', 'd2', '1', 'big');
    w.send(1, 'ZUNIONSTORE', 'd3', '2', 'long', 'small');
    w.take(1);
    w.send(1, 'OBJECT', 'ENCODING', 'd1');
    w.send(1, 'OBJECT', 'ENCODING', 'd2');
    w.send(1, 'OBJECT', 'ENCODING', 'd3');
    expect(w.take(1)).toBe('$8\r\nlistpack\r\n$8\r\nskiplist\r\n$8\r\nskiplist\r\n');
  });
});

describe('4.0 dialect', () => {
  it('ZUNIONSTORE / ZINTERSTORE answer with 4.0 texts and know no WITHSCORES', () => {
    const s = new FakeServer({ version: '4.0' });
    s.run('ZADD', 'a', '1', 'x');
    expect(s.r('ZUNIONSTORE', 'd', '0', 'a')).toEqual(
      error('ERR at least 1 input key is needed for ZUNIONSTORE/ZINTERSTORE'),
    );
    expect(s.r('ZINTERSTORE', 'd', '1', 'a', 'WITHSCORES')).toEqual(error('ERR syntax error'));
    expect(s.r('ZINTERSTORE', 'd', '1', 'a', 'AGGREGATE', 'MAX')).toEqual(int(1));
  });

  it('keeps a -0 score in a stored ziplist (7.0 stores it as 0)', () => {
    for (const [version, want] of [
      ['4.0', '-0'],
      ['7.0', '0'],
    ] as const) {
      const s = new FakeServer({ version });
      s.run('ZADD', 'a', '0', 'x');
      s.run('ZUNIONSTORE', 'd', '1', 'a', 'WEIGHTS', '-1');
      expect(s.r('ZSCORE', 'd', 'x'), version).toEqual(bulk(want));
    }
  });
});

describe('ZSCAN of a skiplist', () => {
  it('walks every member once, with its score, cursor by cursor', () => {
    const s = new FakeServer();
    const args: string[] = [];
    for (let i = 0; i < 200; i++) args.push(`${i}.5`, `m${i}`);
    s.run('ZADD', 'z', ...args);
    const seen = new Map<string, string>();
    let cursor = '0';
    let calls = 0;
    do {
      const r = s.r('ZSCAN', 'z', cursor, 'COUNT', '20') as Extract<Reply, { t: 'array' }>;
      const [c, items] = r.items as [Extract<Reply, { t: 'bulk' }>, Extract<Reply, { t: 'array' }>];
      cursor = String(c.s);
      const flat = (items.items ?? []).map((x) => String((x as Extract<Reply, { t: 'bulk' }>).s));
      for (let i = 0; i < flat.length; i += 2) {
        expect(seen.has(flat[i])).toBe(false);
        seen.set(flat[i], flat[i + 1]);
      }
      calls++;
    } while (cursor !== '0' && calls < 100);
    expect(calls).toBeGreaterThan(1);
    expect(seen.size).toBe(200);
    expect(seen.get('m7')).toBe('7.5');
  });

  it('filters with MATCH after picking', () => {
    const s = new FakeServer();
    s.run('ZADD', 'z', '1', 'ab', '2', 'b');
    expect(s.r('ZSCAN', 'z', '0', 'MATCH', 'a*')).toEqual(array([bulk('0'), bulkArray(['ab', '1'])]));
  });
});

describe('ZMPOP', () => {
  it('is propagated as ZPOPMIN / ZPOPMAX with the number popped (as real 7.0.15 does)', () => {
    const s = new FakeServer();
    s.run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    expect(s.run('ZMPOP', '2', 'none', 'z', 'MIN', 'COUNT', '2')).toMatchObject({
      dirty: 2,
      propagated: [['ZPOPMIN', 'z', '2']],
    });
    expect(s.run('ZMPOP', '1', 'z', 'MAX', 'COUNT', '10')).toMatchObject({
      reply: array([bulk('z'), array([bulkArray(['c', '3'])])]),
      propagated: [['ZPOPMAX', 'z', '1']],
    });
    expect(s.db.dict.has('z')).toBe(false);
    expect(s.run('ZMPOP', '1', 'z', 'MIN')).toMatchObject({ dirty: 0, propagated: [] });
  });
});

/**
 * The newer hash and set commands beyond their replies (golden/hashes-sets.golden has those,
 * recorded from redis-server 7.0.15): what they propagate, what they change for WATCH, and the
 * random picks of HRANDFIELD drawn from the server's seeded randomness.
 */
import { describe, expect, it } from 'vitest';
import { array, bulk, error, int } from '../../../src/engine/resp';
import { FakeServer } from './fake-ctx';

describe('hash writes', () => {
  it('HSETNX propagates only when it sets', () => {
    const s = new FakeServer();
    expect(s.run('HSETNX', 'h', 'f', 'v').propagated).toEqual([['HSETNX', 'h', 'f', 'v']]);
    expect(s.run('HSETNX', 'h', 'f', 'w')).toMatchObject({ reply: int(0), propagated: [] });
  });

  it('HRANDFIELD: distinct fields for a positive count, repeats for a negative one', () => {
    const s = new FakeServer();
    s.run('HSET', 'h', 'a', '1', 'b', '2', 'c', '3', 'd', '4');
    const picked = s.r('HRANDFIELD', 'h', '3') as unknown as { items: { s: string }[] };
    expect(new Set(picked.items.map((i) => i.s)).size).toBe(3);
    expect((s.r('HRANDFIELD', 'h', '-10') as unknown as { items: unknown[] }).items).toHaveLength(10);
    expect(s.r('HRANDFIELD', 'h', '-1', 'WITHVALUES')).toMatchObject({ t: 'array' });
    expect(s.r('HRANDFIELD', 'h', '-100000000')).toEqual(error('ERR value is out of range'));
  });
});

describe('set writes', () => {
  it('the STORE forms propagate as typed, or delete the destination for an empty result', () => {
    const s = new FakeServer();
    s.run('SADD', 'a', '1', '2', '3');
    s.run('SADD', 'b', '2', '3', '4');
    expect(s.run('SINTERSTORE', 'd', 'a', 'b')).toMatchObject({
      reply: int(2),
      propagated: [['SINTERSTORE', 'd', 'a', 'b']],
    });
    expect(s.run('SDIFFSTORE', 'd', 'a', 'a')).toMatchObject({ reply: int(0), dirty: 1 });
    expect(s.db.dict.has('d')).toBe(false);
    expect(s.run('SUNIONSTORE', 'd', 'none')).toMatchObject({ reply: int(0), dirty: 0, propagated: [] });
    expect(s.touched).toEqual(['0:d', '0:d']);
  });

  it('SMOVE moves dirty once or twice, and touches what changed', () => {
    const s = new FakeServer();
    s.run('SADD', 'a', '1', '2');
    s.run('SADD', 'b', '2');
    expect(s.run('SMOVE', 'a', 'b', '2')).toMatchObject({ reply: int(1), dirty: 1 });
    expect(s.run('SMOVE', 'a', 'b', '1')).toMatchObject({ reply: int(1), dirty: 2 });
    expect(s.db.dict.has('a')).toBe(false);
    expect(s.touched).toEqual(['0:a', '0:a', '0:b']);
    expect(s.r('SMISMEMBER', 'b', '1', '2', '3')).toEqual(array([int(1), int(1), int(0)]));
  });

  it('4.0 has no SINTERCARD, SMISMEMBER or HRANDFIELD', () => {
    const s = new FakeServer({ version: '4.0' });
    s.run('HSET', 'h', 'f', 'v');
    expect(s.r('HMGET', 'h', 'f', 'x')).toEqual(array([bulk('v'), { t: 'bulk', s: null }]));
  });
});

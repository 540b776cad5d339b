/** Sorted-set commands: ZADD, ZINCRBY, ZRANGE (rank, BYSCORE, BYLEX, REV, LIMIT, WITHSCORES), ZSCORE, ZREM, ZCARD. */
import { describe, expect, it } from 'vitest';
import { bulk, bulkArray, EMPTY_ARRAY, error, int, NIL } from '../../../src/engine/resp';
import { FakeServer } from './fake-ctx';

const WRONGTYPE = error('WRONGTYPE Operation against a key holding the wrong kind of value');
const SYNTAX = error('ERR syntax error');

/** A zset with a=1 b=2 c=3 d=4. */
function abcd(version: '4.0' | '7.0' = '7.0'): FakeServer {
  const s = new FakeServer({ version });
  s.run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd');
  return s;
}

describe('ZADD', () => {
  it('adds and updates; dirty by added + updated; CH', () => {
    const s = new FakeServer();
    expect(s.run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c')).toMatchObject({ reply: int(3), dirty: 3 });
    expect(s.run('ZADD', 'z', '1', 'a')).toMatchObject({ reply: int(0), dirty: 0, propagated: [] });
    expect(s.run('ZADD', 'z', 'CH', '5', 'a', '2', 'b')).toMatchObject({ reply: int(1), dirty: 1 });
    expect(s.r('ZADD', 'z', 'NX', '9', 'a', '4', 'd')).toEqual(int(1));
    expect(s.r('ZADD', 'z', 'XX', '7', 'a', '8', 'e')).toEqual(int(0));
    expect(s.r('ZSCORE', 'z', 'a')).toEqual(bulk('7'));
    expect(s.db.dict.has('nothere')).toBe(false);
    expect(s.r('ZADD', 'nothere', 'XX', '1', 'a')).toEqual(int(0));
    expect(s.db.dict.has('nothere')).toBe(false);
  });

  it('GT / LT compare against the current score only', () => {
    const s = new FakeServer();
    s.run('ZADD', 'z', '7', 'a');
    expect(s.r('ZADD', 'z', 'GT', '1', 'a')).toEqual(int(0));
    expect(s.r('ZSCORE', 'z', 'a')).toEqual(bulk('7'));
    expect(s.r('ZADD', 'z', 'GT', 'CH', '10', 'a', '11', 'f')).toEqual(int(2));
    expect(s.r('ZADD', 'z', 'LT', '1', 'a')).toEqual(int(0));
    expect(s.r('ZSCORE', 'z', 'a')).toEqual(bulk('1'));
  });

  it('INCR replies the new score, nil when vetoed', () => {
    const s = new FakeServer();
    s.run('ZADD', 'z', '1', 'a');
    expect(s.r('ZADD', 'z', 'INCR', '5', 'a')).toEqual(bulk('6'));
    expect(s.r('ZADD', 'z', 'INCR', 'NX', '5', 'a')).toEqual(NIL);
    expect(s.r('ZADD', 'z', 'INCR', 'XX', '5', 'q')).toEqual(NIL);
    expect(s.r('ZADD', 'z', 'INCR', 'GT', '-1', 'a')).toEqual(NIL);
  });

  it('errors', () => {
    const s = new FakeServer();
    s.run('ZADD', 'z', '1', 'a');
    expect(s.r('ZADD', 'z', 'NX', 'XX', '1', 'a')).toEqual(
      error('ERR XX and NX options at the same time are not compatible'),
    );
    expect(s.r('ZADD', 'z', 'GT', 'LT', '1', 'a')).toEqual(
      error('ERR GT, LT, and/or NX options at the same time are not compatible'),
    );
    expect(s.r('ZADD', 'z', 'NX', 'GT', '1', 'a')).toEqual(
      error('ERR GT, LT, and/or NX options at the same time are not compatible'),
    );
    expect(s.r('ZADD', 'z', 'INCR', '1', 'a', '2', 'b')).toEqual(
      error('ERR INCR option supports a single increment-element pair'),
    );
    expect(s.r('ZADD', 'z', '1', 'a', '2')).toEqual(SYNTAX);
    expect(s.r('ZADD', 'z', 'abc', 'a')).toEqual(error('ERR value is not a valid float'));
    expect(s.r('ZADD', 'z', 'nan', 'a')).toEqual(error('ERR value is not a valid float'));
    s.run('ZADD', 'z', 'inf', 'inf');
    expect(s.run('ZINCRBY', 'z', '-inf', 'inf')).toMatchObject({
      reply: error('ERR resulting score is not a number (NaN)'),
      dirty: 0,
    });
    s.run('SET', 'str', 'x');
    expect(s.r('ZADD', 'str', '1', 'a')).toEqual(WRONGTYPE);
  });

  it('4.0 has no GT/LT: they read as a score', () => {
    const s = new FakeServer({ version: '4.0' });
    expect(s.r('ZADD', 'z', 'GT', '1', 'a')).toEqual(SYNTAX);
    expect(s.r('ZADD', 'z', 'GT', '1', 'a', '2')).toEqual(error('ERR value is not a valid float'));
  });

  it('prints scores with %.17g; -0 is stored as 0 (7.0 listpack) but ZINCRBY replies -0', () => {
    const s = new FakeServer();
    s.run('ZADD', 'f', '0.1', 'a', '1e17', 'b', '-0', 'c', '123456789012345.125', 'd', '1e-5', 'e');
    expect(s.r('ZRANGE', 'f', '0', '-1', 'WITHSCORES')).toEqual(
      bulkArray([
        'c',
        '0',
        'e',
        '1.0000000000000001e-05',
        'a',
        '0.10000000000000001',
        'd',
        '123456789012345.12',
        'b',
        '1e+17',
      ]),
    );
    expect(s.r('ZINCRBY', 'g', '-0', 'c')).toEqual(bulk('-0'));
    expect(s.r('ZSCORE', 'g', 'c')).toEqual(bulk('0'));
    const old = new FakeServer({ version: '4.0' });
    old.run('ZADD', 'g', '-0', 'c');
    expect(old.r('ZSCORE', 'g', 'c')).toEqual(bulk('-0'));
  });
});

describe('ZINCRBY, ZSCORE, ZCARD, ZREM', () => {
  it('work and fail like Redis', () => {
    const s = abcd();
    expect(s.run('ZINCRBY', 'z', '2.5', 'b')).toMatchObject({
      reply: bulk('4.5'),
      propagated: [['ZINCRBY', 'z', '2.5', 'b']],
    });
    expect(s.r('ZINCRBY', 'z', '1', 'new')).toEqual(bulk('1'));
    expect(s.r('ZINCRBY', 'z', 'abc', 'a')).toEqual(error('ERR value is not a valid float'));
    expect(s.r('ZSCORE', 'z', 'nope')).toEqual(NIL);
    expect(s.r('ZSCORE', 'nonex', 'a')).toEqual(NIL);
    expect(s.r('ZCARD', 'z')).toEqual(int(5));
    expect(s.r('ZCARD', 'nonex')).toEqual(int(0));
    expect(s.run('ZREM', 'z', 'a', 'b', 'nope')).toMatchObject({ reply: int(2), dirty: 2 });
    expect(s.run('ZREM', 'z', 'nope')).toMatchObject({ reply: int(0), propagated: [] });
    expect(s.r('ZREM', 'z', 'c', 'd', 'new')).toEqual(int(3));
    expect(s.db.dict.has('z')).toBe(false);
    s.run('SET', 'str', 'x');
    for (const args of [
      ['ZSCORE', 'str', 'a'],
      ['ZCARD', 'str'],
      ['ZREM', 'str', 'a'],
      ['ZINCRBY', 'str', '1', 'a'],
      ['ZRANGE', 'str', '0', '1'],
    ]) {
      expect(s.r(...args), args.join(' ')).toEqual(WRONGTYPE);
    }
  });
});

describe('ZRANGE', () => {
  it('by rank, REV, WITHSCORES', () => {
    const s = abcd();
    expect(s.r('ZRANGE', 'z', '0', '-1')).toEqual(bulkArray(['a', 'b', 'c', 'd']));
    expect(s.r('ZRANGE', 'z', '1', '2', 'withscores')).toEqual(bulkArray(['b', '2', 'c', '3']));
    expect(s.r('ZRANGE', 'z', '-3', '-1')).toEqual(bulkArray(['b', 'c', 'd']));
    expect(s.r('ZRANGE', 'z', '0', '1', 'REV', 'WITHSCORES')).toEqual(bulkArray(['d', '4', 'c', '3']));
    expect(s.r('ZRANGE', 'z', '5', '1')).toEqual(EMPTY_ARRAY);
    expect(s.r('ZRANGE', 'nonex', '0', '-1')).toEqual(EMPTY_ARRAY);
  });

  it('BYSCORE with exclusive bounds, infinities, REV and LIMIT', () => {
    const s = abcd();
    expect(s.r('ZRANGE', 'z', '(1', '3', 'BYSCORE')).toEqual(bulkArray(['b', 'c']));
    expect(s.r('ZRANGE', 'z', '-inf', '+inf', 'BYSCORE', 'LIMIT', '1', '2')).toEqual(bulkArray(['b', 'c']));
    expect(s.r('ZRANGE', 'z', '-inf', '+inf', 'BYSCORE', 'LIMIT', '-1', '2')).toEqual(EMPTY_ARRAY);
    expect(s.r('ZRANGE', 'z', '-inf', '+inf', 'BYSCORE', 'LIMIT', '0', '-5')).toEqual(bulkArray(['a', 'b', 'c', 'd']));
    expect(s.r('ZRANGE', 'z', '(4', '(1', 'BYSCORE', 'REV', 'WITHSCORES')).toEqual(bulkArray(['c', '3', 'b', '2']));
    expect(s.r('ZRANGE', 'z', '+inf', '-inf', 'BYSCORE', 'REV', 'LIMIT', '1', '1')).toEqual(bulkArray(['c']));
    // Bare strtod: empty reads 0, leading blanks pass, trailing ones do not.
    expect(s.r('ZRANGE', 'z', '', ' 2', 'BYSCORE')).toEqual(bulkArray(['a', 'b']));
    expect(s.r('ZRANGE', 'z', '1 ', '2', 'BYSCORE')).toEqual(error('ERR min or max is not a float'));
  });

  it('BYLEX', () => {
    const s = new FakeServer();
    s.run('ZADD', 'l', '0', 'a', '0', 'b', '0', 'c', '0', 'd', '0', 'e');
    expect(s.r('ZRANGE', 'l', '[b', '(d', 'BYLEX')).toEqual(bulkArray(['b', 'c']));
    expect(s.r('ZRANGE', 'l', '+', '-', 'BYLEX', 'REV', 'LIMIT', '0', '2')).toEqual(bulkArray(['e', 'd']));
    expect(s.r('ZRANGE', 'l', '-', '+', 'BYLEX', 'LIMIT', '2', '10')).toEqual(bulkArray(['c', 'd', 'e']));
    expect(s.r('ZRANGE', 'l', '+', '-', 'BYLEX')).toEqual(EMPTY_ARRAY);
    expect(s.r('ZRANGE', 'l', 'a', 'b', 'BYLEX')).toEqual(error('ERR min or max not valid string range item'));
    expect(s.r('ZRANGE', 'l', '-', '+', 'BYLEX', 'WITHSCORES')).toEqual(
      error('ERR syntax error, WITHSCORES not supported in combination with BYLEX'),
    );
  });

  it('option errors, checked before the range and the key', () => {
    const s = abcd();
    expect(s.r('ZRANGE', 'z', '0', '-1', 'LIMIT', '0', '1')).toEqual(
      error('ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX'),
    );
    // LIMIT with a count of -1 reads as no LIMIT at all.
    expect(s.r('ZRANGE', 'z', '0', '-1', 'LIMIT', '0', '-1')).toEqual(bulkArray(['a', 'b', 'c', 'd']));
    expect(s.r('ZRANGE', 'z', '0', '-1', 'BYSCORE', 'BYSCORE')).toEqual(SYNTAX);
    expect(s.r('ZRANGE', 'z', '0', '-1', 'REV', 'REV')).toEqual(SYNTAX);
    expect(s.r('ZRANGE', 'nonex', '0', '-1', 'FOO')).toEqual(SYNTAX);
    expect(s.r('ZRANGE', 'nonex', 'a', '1')).toEqual(error('ERR value is not an integer or out of range'));
  });

  it('4.0: only start stop [WITHSCORES]', () => {
    const s = abcd('4.0');
    expect(s.r('ZRANGE', 'z', '0', '1', 'WITHSCORES')).toEqual(bulkArray(['a', '1', 'b', '2']));
    expect(s.r('ZRANGE', 'z', '0', '1', 'REV')).toEqual(SYNTAX);
    expect(s.r('ZRANGE', 'z', '(1', '3', 'BYSCORE')).toEqual(error('ERR value is not an integer or out of range'));
  });
});

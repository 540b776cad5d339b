/** Hash commands: HSET, HMSET, HGET, HGETALL, HDEL, HINCRBY, HINCRBYFLOAT, HLEN, HEXISTS, HKEYS, HVALS. */
import { describe, expect, it } from 'vitest';
import { bulk, bulkArray, EMPTY_ARRAY, error, int, NIL, OK } from '../../../src/engine/resp';
import { FakeServer } from './fake-ctx';

const WRONGTYPE = error('WRONGTYPE Operation against a key holding the wrong kind of value');

describe('HSET, HMSET and the readers', () => {
  it('HSET counts new fields, HMSET says OK; insertion order is kept', () => {
    const s = new FakeServer();
    expect(s.run('HSET', 'h', 'a', '1', 'b', '2')).toMatchObject({ reply: int(2), dirty: 2 });
    expect(s.run('HSET', 'h', 'a', '3', 'c', '4')).toMatchObject({ reply: int(1), dirty: 2 });
    expect(s.run('HMSET', 'h', 'x', '1')).toMatchObject({ reply: OK, propagated: [['HMSET', 'h', 'x', '1']] });
    expect(s.r('HGETALL', 'h')).toEqual(bulkArray(['a', '3', 'b', '2', 'c', '4', 'x', '1']));
    expect(s.r('HKEYS', 'h')).toEqual(bulkArray(['a', 'b', 'c', 'x']));
    expect(s.r('HVALS', 'h')).toEqual(bulkArray(['3', '2', '4', '1']));
    expect(s.r('HLEN', 'h')).toEqual(int(4));
    expect(s.r('HGET', 'h', 'a')).toEqual(bulk('3'));
    expect(s.r('HGET', 'h', 'zz')).toEqual(NIL);
    expect(s.r('HEXISTS', 'h', 'a')).toEqual(int(1));
    expect(s.r('HEXISTS', 'h', 'q')).toEqual(int(0));
  });

  it('odd field/value counts are arity errors (4.0: the HMSET text)', () => {
    const s = new FakeServer();
    expect(s.r('HMSET', 'h', 'a', '1', 'b')).toEqual(error("ERR wrong number of arguments for 'hmset' command"));
    expect(s.r('HSET', 'h', 'a', '1', 'b')).toEqual(error("ERR wrong number of arguments for 'hset' command"));
    expect(s.db.dict.has('h')).toBe(false);
    const old = new FakeServer({ version: '4.0' });
    expect(old.r('HSET', 'h', 'a', '1', 'b')).toEqual(error('ERR wrong number of arguments for HMSET'));
    expect(old.run('HSET', 'h', 'a', '1', 'b', '2').dirty).toBe(1);
  });

  it('missing keys and wrong types', () => {
    const s = new FakeServer();
    expect(s.r('HGET', 'nonex', 'a')).toEqual(NIL);
    expect(s.r('HGETALL', 'nonex')).toEqual(EMPTY_ARRAY);
    expect(s.r('HKEYS', 'nonex')).toEqual(EMPTY_ARRAY);
    expect(s.r('HLEN', 'nonex')).toEqual(int(0));
    s.run('SET', 's', 'x');
    for (const args of [
      ['HGET', 's', 'a'],
      ['HSET', 's', 'a', 'b'],
      ['HGETALL', 's'],
      ['HDEL', 's', 'a'],
      ['HINCRBY', 's', 'a', '1'],
      ['HINCRBYFLOAT', 's', 'a', '1'],
    ]) {
      expect(s.r(...args), args.join(' ')).toEqual(WRONGTYPE);
    }
  });
});

describe('HDEL', () => {
  it('counts deleted fields; the key goes with its last field', () => {
    const s = new FakeServer();
    s.run('HSET', 'h', 'a', '1', 'b', '2');
    expect(s.run('HDEL', 'h', 'a', 'zz')).toMatchObject({ reply: int(1), dirty: 1 });
    expect(s.run('HDEL', 'h', 'zz')).toMatchObject({ reply: int(0), dirty: 0, propagated: [] });
    expect(s.r('HDEL', 'h', 'b', 'b')).toEqual(int(1));
    expect(s.db.dict.has('h')).toBe(false);
  });
});

describe('HINCRBY, HINCRBYFLOAT', () => {
  it('HINCRBY checks the increment, the stored value and overflow', () => {
    const s = new FakeServer();
    expect(s.r('HINCRBY', 'h', 'new', '-5')).toEqual(int(-5));
    expect(s.r('HINCRBY', 'h', 'x', 'abc')).toEqual(error('ERR value is not an integer or out of range'));
    s.run('HSET', 'h', 's', 'abc', 'big', '9223372036854775807');
    expect(s.r('HINCRBY', 'h', 's', '1')).toEqual(error('ERR hash value is not an integer'));
    expect(s.r('HINCRBY', 'h', 'big', '1')).toEqual(error('ERR increment or decrement would overflow'));
    expect(s.r('HINCRBY', 'h', 'big', '0')).toEqual(int(9223372036854775807n));
  });

  it('HINCRBYFLOAT adds in long double and propagates HSET key field value', () => {
    const s = new FakeServer();
    expect(s.run('HINCRBYFLOAT', 'h', 'fl', '0.1')).toMatchObject({
      reply: bulk('0.1'),
      propagated: [['HSET', 'h', 'fl', '0.1']],
    });
    expect(s.run('HINCRBYFLOAT', 'h', 'fl', '0.2').propagated).toEqual([['HSET', 'h', 'fl', '0.3']]);
    expect(s.r('HINCRBYFLOAT', 'h', 'fl', '-0.3')).toEqual(bulk('0'));
    expect(s.r('HINCRBYFLOAT', 'h', 'fl', 'inf')).toEqual(error('ERR value is NaN or Infinity'));
    expect(s.r('HINCRBYFLOAT', 'h', 'fl', 'abc')).toEqual(error('ERR value is not a valid float'));
    s.run('HSET', 'h', 's', 'abc', 'inf', 'inf');
    expect(s.r('HINCRBYFLOAT', 'h', 's', '1')).toEqual(error('ERR hash value is not a float'));
    expect(s.r('HINCRBYFLOAT', 'h', 'inf', '1')).toEqual(error('ERR increment would produce NaN or Infinity'));
  });

  it('4.0 HINCRBYFLOAT has no NaN/infinity checks', () => {
    const s = new FakeServer({ version: '4.0' });
    expect(s.run('HINCRBYFLOAT', 'h', 'f', 'inf')).toMatchObject({
      reply: bulk('inf'),
      propagated: [['HSET', 'h', 'f', 'inf']],
    });
    expect(s.r('HINCRBYFLOAT', 'h', 'f', '-inf')).toEqual(bulk('-nan'));
  });
});

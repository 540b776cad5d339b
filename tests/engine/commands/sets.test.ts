/** Set commands: SADD, SREM, SMEMBERS, SISMEMBER, SCARD, SPOP, SRANDMEMBER. */
import { describe, expect, it } from 'vitest';
import { bulk, bulkArray, EMPTY_ARRAY, error, int, NIL } from '../../../src/engine/resp';
import { FakeServer } from './fake-ctx';

const WRONGTYPE = error('WRONGTYPE Operation against a key holding the wrong kind of value');

describe('SADD, SREM, SMEMBERS, SISMEMBER, SCARD', () => {
  it('adds and removes; dirty by what changed; small integer sets list in numeric order', () => {
    const s = new FakeServer();
    expect(s.run('SADD', 's', '3', '1', '2', '-5', '10')).toMatchObject({ reply: int(5), dirty: 5 });
    expect(s.run('SADD', 's', '1', '2')).toMatchObject({ reply: int(0), dirty: 0, propagated: [] });
    expect(s.r('SMEMBERS', 's')).toEqual(bulkArray(['-5', '1', '2', '3', '10']));
    expect(s.r('SCARD', 's')).toEqual(int(5));
    expect(s.r('SISMEMBER', 's', '3')).toEqual(int(1));
    expect(s.r('SISMEMBER', 's', '9')).toEqual(int(0));
    expect(s.run('SREM', 's', '3', '9')).toMatchObject({ reply: int(1), dirty: 1 });
    expect(s.r('SREM', 's', '1', '2', '-5', '10', '11')).toEqual(int(4));
    expect(s.db.dict.has('s')).toBe(false);
  });

  it('missing keys and wrong types', () => {
    const s = new FakeServer();
    expect(s.r('SMEMBERS', 'nonex')).toEqual(EMPTY_ARRAY);
    expect(s.r('SCARD', 'nonex')).toEqual(int(0));
    expect(s.r('SISMEMBER', 'nonex', 'a')).toEqual(int(0));
    expect(s.run('SREM', 'nonex', 'a')).toMatchObject({ reply: int(0), propagated: [] });
    s.run('SET', 'str', 'x');
    for (const args of [
      ['SADD', 'str', 'a'],
      ['SMEMBERS', 'str'],
      ['SPOP', 'str'],
      ['SPOP', 'str', '2'],
      ['SRANDMEMBER', 'str'],
      ['SCARD', 'str'],
    ]) {
      expect(s.r(...args), args.join(' ')).toEqual(WRONGTYPE);
    }
  });
});

describe('SPOP', () => {
  it('pops a random member, propagated as SREM', () => {
    const s = new FakeServer();
    s.run('SADD', 's', 'a', 'b', 'c');
    s.randoms = [0.5]; // index 1 of 3
    expect(s.run('SPOP', 's')).toMatchObject({ reply: bulk('b'), dirty: 1, propagated: [['SREM', 's', 'b']] });
    s.run('SPOP', 's');
    expect(s.run('SPOP', 's').propagated).toHaveLength(1);
    expect(s.db.dict.has('s')).toBe(false);
    expect(s.r('SPOP', 's')).toEqual(NIL);
  });

  it('with a count below the size: one SREM per member in place of the command', () => {
    const s = new FakeServer();
    s.run('SADD', 's', 'a', 'b', 'c', 'd', 'e');
    s.randoms = [0, 0.99];
    const r = s.run('SPOP', 's', '2');
    expect(r.reply).toEqual(bulkArray(['a', 'e']));
    expect(r).toMatchObject({
      dirty: 2,
      prevented: true,
      propagated: [
        ['SREM', 's', 'a'],
        ['SREM', 's', 'e'],
      ],
    });
    expect(s.r('SCARD', 's')).toEqual(int(3));
  });

  it('with a count covering the set: everything, propagated as DEL', () => {
    const s = new FakeServer();
    s.run('SADD', 'i', '3', '1', '2');
    expect(s.run('SPOP', 'i', '3')).toMatchObject({
      reply: bulkArray(['1', '2', '3']),
      dirty: 3,
      propagated: [['DEL', 'i']],
    });
    expect(s.db.dict.has('i')).toBe(false);
    s.run('SADD', 'two', '1', '2');
    expect(s.run('SPOP', 'two', '0')).toMatchObject({ reply: EMPTY_ARRAY, dirty: 0, propagated: [] });
    expect(s.run('SPOP', 'two', '5').dirty).toBe(2);
  });

  it('count errors and missing keys', () => {
    const s = new FakeServer();
    expect(s.r('SPOP', 'nonex', '3')).toEqual(EMPTY_ARRAY);
    expect(s.r('SPOP', 'nonex', '-1')).toEqual(error('ERR value is out of range, must be positive'));
    expect(s.r('SPOP', 'nonex', 'a')).toEqual(error('ERR value is out of range, must be positive'));
    expect(s.r('SPOP', 'nonex', '1', '2')).toEqual(error('ERR syntax error'));
  });

  it('4.0: other count errors, and dirty counts the request plus the deletion', () => {
    const s = new FakeServer({ version: '4.0' });
    expect(s.r('SPOP', 'nonex', '-1')).toEqual(error('ERR index out of range'));
    expect(s.r('SPOP', 'nonex', 'a')).toEqual(error('ERR value is not an integer or out of range'));
    s.run('SADD', 'two', '1', '2');
    expect(s.run('SPOP', 'two', '5')).toMatchObject({ dirty: 6, propagated: [['DEL', 'two']] });
  });
});

describe('SRANDMEMBER', () => {
  it('without count: one member, nil when missing', () => {
    const s = new FakeServer();
    expect(s.r('SRANDMEMBER', 'nonex')).toEqual(NIL);
    s.run('SADD', 's', 'a', 'b');
    s.randoms = [0.9];
    expect(s.run('SRANDMEMBER', 's')).toMatchObject({ reply: bulk('b'), dirty: 0, propagated: [] });
  });

  it('with count: distinct up to the size, repeats when negative', () => {
    const s = new FakeServer();
    s.run('SADD', 'i', '5', '3', '9');
    expect(s.r('SRANDMEMBER', 'i', '10')).toEqual(bulkArray(['3', '5', '9']));
    expect(s.r('SRANDMEMBER', 'i', '0')).toEqual(EMPTY_ARRAY);
    s.randoms = [0, 0, 0, 0];
    expect(s.r('SRANDMEMBER', 'i', '-4')).toEqual(bulkArray(['5', '5', '5', '5']));
    s.randoms = [0.5, 0.5];
    const two = s.r('SRANDMEMBER', 'i', '2');
    expect(two).toEqual(bulkArray(['3', '9']));
    expect(s.r('SRANDMEMBER', 'nonex', '3')).toEqual(EMPTY_ARRAY);
  });

  it('count errors', () => {
    const s = new FakeServer();
    expect(s.r('SRANDMEMBER', 'nonex', '-9223372036854775808')).toEqual(
      error('ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807'),
    );
    expect(s.r('SRANDMEMBER', 'nonex', 'x')).toEqual(error('ERR value is not an integer or out of range'));
    expect(s.r('SRANDMEMBER', 'nonex', '1', '2')).toEqual(error('ERR syntax error'));
  });
});

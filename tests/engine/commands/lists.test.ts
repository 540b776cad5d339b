/** List commands: LPUSH, RPUSH, LPOP, RPOP (with count), LRANGE, LLEN. */
import { describe, expect, it } from 'vitest';
import { bulk, bulkArray, EMPTY_ARRAY, error, int, NIL, NIL_ARRAY } from '../../../src/engine/resp';
import { command, FakeServer } from './fake-ctx';

const WRONGTYPE = error('WRONGTYPE Operation against a key holding the wrong kind of value');
const POSITIVE = error('ERR value is out of range, must be positive');

describe('LPUSH, RPUSH, LLEN, LRANGE', () => {
  it('pushes in argument order at each end; dirty by elements', () => {
    const s = new FakeServer();
    expect(s.run('LPUSH', 'l', 'a', 'b', 'c')).toMatchObject({ reply: int(3), dirty: 3 });
    expect(s.r('RPUSH', 'l', 'd', 'e')).toEqual(int(5));
    expect(s.r('LRANGE', 'l', '0', '-1')).toEqual(bulkArray(['c', 'b', 'a', 'd', 'e']));
    expect(s.r('LLEN', 'l')).toEqual(int(5));
    expect(s.r('LLEN', 'nonex')).toEqual(int(0));
  });

  it('LRANGE normalises indexes', () => {
    const s = new FakeServer();
    s.run('RPUSH', 'l', 'a', 'b', 'c', 'd', 'e');
    expect(s.r('LRANGE', 'l', '1', '2')).toEqual(bulkArray(['b', 'c']));
    expect(s.r('LRANGE', 'l', '-2', '-1')).toEqual(bulkArray(['d', 'e']));
    expect(s.r('LRANGE', 'l', '-100', '100')).toEqual(bulkArray(['a', 'b', 'c', 'd', 'e']));
    expect(s.r('LRANGE', 'l', '3', '1')).toEqual(EMPTY_ARRAY);
    expect(s.r('LRANGE', 'l', '5', '10')).toEqual(EMPTY_ARRAY);
    expect(s.r('LRANGE', 'l', '-9223372036854775808', '9223372036854775807')).toEqual(
      bulkArray(['a', 'b', 'c', 'd', 'e']),
    );
    expect(s.r('LRANGE', 'l', 'x', '1')).toEqual(error('ERR value is not an integer or out of range'));
    expect(s.r('LRANGE', 'nonex', '0', '-1')).toEqual(EMPTY_ARRAY);
    expect(s.r('LRANGE', 'nonex', 'a', 'b')).toEqual(error('ERR value is not an integer or out of range'));
  });

  it('refuses other types', () => {
    const s = new FakeServer();
    s.run('SET', 's', 'x');
    expect(s.r('LPUSH', 's', 'a')).toEqual(WRONGTYPE);
    expect(s.r('LRANGE', 's', '0', '1')).toEqual(WRONGTYPE);
    expect(s.r('LLEN', 's')).toEqual(WRONGTYPE);
    expect(s.r('LPOP', 's')).toEqual(WRONGTYPE);
  });
});

describe('LPOP, RPOP', () => {
  it('pop one or several; the key goes with its last element', () => {
    const s = new FakeServer();
    s.run('RPUSH', 'l', 'a', 'b', 'c', 'd', 'e', 'f');
    expect(s.run('LPOP', 'l')).toMatchObject({ reply: bulk('a'), dirty: 1, propagated: [['LPOP', 'l']] });
    expect(s.r('RPOP', 'l')).toEqual(bulk('f'));
    expect(s.run('LPOP', 'l', '2')).toMatchObject({ reply: bulkArray(['b', 'c']), dirty: 2 });
    expect(s.run('RPOP', 'l', '0')).toMatchObject({ reply: EMPTY_ARRAY, dirty: 0, propagated: [] });
    // RPOP with a count replies tail first.
    expect(s.run('RPOP', 'l', '5')).toMatchObject({ reply: bulkArray(['e', 'd']), dirty: 2 });
    expect(s.db.dict.has('l')).toBe(false);
    expect(s.r('LPOP', 'l')).toEqual(NIL);
    expect(s.r('LPOP', 'l', '3')).toEqual(NIL_ARRAY);
    expect(s.r('LPOP', 'l', '0')).toEqual(NIL_ARRAY);
  });

  it('count errors', () => {
    const s = new FakeServer();
    expect(s.r('RPOP', 'l', '-1')).toEqual(POSITIVE);
    expect(s.r('RPOP', 'l', 'abc')).toEqual(POSITIVE);
    expect(s.r('LPOP', 'l', '9223372036854775808')).toEqual(POSITIVE);
    expect(s.r('RPOP', 'l', '1', '2')).toEqual(error("ERR wrong number of arguments for 'rpop' command"));
  });

  it('4.0 has no count (arity 2)', () => {
    expect(command('lpop').arity40).toBe(2);
    expect(command('rpop').arity40).toBe(2);
    const s = new FakeServer({ version: '4.0' });
    expect(s.r('LPOP', 'l', '1')).toEqual(error("ERR wrong number of arguments for 'lpop' command"));
  });
});

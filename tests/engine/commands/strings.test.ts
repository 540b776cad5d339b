/**
 * String commands: replies, error texts, TTL handling and what each call propagates, as
 * redis-server 7.0.15 does (and 4.0.14 where it differs).
 */
import { describe, expect, it } from 'vitest';
import { array, bulk, error, int, NIL, OK } from '../../../src/engine/resp';
import { FakeServer } from './fake-ctx';

const NOT_INT = error('ERR value is not an integer or out of range');
const NOT_FLOAT = error('ERR value is not a valid float');
const WRONGTYPE = error('WRONGTYPE Operation against a key holding the wrong kind of value');
const SYNTAX = error('ERR syntax error');

describe('SET', () => {
  it('sets, honours NX/XX, and propagates as typed', () => {
    const s = new FakeServer();
    expect(s.run('SET', 'a', '1')).toMatchObject({ reply: OK, dirty: 1, propagated: [['SET', 'a', '1']] });
    expect(s.run('SET', 'a', '2', 'NX')).toMatchObject({ reply: NIL, dirty: 0, propagated: [] });
    expect(s.run('SET', 'a', '3', 'xx')).toMatchObject({ reply: OK, propagated: [['SET', 'a', '3', 'xx']] });
    expect(s.r('SET', 'b', '1', 'XX')).toEqual(NIL);
    expect(s.r('GET', 'a')).toEqual(bulk('3'));
  });

  it('GET returns the old value and is stripped from what propagates', () => {
    const s = new FakeServer();
    s.run('SET', 'a', '3');
    expect(s.run('SET', 'a', '4', 'GET')).toMatchObject({ reply: bulk('3'), propagated: [['SET', 'a', '4']] });
    expect(s.run('SET', 'nx', '4', 'NX', 'GET')).toMatchObject({ reply: NIL, propagated: [['SET', 'nx', '4', 'NX']] });
    // NX vetoes the write but GET still answers.
    expect(s.run('SET', 'a', '5', 'NX', 'GET')).toMatchObject({ reply: bulk('4'), propagated: [] });
    expect(s.run('SET', 'a', '1', 'get', 'GET', 'keepttl').propagated).toEqual([['SET', 'a', '1', 'keepttl']]);
    s.run('LPUSH', 'l', 'x');
    expect(s.run('SET', 'l', '1', 'GET')).toMatchObject({ reply: WRONGTYPE, dirty: 0 });
  });

  it('rewrites every expiring form to SET key value PXAT <abs-ms>', () => {
    const s = new FakeServer({ now: 1_000_000 });
    expect(s.run('SET', 'a', '1', 'EX', '100').propagated).toEqual([['SET', 'a', '1', 'PXAT', '1100000']]);
    expect(s.db.expires.get('a')).toBe(1_100_000);
    expect(s.run('SET', 'a', '1', 'PX', '5').propagated).toEqual([['SET', 'a', '1', 'PXAT', '1000005']]);
    expect(s.run('SET', 'a', '1', 'EXAT', '99999999999').propagated).toEqual([
      ['SET', 'a', '1', 'PXAT', '99999999999000'],
    ]);
    expect(s.run('SET', 'a', '1', 'EXAT', '9223372036854775').propagated).toEqual([
      ['SET', 'a', '1', 'PXAT', '9223372036854775000'],
    ]);
    // NX/XX/GET are dropped from the rewrite; the last of a repeated EX wins.
    expect(s.run('SET', 'b', '1', 'NX', 'GET', 'EX', '10', 'EX', '20')).toMatchObject({
      reply: NIL,
      propagated: [['SET', 'b', '1', 'PXAT', '1020000']],
    });
  });

  it('stores a deadline already in the past; the next lookup expires the key', () => {
    const s = new FakeServer({ now: 1_000_000 });
    expect(s.run('SET', 'p', '1', 'pxat', '123')).toMatchObject({
      reply: OK,
      propagated: [['SET', 'p', '1', 'PXAT', '123']],
    });
    expect(s.run('SET', 'p', '2', 'EX', '1').propagated).toEqual([
      ['DEL', 'p'],
      ['SET', 'p', '2', 'PXAT', '1001000'],
    ]);
  });

  it('refuses bad expire times and option clashes before touching the key', () => {
    const s = new FakeServer();
    const bad = error("ERR invalid expire time in 'set' command");
    expect(s.r('SET', 'a', '1', 'EX', '0')).toEqual(bad);
    expect(s.r('SET', 'a', '1', 'EX', '-5')).toEqual(bad);
    expect(s.r('SET', 'a', '1', 'EX', '9223372036854776')).toEqual(bad);
    expect(s.r('SET', 'a', '1', 'PX', '9223372036854775807')).toEqual(bad);
    expect(s.r('SET', 'a', '1', 'EX', 'abc')).toEqual(NOT_INT);
    for (const opts of [
      ['EX', '10', 'PX', '10'],
      ['KEEPTTL', 'EX', '10'],
      ['EX', '10', 'KEEPTTL'],
      ['NX', 'XX'],
      ['EX'],
      ['FOO'],
    ]) {
      expect(s.r('SET', 'a', '1', ...opts), opts.join(' ')).toEqual(SYNTAX);
    }
    expect(s.db.dict.size).toBe(0);
  });

  it('reads options as C strings (a NUL ends the keyword)', () => {
    const s = new FakeServer();
    expect(s.r('SET', 'k', 'v', 'nx\0junk')).toEqual(OK);
    expect(s.r('SET', 'k', 'v', 'nx\0junk')).toEqual(NIL);
  });

  it('drops the TTL unless KEEPTTL', () => {
    const s = new FakeServer({ now: 1000 });
    s.run('SET', 't', 'v', 'EX', '100');
    expect(s.run('SET', 't', 'w', 'KEEPTTL').propagated).toEqual([['SET', 't', 'w', 'KEEPTTL']]);
    expect(s.db.expires.get('t')).toBe(101_000);
    s.run('SET', 't', 'x');
    expect(s.db.expires.has('t')).toBe(false);
  });

  it('expires a due key through its write lookup (DEL goes out first)', () => {
    const s = new FakeServer({ now: 5000 });
    s.run('SET', 'a', '1', 'PX', '10');
    s.now = 5011;
    expect(s.run('SET', 'a', '2', 'NX')).toMatchObject({
      reply: OK,
      propagated: [
        ['DEL', 'a'],
        ['SET', 'a', '2', 'NX'],
      ],
    });
  });

  it('is not yet expired at exactly its deadline (now > when)', () => {
    const s = new FakeServer({ now: 5000 });
    s.run('SET', 'a', '1', 'PX', '10');
    s.now = 5010;
    expect(s.r('GET', 'a')).toEqual(bulk('1'));
    s.now = 5011;
    expect(s.run('GET', 'a')).toMatchObject({ reply: NIL, propagated: [['DEL', 'a']] });
  });

  it('4.0: no GET/KEEPTTL/EXAT/PXAT, old error text, propagated as typed', () => {
    const s = new FakeServer({ version: '4.0', now: 1000 });
    expect(s.r('SET', 'a', '1', 'GET')).toEqual(SYNTAX);
    expect(s.r('SET', 'a', '1', 'KEEPTTL')).toEqual(SYNTAX);
    expect(s.r('SET', 'a', '1', 'PXAT', '5')).toEqual(SYNTAX);
    expect(s.r('SET', 'a', '1', 'EX', '0')).toEqual(error('ERR invalid expire time in set'));
    expect(s.run('SET', 'a', '1', 'EX', '10')).toMatchObject({
      reply: OK,
      propagated: [['SET', 'a', '1', 'EX', '10']],
    });
    expect(s.db.expires.get('a')).toBe(11_000);
  });
});

describe('GET, GETSET, GETDEL, SETNX, SETEX, PSETEX', () => {
  it('GET', () => {
    const s = new FakeServer();
    expect(s.r('GET', 'nonex')).toEqual(NIL);
    s.run('SADD', 'st', 'x');
    expect(s.r('GET', 'st')).toEqual(WRONGTYPE);
  });

  it('GETSET replies the old value, drops the TTL, propagates SET (7.0) or as typed (4.0)', () => {
    const s = new FakeServer();
    s.run('SET', 'a', '1', 'EX', '100');
    expect(s.run('GETSET', 'a', '9')).toMatchObject({ reply: bulk('1'), propagated: [['SET', 'a', '9']] });
    expect(s.db.expires.has('a')).toBe(false);
    expect(s.r('GETSET', 'nonex', '9')).toEqual(NIL);
    s.run('LPUSH', 'l', 'x');
    expect(s.run('GETSET', 'l', '2')).toMatchObject({ reply: WRONGTYPE, dirty: 0 });
    const old = new FakeServer({ version: '4.0' });
    expect(old.run('GETSET', 'a', '9').propagated).toEqual([['GETSET', 'a', '9']]);
  });

  it('GETDEL deletes and propagates DEL', () => {
    const s = new FakeServer();
    s.run('SET', 'ap', 'v');
    expect(s.run('GETDEL', 'ap')).toMatchObject({ reply: bulk('v'), propagated: [['DEL', 'ap']] });
    expect(s.run('GETDEL', 'ap')).toMatchObject({ reply: NIL, dirty: 0 });
    s.run('LPUSH', 'l', 'x');
    expect(s.r('GETDEL', 'l')).toEqual(WRONGTYPE);
  });

  it('SETNX replies 1/0', () => {
    const s = new FakeServer();
    expect(s.run('SETNX', 'a', '1')).toMatchObject({ reply: int(1), propagated: [['SETNX', 'a', '1']] });
    expect(s.run('SETNX', 'a', '2')).toMatchObject({ reply: int(0), dirty: 0 });
  });

  it('SETEX / PSETEX propagate as SET ... PXAT and name themselves in errors', () => {
    const s = new FakeServer({ now: 2000 });
    expect(s.run('SETEX', 'a', '100', 'v').propagated).toEqual([['SET', 'a', 'v', 'PXAT', '102000']]);
    expect(s.run('PSETEX', 'a', '100', 'v').propagated).toEqual([['SET', 'a', 'v', 'PXAT', '2100']]);
    expect(s.r('SETEX', 'a', '0', 'v')).toEqual(error("ERR invalid expire time in 'setex' command"));
    expect(s.r('PSETEX', 'a', '-1', 'v')).toEqual(error("ERR invalid expire time in 'psetex' command"));
    expect(s.r('SETEX', 'a', 'x', 'v')).toEqual(NOT_INT);
    const old = new FakeServer({ version: '4.0' });
    expect(old.r('SETEX', 'a', '0', 'v')).toEqual(error('ERR invalid expire time in setex'));
    expect(old.run('SETEX', 'a', '10', 'v').propagated).toEqual([['SETEX', 'a', '10', 'v']]);
  });
});

describe('MSET, MGET', () => {
  it('MSET sets pairs, dirty by pairs; odd arguments are an arity error', () => {
    const s = new FakeServer();
    expect(s.run('MSET', 'a', '1', 'b', '2', 'c', '3')).toMatchObject({ reply: OK, dirty: 3 });
    expect(s.r('MSET', 'a', '1', 'b')).toEqual(error("ERR wrong number of arguments for 'mset' command"));
    expect(new FakeServer({ version: '4.0' }).r('MSET', 'a', '1', 'b')).toEqual(
      error('ERR wrong number of arguments for MSET'),
    );
  });

  it('MSET expires a due key first (its DEL precedes the MSET)', () => {
    const s = new FakeServer({ now: 100 });
    s.run('SET', 'a', 'old', 'PX', '1');
    s.now = 200;
    expect(s.run('MSET', 'a', '1').propagated).toEqual([
      ['DEL', 'a'],
      ['MSET', 'a', '1'],
    ]);
  });

  it('MGET gives nil for missing keys and other types', () => {
    const s = new FakeServer();
    s.run('MSET', 'a', '1', 'b', '2');
    s.run('LPUSH', 'l', 'x');
    expect(s.r('MGET', 'a', 'l', 'nonex', 'b')).toEqual(array([bulk('1'), NIL, NIL, bulk('2')]));
  });
});

describe('INCR family', () => {
  it('counts and keeps the TTL', () => {
    const s = new FakeServer();
    s.run('SET', 'n', '10', 'EX', '100');
    expect(s.run('INCR', 'n')).toMatchObject({ reply: int(11), propagated: [['INCR', 'n']] });
    expect(s.r('DECR', 'n')).toEqual(int(10));
    expect(s.r('INCRBY', 'n', '5')).toEqual(int(15));
    expect(s.r('DECRBY', 'n', '5')).toEqual(int(10));
    expect(s.db.expires.has('n')).toBe(true);
    expect(s.r('INCR', 'fresh')).toEqual(int(1));
  });

  it('refuses non-integers and overflow', () => {
    const s = new FakeServer();
    for (const v of ['abc', '012', '-0', '1.0', '99999999999999999999']) {
      s.run('SET', 's', v);
      expect(s.r('INCR', 's'), v).toEqual(NOT_INT);
    }
    expect(s.r('INCRBY', 'x', '01')).toEqual(NOT_INT);
    s.run('SET', 'n', '9223372036854775806');
    expect(s.r('INCR', 'n')).toEqual(int(9223372036854775807n));
    expect(s.run('INCR', 'n')).toMatchObject({ reply: error('ERR increment or decrement would overflow'), dirty: 0 });
    s.run('SET', 'n', '-9223372036854775808');
    expect(s.r('DECR', 'n')).toEqual(error('ERR increment or decrement would overflow'));
    s.run('LPUSH', 'l', 'x');
    expect(s.r('INCR', 'l')).toEqual(WRONGTYPE);
  });

  it('DECRBY LLONG_MIN: 7.0 refuses, 4.0 wraps', () => {
    const s = new FakeServer();
    s.run('SET', 'n', '0');
    expect(s.r('DECRBY', 'n', '-9223372036854775808')).toEqual(error('ERR decrement would overflow'));
    const old = new FakeServer({ version: '4.0' });
    old.run('SET', 'n', '0');
    expect(old.r('DECRBY', 'n', '-9223372036854775808')).toEqual(int(-9223372036854775808n));
  });
});

describe('INCRBYFLOAT', () => {
  it('adds in long double and propagates SET key value KEEPTTL', () => {
    const s = new FakeServer();
    expect(s.run('INCRBYFLOAT', 'f', '0.1')).toMatchObject({
      reply: bulk('0.1'),
      propagated: [['SET', 'f', '0.1', 'KEEPTTL']],
    });
    expect(s.r('INCRBYFLOAT', 'f', '0.2')).toEqual(bulk('0.3'));
    // Not "5000.3": 5000.3 has fewer fraction bits left in the 64-bit mantissa (checked on 7.0.15).
    expect(s.r('INCRBYFLOAT', 'f', '5.0e3')).toEqual(bulk('5000.29999999999999982'));
    expect(s.r('INCRBYFLOAT', 'f', 'abc')).toEqual(NOT_FLOAT);
    expect(s.r('INCRBYFLOAT', 'f', 'inf')).toEqual(error('ERR increment would produce NaN or Infinity'));
    // 1e400 is a fine long double (up to ~1.19e4932); 1e5000 overflows it.
    s.run('SET', 'f', '1e400');
    expect((s.r('INCRBYFLOAT', 'f', '1') as { s: string }).s).toHaveLength(401);
    s.run('SET', 'f', '1e5000');
    expect(s.r('INCRBYFLOAT', 'f', '1')).toEqual(NOT_FLOAT);
    s.run('SET', 'f', '-1e-30');
    expect(s.r('INCRBYFLOAT', 'f', '0')).toEqual(bulk('0'));
    s.run('LPUSH', 'l', 'x');
    expect(s.r('INCRBYFLOAT', 'l', '1')).toEqual(WRONGTYPE);
  });

  it('keeps the TTL', () => {
    const s = new FakeServer({ now: 0 });
    s.run('SET', 'e', '10', 'EX', '100');
    s.run('INCRBYFLOAT', 'e', '1.5');
    expect(s.db.dict.get('e')).toBe('11.5');
    expect(s.db.expires.get('e')).toBe(100_000);
  });

  it('4.0 propagates SET without KEEPTTL and prints -0', () => {
    const s = new FakeServer({ version: '4.0' });
    expect(s.run('INCRBYFLOAT', 'f', '1.5').propagated).toEqual([['SET', 'f', '1.5']]);
    s.run('SET', 'f', '-1e-30');
    expect(s.r('INCRBYFLOAT', 'f', '0')).toEqual(bulk('-0'));
  });
});

describe('APPEND, STRLEN', () => {
  it('appends, keeps the TTL, measures bytes', () => {
    const s = new FakeServer();
    expect(s.r('APPEND', 'ap', 'hello')).toEqual(int(5));
    s.run('EXPIRE', 'ap', '100');
    expect(s.run('APPEND', 'ap', 'w\xc3\xb6rld')).toMatchObject({
      reply: int(11),
      propagated: [['APPEND', 'ap', 'w\xc3\xb6rld']],
    });
    expect(s.db.expires.has('ap')).toBe(true);
    expect(s.r('STRLEN', 'ap')).toEqual(int(11));
    expect(s.r('STRLEN', 'nonex')).toEqual(int(0));
    s.run('LPUSH', 'l', 'x');
    expect(s.r('STRLEN', 'l')).toEqual(WRONGTYPE);
    expect(s.r('APPEND', 'l', 'x')).toEqual(WRONGTYPE);
  });
});

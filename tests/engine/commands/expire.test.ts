/**
 * EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT, TTL, PTTL, PERSIST: replies, flag logic, overflow
 * checks, and the 7.0 rewrite to PEXPIREAT / DEL.
 */
import { describe, expect, it } from 'vitest';
import { error, int } from '../../../src/engine/resp';
import { command, FakeServer } from './fake-ctx';

const T0 = 1_000_000;

describe('EXPIRE family', () => {
  it('sets deadlines and propagates PEXPIREAT <abs-ms>, flags kept', () => {
    const s = new FakeServer({ now: T0 });
    s.run('SET', 'a', '1');
    expect(s.run('EXPIRE', 'a', '100')).toMatchObject({
      reply: int(1),
      dirty: 1,
      propagated: [['PEXPIREAT', 'a', '1100000']],
    });
    expect(s.db.expires.get('a')).toBe(1_100_000);
    expect(s.run('PEXPIRE', 'a', '500', 'gt').propagated).toEqual([]);
    expect(s.run('PEXPIRE', 'a', '200000', 'gt').propagated).toEqual([['PEXPIREAT', 'a', '1200000', 'gt']]);
    expect(s.run('EXPIREAT', 'a', '2000').propagated).toEqual([['PEXPIREAT', 'a', '2000000']]);
    // PEXPIREAT goes out exactly as typed, case included.
    expect(s.run('pexpireat', 'a', '3000000', 'xx').propagated).toEqual([['pexpireat', 'a', '3000000', 'xx']]);
  });

  it('NX / XX / GT / LT', () => {
    const s = new FakeServer({ now: T0 });
    s.run('SET', 'a', '1');
    expect(s.r('EXPIRE', 'a', '100', 'XX')).toEqual(int(0));
    expect(s.r('EXPIRE', 'a', '100', 'GT')).toEqual(int(0)); // no TTL counts as infinite
    expect(s.r('EXPIRE', 'a', '100', 'LT')).toEqual(int(1));
    expect(s.r('EXPIRE', 'a', '100', 'NX')).toEqual(int(0));
    expect(s.r('EXPIRE', 'a', '200', 'XX')).toEqual(int(1));
    expect(s.r('EXPIRE', 'a', '50', 'GT')).toEqual(int(0));
    expect(s.r('EXPIRE', 'a', '300', 'gt')).toEqual(int(1));
    expect(s.r('EXPIRE', 'a', '400', 'LT')).toEqual(int(0));
    expect(s.r('EXPIRE', 'a', '10', 'lt')).toEqual(int(1));
    expect(s.db.expires.get('a')).toBe(T0 + 10_000);
  });

  it('option errors come before the number is read', () => {
    const s = new FakeServer({ now: T0 });
    s.run('SET', 'a', '1');
    expect(s.r('EXPIRE', 'a', '10', 'NX', 'XX')).toEqual(
      error('ERR NX and XX, GT or LT options at the same time are not compatible'),
    );
    expect(s.r('EXPIRE', 'a', '10', 'NX', 'GT')).toEqual(
      error('ERR NX and XX, GT or LT options at the same time are not compatible'),
    );
    expect(s.r('EXPIRE', 'a', '10', 'GT', 'LT')).toEqual(
      error('ERR GT and LT options at the same time are not compatible'),
    );
    expect(s.r('EXPIRE', 'a', 'abc', 'FOO')).toEqual(error('ERR Unsupported option FOO'));
    expect(s.r('EXPIRE', 'a', 'abc')).toEqual(error('ERR value is not an integer or out of range'));
  });

  it('refuses 64-bit overflow with the command name in the text', () => {
    const s = new FakeServer({ now: T0 });
    s.run('SET', 'a', '1');
    expect(s.r('EXPIRE', 'a', '9223372036854776')).toEqual(error("ERR invalid expire time in 'expire' command"));
    expect(s.r('PEXPIRE', 'a', '9223372036854775807')).toEqual(error("ERR invalid expire time in 'pexpire' command"));
    expect(s.r('EXPIREAT', 'a', '-9223372036854776')).toEqual(error("ERR invalid expire time in 'expireat' command"));
    expect(s.r('EXPIREAT', 'a', '9223372036854775')).toEqual(int(1));
  });

  it('a missing key replies 0 and propagates nothing', () => {
    const s = new FakeServer();
    expect(s.run('EXPIRE', 'nonex', '10')).toMatchObject({ reply: int(0), dirty: 0, propagated: [] });
  });

  it('a deadline already due deletes the key on a master, propagated as DEL', () => {
    const s = new FakeServer({ now: T0 });
    for (const args of [
      ['EXPIRE', 'c', '-1'],
      ['PEXPIREAT', 'c', '1'],
      ['EXPIREAT', 'c', '0'],
      ['PEXPIRE', 'c', '0'],
    ]) {
      s.run('SET', 'c', '1');
      expect(s.run(...args), args.join(' ')).toMatchObject({ reply: int(1), dirty: 1, propagated: [['DEL', 'c']] });
      expect(s.db.dict.has('c')).toBe(false);
    }
    // Due means now or earlier: PEXPIREAT at exactly now deletes too.
    s.run('SET', 'c', '1');
    expect(s.run('PEXPIREAT', 'c', String(T0)).propagated).toEqual([['DEL', 'c']]);
  });

  it('a replica stores the past deadline instead (waiting for its master)', () => {
    const s = new FakeServer({ now: T0, isReplica: true });
    s.run('SET', 'c', '1');
    expect(s.run('EXPIRE', 'c', '-1')).toMatchObject({ reply: int(1), propagated: [['PEXPIREAT', 'c', '999000']] });
    expect(s.db.dict.has('c')).toBe(true);
    expect(s.r('EXISTS', 'c')).toEqual(int(0));
  });

  it('4.0: no flags (arity 3), wraps on overflow, propagates as typed', () => {
    expect(command('expire').arity40).toBe(3);
    const s = new FakeServer({ version: '4.0', now: T0 });
    s.run('SET', 'a', '1');
    expect(s.run('EXPIRE', 'a', '100')).toMatchObject({ reply: int(1), propagated: [['EXPIRE', 'a', '100']] });
    expect(s.db.expires.get('a')).toBe(1_100_000);
    // 9223372036854775807 * 1000 wraps negative in C: the key is deleted.
    expect(s.run('EXPIRE', 'a', '9223372036854775807')).toMatchObject({ reply: int(1), propagated: [['DEL', 'a']] });
  });
});

describe('TTL, PTTL, PERSIST', () => {
  it('TTL rounds to the nearest second; -1 without TTL; -2 when missing', () => {
    const s = new FakeServer({ now: T0 });
    s.run('SET', 'a', '1', 'PX', '1499');
    s.run('SET', 'b', '1', 'PX', '1500');
    s.run('SET', 'c', '1');
    expect(s.r('TTL', 'a')).toEqual(int(1));
    expect(s.r('TTL', 'b')).toEqual(int(2));
    expect(s.r('PTTL', 'a')).toEqual(int(1499));
    expect(s.r('TTL', 'c')).toEqual(int(-1));
    expect(s.r('PTTL', 'nonex')).toEqual(int(-2));
    s.now = T0 + 1499;
    expect(s.r('PTTL', 'a')).toEqual(int(0));
    s.now = T0 + 1500;
    expect(s.run('TTL', 'a')).toMatchObject({ reply: int(-2), propagated: [['DEL', 'a']] });
  });

  it('PERSIST removes a TTL (1) or does nothing (0)', () => {
    const s = new FakeServer({ now: T0 });
    s.run('SET', 'a', '1', 'EX', '100');
    expect(s.run('PERSIST', 'a')).toMatchObject({ reply: int(1), dirty: 1, propagated: [['PERSIST', 'a']] });
    expect(s.db.expires.has('a')).toBe(false);
    expect(s.db.dict.get('a')).toBe('1');
    expect(s.run('PERSIST', 'a')).toMatchObject({ reply: int(0), dirty: 0, propagated: [] });
    expect(s.r('PERSIST', 'nonex')).toEqual(int(0));
  });
});

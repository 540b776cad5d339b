/**
 * RESP3 reply shapes (HELLO 3), byte for byte as redis-server 7.0.15 writes them (checked over a
 * socket): set operations answer sets, (member, score) replies pair up, XREAD / LCS IDX /
 * CLIENT TRACKINGINFO answer maps, COMMAND INFO / DOCS use sets and maps, geo coordinates are
 * doubles. A RESP2 client gets the flat forms as before.
 */
import { describe, expect, it } from 'vitest';
import { Wire } from './wire';

/** A node with one client (connection 1) that said HELLO `proto`; `run` returns the raw reply. */
function node(proto: 2 | 3) {
  const w = new Wire('7.0', 6379);
  w.srv.onAccept(1, '127.0.0.1:50001');
  w.send(1, 'HELLO', String(proto));
  w.take(1);
  return (...argv: string[]) => {
    w.send(1, ...argv);
    return w.take(1);
  };
}
const b = (s: string) => `$${s.length}\r\n${s}\r\n`;

describe('RESP3 shapes', () => {
  it('set operations and SPOP with a count answer sets', () => {
    const r = node(3);
    r('SADD', 'st', 'a');
    r('SADD', 'sp', 'x');
    expect(r('SINTER', 'st', 'st')).toBe(`~1\r\n${b('a')}`);
    expect(r('SINTER', 'st', 'nokey')).toBe('~0\r\n');
    expect(r('SUNION', 'st')).toBe(`~1\r\n${b('a')}`);
    expect(r('SDIFF', 'st', 'nokey')).toBe(`~1\r\n${b('a')}`);
    expect(r('SPOP', 'sp', '5')).toBe(`~1\r\n${b('x')}`);
  });

  it('(member, score) and (field, value) replies come in pairs', () => {
    const r = node(3);
    r('ZADD', 'z', '1', 'a', '2.5', 'b');
    r('HSET', 'h', 'f', 'v');
    expect(r('ZUNION', '1', 'z', 'WITHSCORES')).toBe(`*2\r\n*2\r\n${b('a')},1\r\n*2\r\n${b('b')},2.5\r\n`);
    expect(r('ZRANDMEMBER', 'z', '5', 'WITHSCORES')).toBe(`*2\r\n*2\r\n${b('b')},2.5\r\n*2\r\n${b('a')},1\r\n`);
    expect(r('HRANDFIELD', 'h', '1', 'WITHVALUES')).toBe(`*1\r\n*2\r\n${b('f')}${b('v')}`);
    expect(r('ZPOPMAX', 'z', '1')).toBe(`*1\r\n*2\r\n${b('b')},2.5\r\n`);
    // Without a count ZPOPMIN stays flat, as in Redis.
    expect(r('ZPOPMIN', 'z')).toBe(`*2\r\n${b('a')},1\r\n`);
  });

  it('XREAD, LCS IDX and CLIENT TRACKINGINFO answer maps', () => {
    const r = node(3);
    r('XADD', 'x', '1-1', 'a', '1');
    r('SET', 's', 'ab');
    expect(r('XREAD', 'STREAMS', 'x', '0')).toBe(`%1\r\n${b('x')}*1\r\n*2\r\n${b('1-1')}*2\r\n${b('a')}${b('1')}`);
    expect(r('LCS', 's', 's', 'IDX')).toBe(
      `%2\r\n${b('matches')}*1\r\n*2\r\n*2\r\n:0\r\n:1\r\n*2\r\n:0\r\n:1\r\n${b('len')}:2\r\n`,
    );
    expect(r('CLIENT', 'TRACKINGINFO')).toBe(
      `%3\r\n${b('flags')}~1\r\n${b('off')}${b('redirect')}:-1\r\n${b('prefixes')}*0\r\n`,
    );
  });

  it('COMMAND INFO, DOCS and GETKEYSANDFLAGS use sets and maps', () => {
    const r = node(3);
    expect(r('COMMAND', 'GETKEYSANDFLAGS', 'set', 'a', 'b')).toBe(`*1\r\n*2\r\n${b('a')}~2\r\n+OW\r\n+update\r\n`);
    const info = r('COMMAND', 'INFO', 'get');
    expect(info).toContain(`${b('get')}:2\r\n~2\r\n+readonly\r\n+fast\r\n:1\r\n:1\r\n:1\r\n~3\r\n`);
    expect(info).toContain(`~0\r\n~1\r\n%3\r\n${b('flags')}~2\r\n+RO\r\n+access\r\n${b('begin_search')}%2\r\n`);
    expect(info.endsWith(`${b('limit')}:0\r\n~0\r\n`)).toBe(true);
    const docs = r('COMMAND', 'DOCS', 'geodist');
    expect(docs.startsWith(`%1\r\n${b('geodist')}%5\r\n${b('summary')}`)).toBe(true);
    expect(docs).toContain(`${b('arguments')}*4\r\n%3\r\n${b('name')}${b('key')}`);
    expect(docs).toContain(`${b('flags')}~1\r\n+optional\r\n`);
  });

  it("scripts: redis.call speaks RESP2 unless redis.setresp(3), and a script's typed tables become typed replies", () => {
    for (const proto of [2, 3] as const) {
      const r = node(proto);
      r('ZADD', 'z', '1.5', 'm');
      r('SADD', 's', 'x');
      r('HSET', 'h', 'a', '1');
      // A double and a set reach the script as a string and a flat table (they used to vanish).
      expect(r('EVAL', "return {redis.call('zscore','z','m'), redis.call('smembers','s')}", '0')).toBe(
        `*2\r\n${b('1.5')}*1\r\n${b('x')}`,
      );
      expect(r('EVAL', "return redis.call('get','nokey') == false", '0')).toBe(':1\r\n');
      expect(
        r('EVAL', "redis.setresp(3); local d = redis.call('zscore','z','m'); return tostring(d.double)", '0'),
      ).toBe(b('1.5'));
      expect(r('EVAL', "redis.setresp(3); return redis.call('hgetall','h').map.a", '0')).toBe(b('1'));
      expect(r('EVAL', "redis.setresp(3); return tostring(redis.call('smembers','s').set.x)", '0')).toBe(b('true'));
      const three = proto === 3;
      expect(r('EVAL', 'return {double=3.7}', '0')).toBe(three ? ',3.7000000000000002\r\n' : b('3.7000000000000002'));
      expect(r('EVAL', 'return {map={a=1}}', '0')).toBe(`${three ? '%1' : '*2'}\r\n${b('a')}:1\r\n`);
      expect(r('EVAL', 'return {set={a=true}}', '0')).toBe(`${three ? '~1' : '*1'}\r\n${b('a')}`);
      expect(r('EVAL', "redis.setresp(3); return redis.call('zrange','z',0,-1,'withscores')", '0')).toBe(
        three ? `*1\r\n*2\r\n${b('m')},1.5\r\n` : `*1\r\n*2\r\n${b('m')}${b('1.5')}`,
      );
    }
  });

  it('a RESP2 client still gets the flat forms', () => {
    const r = node(2);
    r('ZADD', 'z', '1', 'a');
    r('XADD', 'x', '1-1', 'a', '1');
    expect(r('ZPOPMAX', 'z', '1')).toBe(`*2\r\n${b('a')}${b('1')}`);
    expect(r('XREAD', 'STREAMS', 'x', '0')).toBe(
      `*1\r\n*2\r\n${b('x')}*1\r\n*2\r\n${b('1-1')}*2\r\n${b('a')}${b('1')}`,
    );
    expect(r('COMMAND', 'GETKEYSANDFLAGS', 'set', 'a', 'b')).toBe(`*1\r\n*2\r\n${b('a')}*2\r\n+OW\r\n+update\r\n`);
  });
});

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

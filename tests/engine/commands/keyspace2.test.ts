/**
 * RENAMENX, COPY, MOVE, SWAPDB and RANDOMKEY beyond their replies (golden/keyspace.golden has
 * those, from redis-server 7.0.15): what they change for WATCH and for clients blocked on keys in
 * another db, what they propagate, and that SWAPDB takes TTLs and encodings along.
 */
import { describe, expect, it } from 'vitest';
import { encodeCommand } from '../../../src/engine';
import { dumpPayload } from '../../../src/engine/rdb';
import { binFromBytes } from '../../../src/lib';
import { Wire } from '../wire';

function setup(v: '7.0' | '4.0' = '7.0'): Wire {
  const w = new Wire(v, 6379, { 'repl-diskless-sync': 'no' });
  w.replica(99, 6380);
  for (let i = 1; i <= 3; i++) w.srv.onAccept(i, `127.0.0.1:${50000 + i}`);
  return w;
}
const cmd = (...argv: string[]) => encodeCommand(argv);

describe('keyspace commands across dbs', () => {
  it('MOVE and COPY of a list serve a client blocked on it in the other db', () => {
    const w = setup();
    w.send(1, 'SELECT', '2');
    w.send(1, 'BLPOP', 'q', '0');
    w.send(2, 'RPUSH', 'q', 'a', 'b');
    w.send(2, 'MOVE', 'q', '2');
    w.take(1);
    expect(w.take(2)).toBe(':2\r\n:1\r\n');
    w.send(1, 'LRANGE', 'q', '0', '-1');
    expect(w.take(1)).toBe('*1\r\n$1\r\nb\r\n');
  });

  it('SWAPDB: watchers of changed keys fail, blocked clients whose key now holds a list are served', () => {
    const w = setup();
    w.send(2, 'SELECT', '1');
    w.send(2, 'RPUSH', 'q', 'x');
    w.send(2, 'SET', 'w', '1', 'EX', '100');
    w.send(1, 'WATCH', 'w');
    w.send(3, 'BLPOP', 'q', '0');
    w.take(1);
    w.take(2);
    w.take(99);
    w.send(2, 'SWAPDB', '0', '1');
    expect(w.take(2)).toBe('+OK\r\n');
    expect(w.take(3)).toBe('*2\r\n$1\r\nq\r\n$1\r\nx\r\n');
    w.send(1, 'MULTI');
    w.send(1, 'EXEC');
    expect(w.take(1)).toBe('+OK\r\n*-1\r\n');
    w.send(1, 'TTL', 'w');
    expect(w.take(1)).toBe(':100\r\n');
    expect(w.take(99)).toBe(cmd('SWAPDB', '0', '1') + cmd('SELECT', '0') + cmd('LPOP', 'q'));
  });

  it('COPY propagates as typed and copies deeply; RENAMENX only when it renames', () => {
    const w = setup();
    w.send(1, 'RPUSH', 'l', 'a');
    w.send(1, 'COPY', 'l', 'm', 'DB', '4');
    w.send(1, 'RPUSH', 'l', 'b');
    w.send(1, 'RENAMENX', 'l', 'l');
    w.send(1, 'RENAMENX', 'l', 'n');
    expect(w.take(1)).toBe(':1\r\n:1\r\n:2\r\n:0\r\n:1\r\n');
    expect(w.srv.dbs[4].dict.get('m')).toEqual({ type: 'list', items: ['a'] });
    expect(w.take(99)).toBe(
      cmd('SELECT', '0') +
        cmd('RPUSH', 'l', 'a') +
        cmd('COPY', 'l', 'm', 'DB', '4') +
        cmd('RPUSH', 'l', 'b') +
        cmd('RENAMENX', 'l', 'n'),
    );
  });

  it('RANDOMKEY on a master expires the due keys it meets', () => {
    const w = setup();
    w.send(1, 'DEBUG', 'SET-ACTIVE-EXPIRE', '0');
    w.send(1, 'SET', 'a', '1', 'PX', '10');
    w.send(1, 'SET', 'b', '1', 'PX', '10');
    w.send(1, 'SET', 'k', 'v');
    w.clock.advance(50);
    w.take(1);
    w.send(1, 'RANDOMKEY');
    expect(w.take(1)).toBe('$1\r\nk\r\n');
  });
});

describe('RESTORE propagation', () => {
  it('a relative TTL goes out absolute with ABSTTL; a TTL already past deletes with REPLACE, as DEL', () => {
    const w = setup();
    const payload = binFromBytes(dumpPayload('v', '7.0'));
    w.take(99);
    w.send(1, 'RESTORE', 'r', '5000', payload);
    w.send(1, 'RESTORE', 'r', '1', payload, 'REPLACE', 'ABSTTL');
    expect(w.take(1)).toBe('+OK\r\n+OK\r\n');
    const at = String(w.clock.now() + 5000);
    expect(w.take(99)).toBe(cmd('SELECT', '0') + cmd('RESTORE', 'r', at, payload, 'ABSTTL') + cmd('DEL', 'r'));
  });
});

describe('SORT ... STORE', () => {
  it('propagates as typed, touches the destination for WATCH, deletes it for an empty result', () => {
    const w = setup();
    w.send(1, 'RPUSH', 'l', '2', '1');
    w.send(2, 'WATCH', 'd');
    w.send(1, 'SORT', 'l', 'STORE', 'd');
    w.send(1, 'SORT', 'nokey', 'STORE', 'd');
    w.send(1, 'SORT', 'nokey', 'STORE', 'd');
    expect(w.take(1)).toBe(':2\r\n:2\r\n:0\r\n:0\r\n');
    w.send(2, 'MULTI');
    w.send(2, 'EXEC');
    expect(w.take(2)).toBe('+OK\r\n+OK\r\n*-1\r\n');
    expect(w.take(99)).toBe(
      cmd('SELECT', '0') +
        cmd('RPUSH', 'l', '2', '1') +
        cmd('SORT', 'l', 'STORE', 'd') +
        cmd('SORT', 'nokey', 'STORE', 'd'),
    );
  });
});

/**
 * CLIENT KILL / UNBLOCK / NO-EVICT / LIST filters on a bare engine whose peers the test plays
 * (tests/diff/scenarios/45-client-kill-list.scn compares the console-visible part with real
 * redis-server 7.0.15). WAIT cannot be unblocked from a scenario — its step would never end —
 * so UNBLOCK is checked here, byte for byte.
 */
import { describe, expect, it } from 'vitest';
import type { RedisVersion } from '../../src/playground';
import { Wire } from './wire';

/** A replica on 6380 whose master link (conn 1000) is online after a PSYNC, and a console on 1. */
function onlineReplica(v: RedisVersion): { w: Wire; link: number } {
  const w = new Wire(v, 6380);
  w.srv.onAccept(1, '127.0.0.1:40001');
  w.send(1, 'SLAVEOF', '127.0.0.1', '6379');
  w.runTo(1000);
  const link = w.connects[0].conn;
  w.srv.onConnected(link, '127.0.0.1:50000');
  w.answerHandshake(link);
  w.raw(link, `+CONTINUE ${'a'.repeat(40)}\r\n`);
  w.take(1);
  w.take(link);
  return { w, link };
}

describe('CLIENT UNBLOCK (7.0)', () => {
  it('ends a WAIT as its timeout would, and the rest of its pipeline runs after the event', () => {
    const w = new Wire('7.0', 6379);
    w.srv.onAccept(1, '127.0.0.1:40001');
    w.srv.onAccept(2, '127.0.0.1:40002');
    w.send(1, 'CLIENT', 'ID');
    expect(w.take(1)).toBe(':3\r\n');
    w.raw(1, '*3\r\n$4\r\nWAIT\r\n$1\r\n1\r\n$1\r\n0\r\n*1\r\n$4\r\nPING\r\n');
    expect(w.take(1)).toBe('');
    w.send(2, 'CLIENT', 'LIST', 'ID', '3');
    expect(w.take(2)).toMatch(/ flags=b /);
    w.send(2, 'CLIENT', 'UNBLOCK', '3');
    expect(w.take(2)).toBe(':1\r\n');
    expect(w.take(1)).toBe(':0\r\n+PONG\r\n');
    w.send(2, 'CLIENT', 'UNBLOCK', '3');
    expect(w.take(2)).toBe(':0\r\n');
  });

  it('with ERROR answers the WAIT with -UNBLOCKED, and the rest of its pipeline runs after the event', () => {
    const w = new Wire('7.0', 6379);
    w.srv.onAccept(1, '127.0.0.1:40001');
    w.srv.onAccept(2, '127.0.0.1:40002');
    w.raw(1, '*3\r\n$4\r\nWAIT\r\n$1\r\n1\r\n$1\r\n0\r\n*1\r\n$4\r\nPING\r\n');
    expect(w.take(1)).toBe('');
    w.send(2, 'CLIENT', 'UNBLOCK', '3', 'error');
    expect(w.take(2)).toBe(':1\r\n');
    expect(w.take(1)).toBe('-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n+PONG\r\n');
  });
});

describe.each(['7.0', '4.0'] as RedisVersion[])('CLIENT KILL (%s)', (v) => {
  it('TYPE master on a replica drops the master link, which is cached for PSYNC', () => {
    const { w, link } = onlineReplica(v);
    expect(w.srv.rs.master).not.toBeNull();
    const mark = w.logs.length;
    w.send(1, 'CLIENT', 'KILL', 'TYPE', 'master');
    expect(w.take(1)).toBe(':1\r\n');
    expect(w.closed.has(link)).toBe(true);
    expect(w.logs.slice(mark, mark + 2)).toEqual([
      '# Connection with master lost.',
      '* Caching the disconnected master state.',
    ]);
    expect(w.srv.rs.cached).not.toBeNull();
  });

  it('TYPE slave on a master drops the replica', () => {
    const w = new Wire(v, 6379, { 'repl-diskless-sync': 'no' });
    w.replica(5, 7000);
    w.srv.onAccept(1, '127.0.0.1:40001');
    const mark = w.logs.length;
    w.send(1, 'CLIENT', 'KILL', 'TYPE', 'slave');
    expect(w.take(1)).toBe(':1\r\n');
    expect(w.closed.has(5)).toBe(true);
    expect(w.srv.slaves).toEqual([]);
    expect(w.logs.slice(mark)).toEqual([
      v === '7.0' ? '# Connection with replica 127.0.0.1:7000 lost.' : '# Connection with slave 127.0.0.1:7000 lost.',
    ]);
  });

  it('old form: kills by address, itself included, and closes after the reply', () => {
    const w = new Wire(v, 6379);
    w.srv.onAccept(1, '127.0.0.1:40001');
    w.srv.onAccept(2, '127.0.0.1:40002');
    w.send(1, 'CLIENT', 'KILL', '127.0.0.1:40002');
    expect(w.take(1)).toBe('+OK\r\n');
    expect(w.closed.has(2)).toBe(true);
    w.send(1, 'CLIENT', 'KILL', '127.0.0.1:40002');
    expect(w.take(1)).toBe('-ERR No such client\r\n');
    w.send(1, 'CLIENT', 'KILL', '127.0.0.1:40001');
    expect(w.take(1)).toBe('+OK\r\n');
    expect(w.closed.has(1)).toBe(true);
  });

  it('new form: SKIPME (default yes) and the ID rules of each version', () => {
    const w = new Wire(v, 6379);
    w.srv.onAccept(1, '127.0.0.1:40001');
    w.srv.onAccept(2, '127.0.0.1:40002');
    w.send(1, 'CLIENT', 'KILL', 'TYPE', 'normal');
    expect(w.take(1)).toBe(':1\r\n');
    expect(w.closed.has(1)).toBe(false);
    w.send(1, 'CLIENT', 'KILL', 'ID', '0');
    // 7.0 refuses id 0; 4.0 takes it as "no ID filter" (and SKIPME spares the caller).
    expect(w.take(1)).toBe(v === '7.0' ? '-ERR client-id should be greater than 0\r\n' : ':0\r\n');
    w.send(1, 'CLIENT', 'KILL', 'ID', 'x');
    expect(w.take(1)).toBe(
      v === '7.0' ? '-ERR client-id should be greater than 0\r\n' : '-ERR value is not an integer or out of range\r\n',
    );
    w.send(1, 'CLIENT', 'KILL', 'TYPE', 'replica');
    expect(w.take(1)).toBe(v === '7.0' ? ':0\r\n' : "-ERR Unknown client type 'replica'\r\n");
    w.send(1, 'CLIENT', 'KILL', 'SKIPME', 'no');
    expect(w.take(1)).toBe(':1\r\n');
    expect(w.closed.has(1)).toBe(true);
  });
});

describe('CLIENT PAUSE on a replica (7.0)', () => {
  const SET = '*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n'; // 27 bytes
  const PING = '*1\r\n$4\r\nPING\r\n'; // 14 bytes

  it('WRITE holds back the writes of the master stream, not its PINGs; the read offset moves on', () => {
    const { w, link } = onlineReplica('7.0');
    w.send(1, 'CLIENT', 'PAUSE', '2000', 'WRITE');
    expect(w.take(1)).toBe('+OK\r\n');
    const m = w.srv.rs.master!;
    const start = m.reploff;
    w.raw(link, PING);
    expect(m.reploff).toBe(start + 14);
    w.raw(link, SET + PING);
    expect(m.reploff).toBe(start + 14);
    expect(m.readReploff).toBe(start + 14 + 27 + 14);
    w.send(1, 'GET', 'k');
    expect(w.take(1)).toBe('$-1\r\n');
    w.run(2100);
    expect(m.reploff).toBe(start + 14 + 27 + 14);
    w.send(1, 'GET', 'k');
    expect(w.take(1)).toBe('$1\r\nv\r\n');
  });

  it('ALL holds back everything, CLIENT UNPAUSE included, until the pause ends', () => {
    const { w, link } = onlineReplica('7.0');
    w.srv.onAccept(2, '127.0.0.1:40002');
    w.send(1, 'CLIENT', 'PAUSE', '1000', 'ALL');
    w.take(1);
    const m = w.srv.rs.master!;
    const start = m.reploff;
    w.raw(link, PING);
    expect(m.reploff).toBe(start);
    w.send(2, 'CLIENT', 'UNPAUSE');
    expect(w.take(2)).toBe('');
    w.run(1100);
    expect(w.take(2)).toBe('+OK\r\n');
    expect(m.reploff).toBe(start + 14);
  });

  it('WRITE ends early with CLIENT UNPAUSE, and the held commands run in order', () => {
    const { w, link } = onlineReplica('7.0');
    w.send(1, 'CLIENT', 'PAUSE', '100000', 'WRITE');
    w.take(1);
    w.raw(link, SET);
    const m = w.srv.rs.master!;
    const start = m.reploff;
    w.send(1, 'CLIENT', 'UNPAUSE');
    expect(w.take(1)).toBe('+OK\r\n');
    expect(m.reploff).toBe(start + 27);
  });
});

describe('CLIENT PAUSE (4.0)', () => {
  it('takes a timeout only and holds back every client but the replicas, the master link included', () => {
    const { w, link } = onlineReplica('4.0');
    w.send(1, 'CLIENT', 'PAUSE', '500', 'WRITE');
    expect(w.take(1)).toBe('-ERR Syntax error, try CLIENT (LIST | KILL | GETNAME | SETNAME | PAUSE | REPLY)\r\n');
    w.send(1, 'CLIENT', 'PAUSE', '500');
    expect(w.take(1)).toBe('+OK\r\n');
    const m = w.srv.rs.master!;
    const start = m.reploff;
    w.raw(link, '*1\r\n$4\r\nPING\r\n');
    w.send(1, 'PING');
    expect(w.take(1)).toBe('');
    expect(m.reploff).toBe(start);
    w.run(600);
    expect(w.take(1)).toBe('+PONG\r\n');
    expect(m.reploff).toBe(start + 14);
  });
});

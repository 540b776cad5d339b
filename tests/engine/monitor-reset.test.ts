/**
 * MONITOR and RESET on a bare engine whose peers the test plays, checked byte for byte against
 * what redis-server 7.0.15 sends: the monitor's lines (time from the simulated clock, db after
 * the command, sdscatrepr quoting), what is hidden from it, the keyspace refusal a monitor gets,
 * the master's stream shown on a replica's monitor, and what RESET clears.
 */
import { describe, expect, it } from 'vitest';
import { encodeCommand } from '../../src/engine';
import { repr } from '../../src/engine/monitor';
import { Wire } from './wire';

function clients(v: '7.0' | '4.0' = '7.0'): Wire {
  const w = new Wire(v, 6379);
  w.srv.onAccept(1, '127.0.0.1:40001');
  w.srv.onAccept(2, '127.0.0.1:40002');
  return w;
}

/** The monitor line prefix at the engine's current simulated time. */
function stamp(w: Wire): string {
  const now = w.clock.now();
  return `${Math.floor(now / 1000)}.${String((now % 1000) * 1000).padStart(6, '0')}`;
}

describe('MONITOR', () => {
  it('shows each command after it ran, with the db it left selected; admin and refused ones are hidden', () => {
    const w = clients();
    w.send(1, 'MONITOR');
    expect(w.take(1)).toBe('+OK\r\n');
    const t = stamp(w);
    w.send(2, 'SELECT', '3');
    w.send(2, 'SET', 'a\x01"b', '1');
    w.send(2, 'MULTI');
    w.send(2, 'INCR', 'x');
    w.send(2, 'EXEC');
    w.send(2, 'CONFIG', 'GET', 'port');
    w.send(2, 'NOSUCH');
    w.send(2, 'GET', 'a', 'b');
    w.send(2, 'CLIENT', 'INFO');
    const p = `+${t} [3 127.0.0.1:40002]`;
    expect(w.take(1)).toBe(
      [
        `${p} "SELECT" "3"`,
        `${p} "SET" "a\\x01\\"b" "1"`,
        `${p} "MULTI"`,
        `${p} "INCR" "x"`,
        `${p} "EXEC"`,
        `${p} "CLIENT" "INFO"`,
        '',
      ].join('\r\n'),
    );
  });

  it('a monitor may not touch keys (7.0), a second MONITOR gets no reply, CLIENT LIST shows O', () => {
    const w = clients();
    w.send(1, 'MONITOR');
    w.take(1);
    w.send(1, 'GET', 'k');
    expect(w.take(1)).toBe("-ERR Replica can't interact with the keyspace\r\n");
    w.send(1, 'MONITOR');
    expect(w.take(1)).toBe('');
    w.send(2, 'CLIENT', 'LIST', 'ID', '3');
    expect(w.take(2)).toContain(' flags=O db=0 ');
  });

  it('is refused inside a transaction in 7.0', () => {
    const w = clients();
    w.send(1, 'MULTI');
    w.send(1, 'MONITOR');
    w.send(1, 'EXEC');
    expect(w.take(1)).toBe("+OK\r\n+QUEUED\r\n*1\r\n-ERR MONITOR isn't allowed for DENY BLOCKING client\r\n");
  });

  it('4.0 shows a command before it runs, so SELECT shows the db it left', () => {
    const w = clients('4.0');
    w.send(1, 'MONITOR');
    w.take(1);
    const t = stamp(w);
    w.send(2, 'SELECT', '3');
    expect(w.take(1)).toBe(`+${t} [0 127.0.0.1:40002] "SELECT" "3"\r\n`);
  });

  it("on a replica shows what the master's stream applies, from the master's address", () => {
    const w = new Wire('7.0', 6380);
    w.srv.onAccept(1, '127.0.0.1:40001');
    w.send(1, 'SLAVEOF', '127.0.0.1', '6379');
    w.runTo(1000);
    const link = w.connects[0].conn;
    w.srv.onConnected(link, '127.0.0.1:50000');
    w.answerHandshake(link);
    w.raw(link, `+CONTINUE ${'a'.repeat(40)}\r\n`);
    w.take(1);
    w.take(link);
    w.send(1, 'MONITOR');
    w.take(1);
    const t = stamp(w);
    w.raw(link, encodeCommand(['SET', 'k', 'v']) + encodeCommand(['PUBLISH', 'c', 'm']));
    const p = `+${t} [0 127.0.0.1:6379]`;
    expect(w.take(1)).toBe(`${p} "SET" "k" "v"\r\n${p} "PUBLISH" "c" "m"\r\n`);
  });

  it.each(['7.0', '4.0'] as const)('%s shows EVAL first, then its script\'s commands as "lua"', (v) => {
    const w = clients(v);
    w.send(1, 'MONITOR');
    w.take(1);
    const t = stamp(w);
    const body = "redis.call('set','foo','bar') return redis.call('get','foo')";
    w.send(2, 'EVAL', body, '0');
    expect(w.take(1)).toBe(
      [
        `+${t} [0 127.0.0.1:40002] "EVAL" ${repr(body)} "0"`,
        `+${t} [0 lua] "set" "foo" "bar"`,
        `+${t} [0 lua] "get" "foo"`,
        '',
      ].join('\r\n'),
    );
  });

  it('quotes as sdscatrepr does', () => {
    expect(repr('a b\n\r\t\x07\x08\\"\xff')).toBe('"a b\\n\\r\\t\\a\\b\\\\\\"\\xff"');
  });
});

describe('RESET', () => {
  it('clears db, name, subscriptions, MONITOR and MULTI, keeps NO-EVICT, answers +RESET', () => {
    const w = clients();
    w.send(1, 'CLIENT', 'NO-EVICT', 'on');
    w.send(1, 'SELECT', '3');
    w.send(1, 'CLIENT', 'SETNAME', 'foo');
    w.send(1, 'SUBSCRIBE', 'a');
    w.take(1);
    w.send(1, 'RESET');
    expect(w.take(1)).toBe('+RESET\r\n');
    w.send(1, 'CLIENT', 'INFO');
    expect(w.take(1)).toMatch(/ name= .* flags=e db=0 sub=0 psub=0 ssub=0 multi=-1 /);
    w.send(2, 'PUBLISH', 'a', 'x');
    expect(w.take(2)).toBe(':0\r\n');
    w.send(1, 'MONITOR');
    w.send(1, 'RESET');
    w.take(1);
    w.send(2, 'PING');
    expect(w.take(1)).toBe('');
    w.send(1, 'MULTI');
    w.send(1, 'SET', 'x', '1');
    w.send(1, 'RESET');
    w.send(1, 'EXEC');
    expect(w.take(1)).toBe('+OK\r\n+QUEUED\r\n+RESET\r\n-ERR EXEC without MULTI\r\n');
  });

  it('is unknown to 4.0', () => {
    const w = clients('4.0');
    w.send(1, 'RESET');
    expect(w.take(1)).toMatch(/^-ERR unknown command `RESET`/);
  });
});

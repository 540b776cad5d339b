/**
 * DEBUG SLEEP blocks the whole server in simulated time, as the real one blocks its only thread:
 * no reply, no serverCron, no socket read until it wakes — the kernel still accepts connections
 * and buffers their bytes, which the server then reads in arrival order. The sleeper's pipelined
 * commands run first (Redis was inside that client's processInputBuffer), then the missed cron
 * tick runs once, then everything that arrived meanwhile.
 */
import { describe, expect, it } from 'vitest';
import { debugSleepMs as sleepMs } from '../../src/engine/commands/util/float';
import type { RedisVersion } from '../../src/playground';
import { Wire } from './wire';

const OK = '+OK\r\n';
const PONG = '+PONG\r\n';

describe.each(['7.0', '4.0'] as RedisVersion[])('DEBUG SLEEP (%s)', (v) => {
  it('answers when it wakes, at the first cron tick after the sleep; the rest of the pipeline follows', () => {
    const w = new Wire(v, 6379);
    w.srv.onAccept(1, '127.0.0.1:40001');
    w.raw(1, '*3\r\n$5\r\nDEBUG\r\n$5\r\nSLEEP\r\n$3\r\n1.5\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\n');
    expect(w.take(1)).toBe('');
    w.run(1400);
    expect(w.take(1)).toBe('');
    w.run(100); // 1.5 s after the command: awake
    expect(w.take(1)).toBe(`${OK}${PONG}$2\r\nhi\r\n`);
  });

  it('leaves other clients unanswered until it wakes, then reads what they sent in arrival order', () => {
    const w = new Wire(v, 6379);
    w.srv.onAccept(1, '127.0.0.1:40001');
    w.srv.onAccept(2, '127.0.0.1:40002');
    w.send(1, 'DEBUG', 'SLEEP', '1');
    w.send(2, 'SET', 'k', 'v1');
    w.srv.onAccept(3, '127.0.0.1:40003'); // accepted by the kernel, seen by Redis later
    w.send(3, 'SET', 'k', 'v2');
    w.send(2, 'GET', 'k');
    w.run(900);
    expect([w.take(1), w.take(2), w.take(3)]).toEqual(['', '', '']);
    w.run(100);
    expect(w.take(1)).toBe(OK);
    expect(w.take(2)).toBe(`${OK}$2\r\nv2\r\n`);
    expect(w.take(3)).toBe(OK);
  });

  it('misses its cron ticks: serverCron runs once on waking', () => {
    const w = new Wire(v, 6379);
    w.srv.onAccept(1, '127.0.0.1:40001');
    w.run(300);
    const loops = w.srv.cronloops;
    w.send(1, 'DEBUG', 'SLEEP', '2');
    w.run(1900);
    expect(w.srv.cronloops).toBe(loops);
    w.run(100);
    expect(w.srv.cronloops).toBe(loops + 1);
    w.run(100);
    expect(w.srv.cronloops).toBe(loops + 2);
  });

  it('sleeps again for a second DEBUG SLEEP in the same pipeline before answering anyone', () => {
    const w = new Wire(v, 6379);
    w.srv.onAccept(1, '127.0.0.1:40001');
    w.srv.onAccept(2, '127.0.0.1:40002');
    w.raw(1, '*3\r\n$5\r\nDEBUG\r\n$5\r\nSLEEP\r\n$1\r\n1\r\n*3\r\n$5\r\nDEBUG\r\n$5\r\nSLEEP\r\n$1\r\n1\r\n');
    w.send(2, 'PING');
    w.run(1000);
    expect([w.take(1), w.take(2)]).toEqual(['', '']);
    w.run(1000);
    expect([w.take(1), w.take(2)]).toEqual([`${OK}${OK}`, PONG]);
  });

  it('takes nothing from a replica link either: its ACKs are read on waking', () => {
    const w = new Wire(v, 6379, { 'repl-diskless-sync': 'no' });
    w.replica(5, 7000);
    w.srv.onAccept(1, '127.0.0.1:40001');
    w.send(1, 'SET', 'k', 'v');
    const before = w.srv.slaves[0].replica!.ackOffset;
    const offset = w.srv.repl.offset;
    expect(offset).toBeGreaterThan(before);
    w.send(1, 'DEBUG', 'SLEEP', '1');
    w.ack(5, offset);
    w.run(900);
    expect(w.srv.slaves[0].replica!.ackOffset).toBe(before);
    w.run(100);
    expect(w.srv.slaves[0].replica!.ackOffset).toBe(offset);
  });
});

describe('DEBUG SLEEP seconds', () => {
  it('is read with a bare strtod and turned into whole microseconds', () => {
    expect(sleepMs('1')).toBe(1000);
    expect(sleepMs('0.5')).toBe(500);
    expect(sleepMs('  2')).toBe(2000);
    expect(sleepMs('3abc')).toBe(3000);
    expect(sleepMs('1e1')).toBe(10_000);
    expect(sleepMs('1e')).toBe(1000);
    expect(sleepMs('0x10')).toBe(16_000);
    expect(sleepMs('.25s')).toBe(250);
    expect(sleepMs('0.0000019')).toBe(0.001);
  });
  it('does not sleep for what nanosleep refuses: nothing, negative, inf, nan, out of range', () => {
    for (const s of ['', 'abc', '-1', '-0.5', 'inf', '-inf', 'nan', 'infinity', '1e30']) expect(sleepMs(s)).toBe(0);
  });
});

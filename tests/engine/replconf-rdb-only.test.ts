/**
 * REPLCONF rdb-only (7.0, what redis-cli --rdb sends before SYNC): the replica gets the RDB and
 * nothing of the stream, the master logs that it is done with it and closes it. The argument is
 * checked as real 7.0.15 checks it (an integer between 0 and 1).
 */
import { describe, expect, it } from 'vitest';
import { Wire } from './wire';

describe('REPLCONF rdb-only', () => {
  it('checks its argument as real 7.0.15 does', () => {
    const w = new Wire('7.0', 6379);
    w.srv.onAccept(1, '127.0.0.1:50001');
    const ask = (v: string) => {
      w.send(1, 'REPLCONF', 'rdb-only', v);
      return w.take(1);
    };
    expect(ask('2')).toBe('-ERR value is out of range, value must between 0 and 1\r\n');
    expect(ask('-1')).toBe('-ERR value is out of range, value must between 0 and 1\r\n');
    expect(ask('x')).toBe('-ERR value is not an integer or out of range\r\n');
    expect(ask('01')).toBe('-ERR value is not an integer or out of range\r\n');
    expect(ask('1')).toBe('+OK\r\n');
    expect(ask('0')).toBe('+OK\r\n');
    const w4 = new Wire('4.0', 6379);
    w4.srv.onAccept(1, '127.0.0.1:50001');
    w4.send(1, 'REPLCONF', 'rdb-only', '1');
    expect(w4.take(1)).toBe('-ERR Unrecognized REPLCONF option: rdb-only\r\n');
  });

  for (const diskless of ['yes', 'no']) {
    it(`sends the RDB only, then closes the replica (repl-diskless-sync ${diskless})`, () => {
      const w = new Wire('7.0', 6379, { 'repl-diskless-sync': diskless, 'repl-diskless-sync-delay': '0' });
      w.srv.onAccept(1, '127.0.0.1:50001');
      w.srv.onAccept(2, '127.0.0.1:50002');
      w.send(1, 'SET', 'a', '1');
      w.send(2, 'REPLCONF', 'capa', 'eof');
      w.send(2, 'REPLCONF', 'rdb-only', '1');
      w.send(2, 'SYNC');
      w.send(1, 'SET', 'b', '2'); // written while the RDB is produced: never sent to it
      w.run(300);
      const got = w.take(2);
      expect(got.startsWith('+OK\r\n+OK\r\n')).toBe(true);
      expect(got).toMatch(diskless === 'yes' ? /\$EOF:[0-9a-f]{40}\r\nREDIS0010/ : /\$\d+\r\nREDIS0010/);
      expect(got).not.toContain('SET');
      expect(w.closed.has(2)).toBe(true);
      expect(w.logs).toContain(
        '* RDB transfer completed, rdb only replica (127.0.0.1:<unknown-replica-port>) should be disconnected asap',
      );
      expect(w.logs.some((l) => l.includes('Synchronization with replica'))).toBe(false);
      expect(w.logs).toContain('# Connection with replica 127.0.0.1:<unknown-replica-port> lost.');
    });
  }
});

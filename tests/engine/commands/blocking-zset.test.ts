/**
 * BZPOPMIN, BZPOPMAX and BZMPOP on a whole engine with several clients and a replica: served in
 * the order they blocked once a sorted set appears, each pop reaching the replica as real
 * redis-server 7.0.15 propagates it (`ZPOPMIN key` for BZPOPMIN, `ZPOPMAX key n` with the number
 * popped for BZMPOP, measured on real servers by their replication offsets); list waiters are not
 * served by a sorted set; timeouts run on the simulated clock; MULTI answers at once.
 */
import { describe, expect, it } from 'vitest';
import { encodeCommand } from '../../../src/engine';
import { Wire } from '../wire';

const REPLICA = 99;
const cmd = (...argv: string[]) => encodeCommand(argv);

function setup(clients = 6): Wire {
  const w = new Wire('7.0', 6379, { 'repl-diskless-sync': 'no' });
  w.replica(REPLICA, 6380);
  for (let i = 1; i <= clients; i++) w.srv.onAccept(i, `127.0.0.1:${50000 + i}`);
  return w;
}

describe('blocking sorted-set pops', () => {
  it('act at once when a set is there, propagated as the non-blocking pop', () => {
    const w = setup();
    w.send(1, 'ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    w.take(1);
    w.take(REPLICA);
    w.send(1, 'BZPOPMIN', 'none', 'z', '0');
    w.send(1, 'BZPOPMAX', 'z', '0');
    w.send(1, 'BZMPOP', '0', '1', 'z', 'MIN', 'COUNT', '10');
    expect(w.take(1)).toBe(
      '*3\r\n$1\r\nz\r\n$1\r\na\r\n$1\r\n1\r\n' +
        '*3\r\n$1\r\nz\r\n$1\r\nc\r\n$1\r\n3\r\n' +
        '*2\r\n$1\r\nz\r\n*1\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n',
    );
    expect(w.take(REPLICA)).toBe(cmd('ZPOPMIN', 'z') + cmd('ZPOPMAX', 'z') + cmd('ZPOPMIN', 'z', '1'));
    w.send(1, 'SET', 's', 'v');
    w.send(1, 'BZPOPMIN', 's', '0');
    w.send(1, 'BZMPOP', '0', '1', 's', 'MAX');
    w.send(1, 'BZPOPMIN', 's', '-1');
    w.send(1, 'BZMPOP', '0', '0', 's', 'MAX');
    expect(w.take(1)).toBe(
      '+OK\r\n' +
        '-WRONGTYPE Operation against a key holding the wrong kind of value\r\n'.repeat(2) +
        '-ERR timeout is negative\r\n' +
        '-ERR numkeys should be greater than 0\r\n',
    );
  });

  it('serves the waiters in order, only those waiting for a sorted set', () => {
    const w = setup();
    w.send(1, 'BZPOPMIN', 'z', '0');
    w.send(2, 'BLPOP', 'z', '0');
    w.send(3, 'BZMPOP', '0', '2', 'other', 'z', 'MAX', 'COUNT', '10');
    w.send(4, 'BZPOPMAX', 'z', '0');
    expect(w.srv.keyBlocked.size).toBe(4);
    w.take(REPLICA);
    w.send(5, 'ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    expect(w.take(5)).toBe(':3\r\n');
    expect(w.take(1)).toBe('*3\r\n$1\r\nz\r\n$1\r\na\r\n$1\r\n1\r\n');
    expect(w.take(3)).toBe('*2\r\n$1\r\nz\r\n*2\r\n*2\r\n$1\r\nc\r\n$1\r\n3\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n');
    expect(w.take(2)).toBe('');
    expect(w.take(4)).toBe('');
    expect(w.take(REPLICA)).toBe(
      cmd('SELECT', '0') +
        cmd('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c') +
        cmd('ZPOPMIN', 'z') +
        cmd('ZPOPMAX', 'z', '2'),
    );
    expect(w.srv.dbs[0].dict.has('z')).toBe(false);
    expect(w.srv.keyBlocked.size).toBe(2);
    // A list at the key serves the BLPOP and leaves the BZPOPMAX waiting.
    w.send(5, 'RPUSH', 'z', 'x');
    expect(w.take(2)).toBe('*2\r\n$1\r\nz\r\n$1\r\nx\r\n');
    expect(w.take(4)).toBe('');
    w.send(5, 'ZADD', 'z', '5', 'q');
    expect(w.take(4)).toBe('*3\r\n$1\r\nz\r\n$1\r\nq\r\n$1\r\n5\r\n');
  });

  it('time out on the simulated clock with a nil array; inside MULTI answer at once', () => {
    const w = setup();
    w.send(1, 'BZPOPMIN', 'z', '0.5');
    w.send(2, 'BZMPOP', '1', '1', 'z', 'MIN');
    w.run(400);
    expect(w.take(1)).toBe('');
    w.run(300);
    expect(w.take(1)).toBe('*-1\r\n');
    expect(w.take(2)).toBe('');
    w.run(500);
    expect(w.take(2)).toBe('*-1\r\n');
    w.send(3, 'MULTI');
    w.send(3, 'BZPOPMAX', 'z', '0');
    w.send(3, 'BZMPOP', '0', '1', 'z', 'MIN');
    w.send(3, 'EXEC');
    expect(w.take(3)).toBe('+OK\r\n+QUEUED\r\n+QUEUED\r\n*2\r\n*-1\r\n*-1\r\n');
  });

  it('a SWAPDB that brings a sorted set to the key serves the waiter', () => {
    const w = setup();
    w.send(1, 'BZPOPMAX', 'z', '0');
    w.send(2, 'SELECT', '1');
    w.send(2, 'ZADD', 'z', '1', 'a', '2', 'b');
    w.send(2, 'SWAPDB', '0', '1');
    expect(w.take(2)).toBe('+OK\r\n:2\r\n+OK\r\n');
    expect(w.take(1)).toBe('*3\r\n$1\r\nz\r\n$1\r\nb\r\n$1\r\n2\r\n');
  });
});

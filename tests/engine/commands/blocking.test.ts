/**
 * The blocking list commands on a whole engine with several clients and a replica: clients are
 * served in the order they blocked when another client's push creates the list, each pop reaches
 * the replica as the non-blocking command it amounts to (the stream below is what a real
 * redis-server 7.0.15 sent its replica for the same steps), timeouts are deadlines on the
 * simulated clock, and MULTI, CLIENT UNBLOCK, a closed client and WATCH behave as in Redis.
 */
import { describe, expect, it } from 'vitest';
import { encodeCommand } from '../../../src/engine';
import { Wire } from '../wire';

const REPLICA = 99;

function setup(v: '7.0' | '4.0' = '7.0', clients = 8): Wire {
  const w = new Wire(v, 6379, { 'repl-diskless-sync': 'no' });
  w.replica(REPLICA, 6380);
  for (let i = 1; i <= clients; i++) w.srv.onAccept(i, `127.0.0.1:${50000 + i}`);
  return w;
}

const cmd = (...argv: string[]) => encodeCommand(argv);

describe('blocking pops (7.0)', () => {
  it('serves the waiting clients in order and propagates what each did, as redis-server does', () => {
    const w = setup();
    w.send(1, 'BLPOP', 'q1', 'q2', '0');
    w.send(2, 'BRPOP', 'q2', '0');
    w.send(3, 'BLMOVE', 'q2', 'dst', 'RIGHT', 'LEFT', '0');
    w.send(4, 'BRPOPLPUSH', 'dst', 'other', '0');
    w.send(5, 'BLMPOP', '0', '1', 'q2', 'LEFT', 'COUNT', '5');
    expect([1, 2, 3, 4, 5].map((c) => w.take(c))).toEqual(['', '', '', '', '']);
    expect(w.srv.keyBlocked.size).toBe(5);
    w.take(REPLICA);
    w.send(6, 'RPUSH', 'q2', 'x', 'y', 'z', 'w', 'v', 'u');
    w.send(6, 'SET', 't', '1');
    expect(w.take(6)).toBe(':6\r\n+OK\r\n');
    expect(w.take(1)).toBe('*2\r\n$2\r\nq2\r\n$1\r\nx\r\n');
    expect(w.take(2)).toBe('*2\r\n$2\r\nq2\r\n$1\r\nu\r\n');
    expect(w.take(3)).toBe('$1\r\nv\r\n');
    expect(w.take(4)).toBe('$1\r\nv\r\n');
    expect(w.take(5)).toBe('*2\r\n$2\r\nq2\r\n*3\r\n$1\r\ny\r\n$1\r\nz\r\n$1\r\nw\r\n');
    expect(w.take(REPLICA)).toBe(
      cmd('SELECT', '0') +
        cmd('RPUSH', 'q2', 'x', 'y', 'z', 'w', 'v', 'u') +
        cmd('LPOP', 'q2') +
        cmd('RPOP', 'q2') +
        cmd('LMOVE', 'q2', 'dst', 'right', 'left') +
        cmd('LPOP', 'q2', '3') +
        cmd('RPOPLPUSH', 'dst', 'other') +
        cmd('SET', 't', '1'),
    );
    expect(w.srv.keyBlocked.size).toBe(0);
    expect(w.srv.dbs[0].dict.has('q2')).toBe(false);
    expect(w.srv.blockingKeys[0].size).toBe(0);
  });

  it('times out on the simulated clock with a nil array, then runs the rest of the pipeline', () => {
    const w = setup();
    w.raw(1, cmd('BLPOP', 'q', '0.5') + cmd('PING'));
    w.run(400);
    expect(w.take(1)).toBe('');
    w.run(300);
    expect(w.take(1)).toBe('*-1\r\n+PONG\r\n');
    // 0 waits forever.
    w.send(2, 'BRPOP', 'q', '0');
    w.run(100_000);
    expect(w.take(2)).toBe('');
    w.send(3, 'LPUSH', 'q', 'a');
    expect(w.take(2)).toBe('*2\r\n$1\r\nq\r\n$1\r\na\r\n');
  });

  it('inside MULTI answers at once as a timeout would', () => {
    const w = setup();
    w.send(1, 'MULTI');
    for (const c of [
      ['BLPOP', 'q', '0'],
      ['BLMOVE', 'q', 'd', 'LEFT', 'LEFT', '0'],
      ['BRPOPLPUSH', 'q', 'd', '0'],
      ['BLMPOP', '0', '1', 'q', 'LEFT'],
    ])
      w.send(1, ...c);
    w.take(1);
    w.send(1, 'EXEC');
    expect(w.take(1)).toBe('*4\r\n*-1\r\n$-1\r\n$-1\r\n*-1\r\n');
  });

  it('only a created list serves them: a push onto a key of another type does not', () => {
    const w = setup();
    w.send(1, 'BLPOP', 'q', '0');
    w.send(2, 'SET', 'q', 'str');
    w.send(2, 'DEL', 'q');
    w.send(2, 'RPUSH', 'q', 'a', 'b');
    expect(w.take(1)).toBe('*2\r\n$1\r\nq\r\n$1\r\na\r\n');
    expect(w.srv.dbs[0].dict.get('q')).toEqual({ type: 'list', items: ['b'] });
  });

  it('BLMOVE to a key of another type: the waiter gets WRONGTYPE, the element stays', () => {
    const w = setup();
    w.send(2, 'SET', 'dst', 'x');
    w.send(1, 'BLMOVE', 'q', 'dst', 'LEFT', 'LEFT', '0');
    w.send(2, 'RPUSH', 'q', 'a');
    expect(w.take(1)).toBe('-WRONGTYPE Operation against a key holding the wrong kind of value\r\n');
    expect(w.srv.keyBlocked.size).toBe(0);
    expect(w.srv.dbs[0].dict.get('q')).toEqual({ type: 'list', items: ['a'] });
  });

  it('keys are per db; CLIENT UNBLOCK and a closed connection end the wait', () => {
    const w = setup();
    w.send(1, 'SELECT', '3');
    w.send(1, 'BLPOP', 'q', '0');
    w.send(2, 'RPUSH', 'q', 'a');
    w.send(2, 'CLIENT', 'ID');
    expect(w.take(1)).toBe('+OK\r\n');
    w.take(2);
    const id = String([...w.srv.keyBlocked][0].id);
    w.send(2, 'CLIENT', 'UNBLOCK', id);
    expect(w.take(2)).toBe(':1\r\n');
    expect(w.take(1)).toBe('*-1\r\n');
    w.send(1, 'BLPOP', 'q', '0');
    w.send(2, 'CLIENT', 'UNBLOCK', id, 'ERROR');
    expect(w.take(1)).toBe('-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n');
    w.send(1, 'BLPOP', 'q', '0');
    w.srv.onClosed(1);
    expect(w.srv.keyBlocked.size).toBe(0);
    expect(w.srv.blockingKeys[3].size).toBe(0);
  });

  it('a list pushed with a TTL that a DEBUG SLEEP in the same EXEC outlives serves no one', () => {
    // Redis's own suite (list.tcl, "MULTI + LPUSH + EXPIRE + DEBUG SLEEP on blocked client, key
    // already expired"): the waiter is served after the sleep, when the key is already gone.
    const w = setup();
    w.send(1, 'BRPOP', 'k', '0');
    w.take(REPLICA);
    for (const c of [['MULTI'], ['RPUSH', 'k', 'hello'], ['PEXPIRE', 'k', '100'], ['DEBUG', 'SLEEP', '0.2']]) {
      w.send(2, ...c);
    }
    w.send(2, 'EXEC');
    w.run(300);
    expect(w.take(1)).toBe('');
    expect(w.take(2)).toContain('*3\r\n:1\r\n:1\r\n+OK\r\n');
    expect(w.srv.dbs[0].dict.has('k')).toBe(false);
    w.send(3, 'CLIENT', 'LIST');
    expect(w.take(3)).toMatch(/flags=b .* cmd=brpop /);
    // The key expired on its own: a DEL reaches the replica after the transaction.
    expect(w.take(REPLICA)).toMatch(/EXEC\r\n\*2\r\n\$3\r\nDEL\r\n\$1\r\nk\r\n$/);
  });

  it('INFO and CLIENT LIST show blocked clients', () => {
    const w = setup();
    w.send(1, 'BLPOP', 'q', '10');
    w.send(2, 'INFO', 'clients');
    const info = w.take(2);
    expect(info).toContain('blocked_clients:1\r\n');
    expect(info).toContain('clients_in_timeout_table:1\r\n');
    w.send(2, 'CLIENT', 'LIST');
    expect(w.take(2)).toMatch(/flags=b .*cmd=blpop/);
  });

  it('a served pop touches the key for WATCH', () => {
    const w = setup();
    w.send(1, 'BLPOP', 'q', '0');
    w.send(2, 'WATCH', 'q', 'dst');
    w.send(3, 'RPUSH', 'q', 'a', 'b');
    w.send(2, 'MULTI');
    w.send(2, 'EXEC');
    expect(w.take(2)).toBe('+OK\r\n+OK\r\n*-1\r\n');
  });
});

describe('blocking pops (4.0)', () => {
  it('BRPOPLPUSH served goes as RPOP + LPUSH; BLPOP as LPOP; timeouts are whole seconds', () => {
    const w = setup('4.0');
    w.send(1, 'BRPOPLPUSH', 'q', 'd', '0');
    w.send(2, 'BLPOP', 'd', '0');
    w.send(3, 'BLPOP', 'x', '0.5');
    expect(w.take(3)).toBe('-ERR timeout is not an integer or out of range\r\n');
    w.take(REPLICA);
    w.send(3, 'RPUSH', 'q', 'a');
    expect(w.take(1)).toBe('$1\r\na\r\n');
    expect(w.take(2)).toBe('*2\r\n$1\r\nd\r\n$1\r\na\r\n');
    expect(w.take(REPLICA)).toBe(
      `${cmd('SELECT', '0')}${cmd('RPUSH', 'q', 'a')}${cmd('RPOP', 'q')}${cmd('LPUSH', 'd', 'a')}${cmd('LPOP', 'd')}`,
    );
  });
});

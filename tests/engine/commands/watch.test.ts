/**
 * WATCH / UNWATCH with MULTI/EXEC, on a whole engine with several clients: EXEC answers nil when
 * a watched key was touched by another client, by the master's stream, by expiry (7.0), by a
 * flush; untouched keys, UNWATCH, DISCARD and a failed EXEC leave nothing behind. Checked against
 * redis-server 7.0.15.
 */
import { describe, expect, it } from 'vitest';
import { Playground } from '../../../src/playground';
import { Wire } from '../wire';

const EXEC_NIL = '*-1\r\n';

function two(v: '7.0' | '4.0' = '7.0'): Wire {
  const w = new Wire(v, 6379);
  w.srv.onAccept(1, '127.0.0.1:50001');
  w.srv.onAccept(2, '127.0.0.1:50002');
  return w;
}

/** Send each command on `conn` and return what came back. */
function on(w: Wire, conn: number, ...cmds: string[][]): string {
  for (const c of cmds) w.send(conn, ...c);
  return w.take(conn);
}

describe.each(['7.0', '4.0'] as const)('WATCH (%s)', (v) => {
  it('another client writing a watched key makes EXEC answer nil and run nothing', () => {
    const w = two(v);
    on(w, 1, ['SET', 'k', '1'], ['WATCH', 'k', 'other'], ['MULTI'], ['INCR', 'k']);
    expect(on(w, 2, ['SET', 'k', '5'])).toBe('+OK\r\n');
    expect(on(w, 1, ['EXEC'])).toBe(EXEC_NIL);
    expect(on(w, 1, ['GET', 'k'])).toBe('$1\r\n5\r\n');
    // The failed EXEC unwatched everything: the next transaction runs.
    on(w, 2, ['SET', 'k', '6']);
    expect(on(w, 1, ['MULTI'], ['INCR', 'k'], ['EXEC'])).toBe('+OK\r\n+QUEUED\r\n*1\r\n:7\r\n');
  });

  it('untouched keys, writes that change nothing, and the client itself before MULTI', () => {
    const w = two(v);
    on(w, 1, ['WATCH', 'a', 'b']);
    on(w, 2, ['SET', 'c', '1'], ['SETNX', 'c', '2'], ['DEL', 'a'], ['LPOP', 'b'], ['GET', 'a']);
    expect(on(w, 1, ['MULTI'], ['PING'], ['EXEC'])).toBe('+OK\r\n+QUEUED\r\n*1\r\n+PONG\r\n');
    on(w, 1, ['WATCH', 'a'], ['SET', 'a', 'mine']);
    expect(on(w, 1, ['MULTI'], ['PING'], ['EXEC'])).toBe(`+OK\r\n+QUEUED\r\n${EXEC_NIL}`);
  });

  it('UNWATCH and DISCARD forget the watched keys; WATCH inside MULTI is refused without aborting', () => {
    const w = two(v);
    on(w, 1, ['WATCH', 'k']);
    on(w, 2, ['SET', 'k', '1']);
    expect(on(w, 1, ['UNWATCH'])).toBe('+OK\r\n');
    expect(on(w, 1, ['MULTI'], ['GET', 'k'], ['EXEC'])).toBe('+OK\r\n+QUEUED\r\n*1\r\n$1\r\n1\r\n');
    on(w, 1, ['WATCH', 'k'], ['MULTI']);
    expect(on(w, 1, ['WATCH', 'x'])).toBe('-ERR WATCH inside MULTI is not allowed\r\n');
    expect(on(w, 1, ['DISCARD'])).toBe('+OK\r\n');
    on(w, 2, ['SET', 'k', '2']);
    expect(on(w, 1, ['MULTI'], ['EXEC'])).toBe('+OK\r\n*0\r\n');
  });

  it('a queueing error wins over a touched key', () => {
    const w = two(v);
    on(w, 1, ['WATCH', 'k'], ['MULTI'], ['NOSUCHCMD']);
    on(w, 2, ['SET', 'k', '1']);
    expect(on(w, 1, ['EXEC'])).toBe('-EXECABORT Transaction discarded because of previous errors.\r\n');
  });

  it('FLUSHALL and FLUSHDB touch watched keys that exist', () => {
    const w = two(v);
    on(w, 1, ['WATCH', 'missing']);
    on(w, 2, ['FLUSHALL']);
    expect(on(w, 1, ['MULTI'], ['EXEC'])).toBe('+OK\r\n*0\r\n');
    on(w, 1, ['SET', 'k', '1'], ['WATCH', 'k']);
    on(w, 2, ['SELECT', '1'], ['FLUSHDB']);
    expect(on(w, 1, ['MULTI'], ['EXEC'])).toBe('+OK\r\n*0\r\n');
    on(w, 1, ['WATCH', 'k']);
    on(w, 2, ['SELECT', '0'], ['FLUSHDB']);
    expect(on(w, 1, ['MULTI'], ['EXEC'])).toBe(`+OK\r\n${EXEC_NIL}`);
  });

  it('SWAPDB touches a watched key that exists on either side (7.0), not one in neither', () => {
    const w = two(v);
    on(w, 1, ['SET', 'x', '1'], ['WATCH', 'x']);
    on(w, 2, ['SWAPDB', '0', '3']);
    expect(on(w, 1, ['MULTI'], ['EXEC'])).toBe(v === '7.0' ? `+OK\r\n${EXEC_NIL}` : '+OK\r\n*0\r\n');
    on(w, 1, ['WATCH', 'y']);
    on(w, 2, ['SWAPDB', '0', '3']);
    expect(on(w, 1, ['MULTI'], ['EXEC'])).toBe('+OK\r\n*0\r\n');
  });

  it('a closed client stops watching', () => {
    const w = two(v);
    on(w, 1, ['WATCH', 'k']);
    w.srv.onClosed(1);
    expect(w.srv.dbs[0].watched.size).toBe(0);
  });
});

describe('WATCH and expiry (7.0)', () => {
  it('a watched key that expires before EXEC aborts it, even if nobody deleted it', () => {
    const w = two();
    on(w, 1, ['SET', 'k', '1', 'PX', '500'], ['WATCH', 'k']);
    w.clock.advance(600);
    expect(on(w, 1, ['MULTI'], ['PING'], ['EXEC'])).toBe(`+OK\r\n+QUEUED\r\n${EXEC_NIL}`);
  });

  it('a key already expired when watched: its deletion changes nothing', () => {
    const w = two();
    w.srv.activeExpire = false;
    on(w, 1, ['DEBUG', 'SET-ACTIVE-EXPIRE', '0'], ['SET', 'k', '1', 'PX', '100']);
    w.clock.advance(200);
    on(w, 1, ['WATCH', 'k']);
    expect(on(w, 2, ['GET', 'k'])).toBe('$-1\r\n'); // deletes it
    expect(on(w, 1, ['MULTI'], ['PING'], ['EXEC'])).toBe('+OK\r\n+QUEUED\r\n*1\r\n+PONG\r\n');
  });

  it('active expiry touches the key', () => {
    const w = two();
    on(w, 1, ['SET', 'k', '1', 'PX', '100'], ['WATCH', 'k'], ['PERSIST', 'nothing']);
    w.run(1000);
    expect(w.srv.dbs[0].dict.has('k')).toBe(false);
    expect(on(w, 1, ['MULTI'], ['EXEC'])).toBe(`+OK\r\n${EXEC_NIL}`);
  });
});

describe.each(['7.0', '4.0'] as const)('WATCH on a replica (%s)', (v) => {
  it("the master's stream touches the keys a replica's client watches", () => {
    const pg = new Playground({ version: v, seed: 5 });
    const m = pg.addNode('127.0.0.1', 6379);
    const r = pg.addNode('127.0.0.1', 6380);
    pg.start(m);
    pg.start(r);
    pg.exec(r, ['SLAVEOF', '127.0.0.1', '6379']);
    pg.settle();
    pg.exec(r, ['WATCH', 'k', 'other']);
    pg.exec(m, ['SET', 'unrelated', '1']);
    pg.settle();
    pg.exec(r, ['MULTI']);
    pg.exec(r, ['GET', 'k']);
    expect(pg.exec(r, ['EXEC'])).toEqual({ t: 'array', items: [{ t: 'bulk', s: null }] });
    pg.exec(r, ['WATCH', 'k']);
    pg.exec(m, ['SET', 'k', '1']);
    pg.settle();
    pg.exec(r, ['MULTI']);
    pg.exec(r, ['GET', 'k']);
    expect(pg.exec(r, ['EXEC'])).toEqual({ t: 'array', items: null });
  });
});

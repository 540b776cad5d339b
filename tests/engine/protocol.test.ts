/**
 * A connection's protocol as the server answers it, each case checked against redis-server 7.0.15
 * (and 4.0.14's source for the 4.0 dialect): QUIT, the protocol errors (reply, close, and the
 * verbose log line naming the client), the multibulk count limits of each dialect.
 */
import { describe, expect, it } from 'vitest';
import { Wire } from './wire';

describe('QUIT', () => {
  for (const v of ['7.0', '4.0'] as const) {
    it(`${v}: answers +OK and closes once the reply is out, with arguments and inside MULTI`, () => {
      const w = new Wire(v, 6379);
      w.srv.onAccept(1, '127.0.0.1:50001');
      w.raw(1, '*1\r\n$4\r\nPING\r\nQUIT\r\nPING\r\n');
      expect(w.take(1)).toBe('+PONG\r\n+OK\r\n');
      expect(w.closed.has(1)).toBe(true);

      w.srv.onAccept(2, '127.0.0.1:50002');
      w.raw(2, 'MULTI\r\nquit extra args\r\n');
      expect(w.take(2)).toBe('+OK\r\n+OK\r\n');
      expect(w.closed.has(2)).toBe(true);
    });
  }

  it('7.0: is a command of the table (COMMAND INFO, commandstats); 4.0: is no command', () => {
    const w = new Wire('7.0', 6379);
    w.srv.onAccept(1, '127.0.0.1:50001');
    w.send(1, 'COMMAND', 'INFO', 'quit');
    expect(w.take(1)).toBe(
      '*1\r\n*10\r\n$4\r\nquit\r\n:-1\r\n*6\r\n+noscript\r\n+loading\r\n+stale\r\n+fast\r\n+no_auth\r\n+allow_busy\r\n:0\r\n:0\r\n:0\r\n*2\r\n+@fast\r\n+@connection\r\n*0\r\n*0\r\n*0\r\n',
    );
    w.send(1, 'QUIT');
    w.srv.onAccept(2, '127.0.0.1:50002');
    w.send(2, 'INFO', 'commandstats');
    expect(w.take(2)).toContain('cmdstat_quit:calls=1,');

    const w4 = new Wire('4.0', 6379);
    w4.srv.onAccept(1, '127.0.0.1:50001');
    w4.send(1, 'COMMAND', 'INFO', 'quit');
    expect(w4.take(1)).toBe('*1\r\n$-1\r\n');
  });
});

describe('protocol errors', () => {
  it('reply, close, and log at verbose level what real Redis logs', () => {
    const w = new Wire('7.0', 6379, { loglevel: 'verbose' });
    w.srv.onAccept(1, '127.0.0.1:50001');
    w.raw(1, '*1\r\n$4\r\nPING\r\n*1\r\n$-0\r\nPING\r\n');
    expect(w.take(1)).toBe('+PONG\r\n-ERR Protocol error: invalid bulk length\r\n');
    expect(w.closed.has(1)).toBe(true);
    const line = w.logs.find((l) => l.includes('Protocol error'));
    expect(line).toMatch(
      /^- Protocol error \(invalid bulk length\) from client: id=\d+ addr=127\.0\.0\.1:50001 .* cmd=ping .*\. Query buffer during protocol error: '\$-0\.\.PING\.\.'$/,
    );
  });

  it('are not logged at the default level', () => {
    const w = new Wire('7.0', 6379);
    w.srv.onAccept(1, '127.0.0.1:50001');
    w.raw(1, '*x\r\n');
    expect(w.take(1)).toBe('-ERR Protocol error: invalid multibulk length\r\n');
    expect(w.logs.some((l) => l.includes('Protocol error'))).toBe(false);
  });

  it('7.0 takes a multibulk count up to INT_MAX; 4.0 up to 1024*1024', () => {
    const w = new Wire('7.0', 6379);
    w.srv.onAccept(1, '127.0.0.1:50001');
    w.raw(1, '*2147483647\r\n$4\r\nPING\r\n');
    expect(w.take(1)).toBe('');
    expect(w.closed.has(1)).toBe(false);
    w.srv.onAccept(2, '127.0.0.1:50002');
    w.raw(2, '*2147483648\r\n');
    expect(w.take(2)).toBe('-ERR Protocol error: invalid multibulk length\r\n');

    const w4 = new Wire('4.0', 6379);
    w4.srv.onAccept(1, '127.0.0.1:50001');
    w4.raw(1, '*1048576\r\n');
    expect(w4.take(1)).toBe('');
    w4.srv.onAccept(2, '127.0.0.1:50002');
    w4.raw(2, '*1048577\r\n');
    expect(w4.take(2)).toBe('-ERR Protocol error: invalid multibulk length\r\n');
  });
});

/** A replica on 6380 whose master link is online after a PSYNC (as client-command.test.ts makes it). */
function onlineReplica(v: '7.0' | '4.0'): { w: Wire; link: number } {
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

describe('inline protocol from the master', () => {
  it('7.0: a bare newline is a keepalive; a command drops the link with real Redis warnings', () => {
    const { w, link } = onlineReplica('7.0');
    expect(w.srv.rs.state).toBe('connected');
    w.raw(link, '\n');
    expect(w.closed.has(link)).toBe(false);
    w.raw(link, 'SET k v\r\n');
    expect(w.closed.has(link)).toBe(true);
    expect(w.logs).toContain(
      '# WARNING: Receiving inline protocol from master, master stream corruption? Closing the master connection and discarding the cached master.',
    );
    expect(
      w.logs.some(
        (l) =>
          l.startsWith('# Protocol error (Master using the inline protocol. Desync?) from client: id=') &&
          l.endsWith("Query buffer during protocol error: 'SET k v..'"),
      ),
    ).toBe(true);
  });

  it('4.0 applies it (4.0.14 has no such check)', () => {
    const { w, link } = onlineReplica('4.0');
    w.raw(link, 'SET k v\r\n');
    expect(w.closed.has(link)).toBe(false);
    w.send(1, 'GET', 'k');
    expect(w.take(1)).toBe('$1\r\nv\r\n');
  });
});

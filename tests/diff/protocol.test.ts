/**
 * The request protocol, differentially: the same raw bytes sent to a real redis-server 7.0 over a
 * TCP socket and to the engine's connection, comparing what comes back and whether the server
 * closed the connection. Covers QUIT, strict length headers (`$-0`, leading zeros, signs), the
 * byte after each CR, a NUL inside an inline command or a header, counts up to INT_MAX, empty
 * and negative counts, and every protocol error text.
 *
 * Skipped when `redis-server` is not on PATH. This file owns port 21200 (shifted by
 * $DIFF_PORT_OFFSET).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createConnection } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Wire } from '../engine/wire';

const PORT = 21200 + (Number(process.env.DIFF_PORT_OFFSET) || 0);
const hasRedis = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

/** What a server did with some bytes: its reply bytes, and whether it closed the connection. */
interface Outcome {
  reply: string;
  closed: boolean;
}

/** Send `bytes` to the real server; collect until it closes or is quiet for `quietMs`. */
function real(bytes: string, quietMs = 150): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const sock = createConnection({ host: '127.0.0.1', port: PORT });
    let reply = '';
    let timer: NodeJS.Timeout | null = null;
    const done = (closed: boolean) => {
      if (timer) clearTimeout(timer);
      sock.destroy();
      resolve({ reply, closed });
    };
    const arm = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => done(false), quietMs);
    };
    sock.on('connect', () => {
      sock.write(Buffer.from(bytes, 'latin1'));
      arm();
    });
    sock.on('data', (d) => {
      reply += d.toString('latin1');
      arm();
    });
    sock.on('end', () => done(true));
    sock.on('close', () => done(true));
    sock.on('error', reject);
  });
}

/** The same bytes into the engine, in one read or in pieces of `chunk` bytes. */
function engine(bytes: string, chunk = bytes.length): Outcome {
  const w = new Wire('7.0', 6379);
  w.srv.onAccept(1, '127.0.0.1:50001');
  for (let i = 0; i < bytes.length; i += Math.max(chunk, 1)) w.raw(1, bytes.slice(i, i + chunk));
  return { reply: w.take(1), closed: w.closed.has(1) };
}

const CASES: [name: string, bytes: string][] = [
  ['QUIT after a PING, then nothing more', '*1\r\n$4\r\nPING\r\n*1\r\n$4\r\nQUIT\r\n*1\r\n$4\r\nPING\r\n'],
  ['QUIT with arguments, inline', 'quit extra\r\nPING\r\n'],
  ['QUIT inside MULTI runs at once', 'MULTI\r\nQUIT\r\n'],
  ['the byte after CR is skipped', '*1\r\n$4\r\nPINGxy*1\r\n$4\r\nPING\r\n'],
  ['the byte after CR in headers is skipped', '*1\rX$4\rXPING\r\n'],
  ['$-0', '*1\r\n$-0\r\n'],
  ['*-0', '*-0\r\n'],
  ['a leading zero in a bulk length', '*1\r\n$04\r\nPING\r\n'],
  ['a leading zero in a count', '*01\r\n$4\r\nPING\r\n'],
  ['a plus sign', '*+1\r\n'],
  ['$-1 in a request', '*1\r\n$-1\r\n'],
  ['an empty count', '*\r\n'],
  ['an empty bulk length', '*1\r\n$\r\n'],
  ['a space after the length', '*1\r\n$1 \r\n'],
  ['a count past INT_MAX', '*2147483648\r\n'],
  ['a count of INT_MAX waits for its arguments', '*2147483647\r\n$4\r\nPING\r\n'],
  ['negative and zero counts are empty commands', '*-1\r\nPING\r\n*-5\r\n*0\r\nPING\r\n'],
  ['a bulk past proto-max-bulk-len', '*1\r\n$536870913\r\n'],
  ['a bulk of proto-max-bulk-len waits', '*1\r\n$536870912\r\n'],
  ["not a '$'", '*1\r\nX4\r\n'],
  ['unbalanced quotes', '"abc\r\n'],
  ['a NUL inside an inline command', 'PI\0NG\r\nPING\r\n'],
  ['a NUL inside an inline argument', 'ECHO a\0b\r\nPING\r\n'],
  ['a NUL first', '\0PING\r\n'],
  ['a NUL in a bulk length', '*1\r\n$4\0\r\nPING\r\n'],
  ['a NUL in a count', '*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n*\0\r\n'],
  ['a NUL inside a bulk is data', '*2\r\n$4\r\nECHO\r\n$3\r\na\0b\r\n'],
  ['a NUL inline line past 64 KB', `PI\0NG\r\n${'x'.repeat(70000)}`],
  ['a NUL header past 64 KB', `*1\r\n$4\0\r\nPING\r\n${'x'.repeat(70000)}`],
  ['an inline line past 64 KB', 'x'.repeat(70000)],
  ['LF-only multibulk never completes', '*1\n$4\nPING\n'],
  ['blank lines', '\r\n\r\nping\r\n'],
  ['a CR at the very end waits', '*1\r\n$4\r\nPING\r'],
  ['POST', 'POST / HTTP/1.1\r\n'],
];

describe.skipIf(!hasRedis)('the request protocol against redis-server 7.0', () => {
  let proc: ChildProcess | null = null;
  let dir = '';
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proto-diff-'));
    proc = spawn(
      'redis-server',
      ['--port', String(PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 100; i++) {
      const ok = await real('PING\r\n', 50).then(
        (o) => o.reply === '+PONG\r\n',
        () => false,
      );
      if (ok) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server did not start on ${PORT}`);
  }, 15_000);
  afterAll(() => {
    proc?.kill('SIGKILL');
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const [name, bytes] of CASES) {
    it(name, async () => {
      const theirs = await real(bytes);
      expect(engine(bytes)).toEqual(theirs);
      // However the bytes arrive: one by one, and in pieces of 7.
      if (bytes.length < 1000) expect(engine(bytes, 1)).toEqual(theirs);
      expect(engine(bytes, 7)).toEqual(theirs);
    });
  }
});

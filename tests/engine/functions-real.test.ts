/**
 * FUNCTION DUMP payloads both ways with a real redis-server 7.0.15 (skipped when none is
 * installed): a real server's dump restores on the engine and the function runs; the engine's
 * dump restores on the real server, which lists the same code. Ports 11500-11509 shifted by
 * DIFF_PORT_OFFSET.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { describe, expect, it } from 'vitest';
import { binFromBytes, bytesFromBin } from '../../src/lib';
import { Playground } from '../../src/playground';

const hasRedis = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
const PORT = 11500 + Number(process.env.DIFF_PORT_OFFSET ?? 0);
const M = '127.0.0.1:6379';
// Long enough for the RDB string to be LZF-compressed in the payload.
const LIB = `#!lua name=lib1
-- ${'padding '.repeat(20)}
redis.register_function('echo1', function(keys, args) return args[1] end)
redis.register_function{function_name='len1', callback=function(keys) return redis.call('strlen', keys[1]) end, flags={'no-writes', 'allow-stale'}}`;

describe.skipIf(!hasRedis)('FUNCTION DUMP / RESTORE against redis-server 7.0.15', () => {
  it('restores each side’s payload on the other', { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fn-real-'));
    const proc = spawn('redis-server', ['--port', String(PORT), '--bind', '127.0.0.1', '--dir', dir, '--save', ''], {
      stdio: 'ignore',
    });
    const real = new Redis({ port: PORT, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => 50 });
    try {
      for (let i = 0; i < 100; i++) {
        try {
          await real.connect();
          break;
        } catch {
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      expect(await real.call('FUNCTION', 'LOAD', LIB)).toBe('lib1');
      const theirs = (await real.callBuffer('FUNCTION', 'DUMP')) as Buffer;

      const pg = new Playground({ version: '7.0', seed: 1 });
      pg.addNode('127.0.0.1', 6379, {});
      pg.start(M);
      expect(pg.exec(M, ['FUNCTION', 'RESTORE', binFromBytes(theirs)])).toEqual({ t: 'status', s: 'OK' });
      expect(pg.exec(M, ['FCALL', 'echo1', '0', 'hi'])).toEqual({ t: 'bulk', s: 'hi' });
      // The same library, the same bytes (the engine writes the payload as real Redis does).
      const ours = (pg.exec(M, ['FUNCTION', 'DUMP']) as { s: string }).s;
      expect(Buffer.from(bytesFromBin(ours)).equals(theirs)).toBe(true);

      await real.call('FUNCTION', 'FLUSH');
      expect(await real.callBuffer('FUNCTION', 'RESTORE', Buffer.from(bytesFromBin(ours)))).toEqual(Buffer.from('OK'));
      const listed = JSON.stringify(await real.call('FUNCTION', 'LIST', 'WITHCODE'));
      expect(listed).toContain(JSON.stringify(LIB));
      expect(listed).toContain('allow-stale');
    } finally {
      real.disconnect();
      proc.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

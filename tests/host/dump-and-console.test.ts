/**
 * Two host operations the page's buttons need, on the simulator and on worker threads alike:
 * `dumpRdb` hands back the RDB a SAVE would write now — a file Debian's `redis-check-rdb`
 * accepts (skipped when it is not installed) — and leaves the node exactly as it was (no file, no
 * log line, no counter); `closeConsole` is redis-cli going away while it waits (Ctrl-C): the
 * waiting command gets nothing, the server drops the client, and the next command reconnects on
 * db 0.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeWorkerPlayground, createNodeWorkerPool } from '../../src/host/node';
import { asApi, Playground, type PlaygroundApi } from '../../src/playground';

const hasCheckRdb = spawnSync('redis-check-rdb', ['--version']).error === undefined;
const pool = createNodeWorkerPool();
afterAll(() => pool.close());

const hosts: [string, () => PlaygroundApi][] = [
  ['simulator', () => asApi(new Playground({ version: '7.0', seed: 4 }))],
  ['worker threads', () => createNodeWorkerPlayground({ version: '7.0', seed: 4, pool })],
];

const A = '127.0.0.1:6379';

async function started(make: () => PlaygroundApi): Promise<PlaygroundApi> {
  const pg = make();
  pg.addNode('127.0.0.1', 6379);
  await pg.start(A);
  return pg;
}

for (const [hostName, make] of hosts) {
  describe(`dumpRdb (${hostName})`, () => {
    it('is the RDB of the data now, accepted by redis-check-rdb, and changes nothing', async () => {
      const pg = await started(make);
      const logs: string[] = [];
      pg.on((ev) => {
        if (ev.type === 'log') logs.push(ev.line);
      });
      await pg.exec(A, ['SET', 'greeting', 'hello']);
      await pg.exec(A, ['RPUSH', 'list', 'a', 'b', 'c']);
      await pg.exec(A, ['HSET', 'h', 'f', 'v']);
      await pg.exec(A, ['SADD', 's', 'x', 'y']);
      await pg.exec(A, ['ZADD', 'z', '1', 'm']);
      await pg.exec(A, ['SET', 'n', '12345', 'PX', '100000']);
      await pg.exec(A, ['DEBUG', 'POPULATE', '500']);
      const before = await pg.exec(A, ['INFO', 'persistence']);
      const rdb = await pg.dumpRdb!(A);
      expect(rdb).not.toBeNull();
      expect(new TextDecoder().decode(rdb!.subarray(0, 9))).toBe('REDIS0010');
      const after = await pg.exec(A, ['INFO', 'persistence']);
      expect(after).toEqual(before);
      expect(logs).toEqual([]);
      if (hasCheckRdb) {
        const dir = mkdtempSync(join(tmpdir(), 'rp-dump-'));
        try {
          const file = join(dir, 'dump.rdb');
          writeFileSync(file, rdb!);
          const r = spawnSync('redis-check-rdb', [file], { encoding: 'utf8' });
          expect(r.status, r.stdout + r.stderr).toBe(0);
          expect(r.stdout).toContain('RDB looks OK');
          expect(r.stdout).toMatch(/keys read: 506|506 keys read/);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
      await pg.kill(A);
      expect(await pg.dumpRdb!(A)).toBeNull();
      pg.dispose();
    });
  });

  describe(`closeConsole (${hostName})`, () => {
    it('ends a waiting command; the next command reconnects on db 0', async () => {
      const pg = await started(make);
      await pg.exec(A, ['SELECT', '3']);
      const sent = await pg.send!(A, ['WAIT', '1', '0']);
      expect(sent.answeredAt).toBeUndefined();
      await pg.closeConsole!(A);
      expect(await sent.reply).toBeNull();
      expect(sent.answeredAt).toBe(sent.sentAt);
      expect(pg.consoleDb(A)).toBe(0);
      const list = await pg.exec(A, ['CLIENT', 'LIST']);
      expect(list?.t).toBe('bulk');
      const text = list?.t === 'bulk' ? (list.s ?? '') : '';
      // Only the new connection is left, on db 0.
      expect(text.trim().split('\n')).toHaveLength(1);
      expect(text).toContain(' db=0 ');
      expect(text).toContain('cmd=client|list');
      pg.dispose();
    });
  });
}

/**
 * Several consoles per node in the page: "+" opens a second redis-cli tab on a node, with its own
 * connection and db; SUBSCRIBE in one tab puts it in subscribe mode, and a PUBLISH typed into the
 * other shows up there as redis-cli prints it; Ctrl-C leaves subscribe mode on the same db; a
 * BLPOP waiting in one tab is served by an LPUSH typed into the other; × closes a tab.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  buildAndServe,
  consoleLastLine,
  consoleText,
  HAVE_CHROMIUM,
  launch,
  panel,
  ROOT,
  type Served,
  typeLine,
  waitFor,
} from './harness';

const M = '127.0.0.1:6379';

describe.skipIf(!HAVE_CHROMIUM)('several consoles per node', () => {
  let served: Served;
  let b: Browser;
  let page: Page;

  beforeAll(async () => {
    served = await buildAndServe();
    b = await launch();
    page = b.page;
    await page.goto(served.url);
    await page.waitForSelector(`${panel(M)} .xterm-rows`);
    await waitFor(
      () => consoleLastLine(page, M),
      (l) => l === '127.0.0.1:6379>',
    );
  }, 180_000);

  afterAll(async () => {
    await b?.close();
    await served?.close();
  });

  const lastOf = (con: number, want: string) =>
    waitFor(
      () => consoleLastLine(page, M, '', con),
      (l) => l === want,
    );
  const textOf = (con: number, want: string) =>
    waitFor(
      () => consoleText(page, M, '', con),
      (t) => t.includes(want),
    );

  it('opens a second console whose SUBSCRIBE shows what the first one PUBLISHes, until Ctrl-C', async () => {
    await page.click(`${panel(M)} button[aria-label="Open another console on ${M}"]`);
    await page.waitForSelector(`${panel(M)} .rp-console[data-console="2"] .xterm-rows`);
    expect(await page.$eval(`${panel(M)} .rp-contab[aria-pressed="true"]`, (e) => e.textContent)).toBe('redis-cli 2');
    await lastOf(2, '127.0.0.1:6379>');
    await typeLine(page, M, 'SELECT 4', '', 2);
    await lastOf(2, '127.0.0.1:6379[4]>');
    await typeLine(page, M, 'SUBSCRIBE news', '', 2);
    await textOf(2, 'Reading messages... (press Ctrl-C to quit)\n1) "subscribe"\n2) "news"\n3) (integer) 1');

    await page.click(`${panel(M)} .rp-contab:text-is("redis-cli 1")`);
    await typeLine(page, M, 'PUBLISH news hello');
    expect(await textOf(1, '127.0.0.1:6379> PUBLISH news hello\n(integer) 1')).toContain('(integer) 1');

    await page.click(`${panel(M)} .rp-contab:text-is("redis-cli 2")`);
    expect(await textOf(2, '1) "message"\n2) "news"\n3) "hello"')).toContain('"hello"');
    // Ctrl-C leaves subscribe mode: a new connection on the same db, the prompt back.
    await page.click(`${panel(M)} .rp-console[data-console="2"] .xterm-screen`);
    await page.keyboard.press('Control+C');
    expect(await lastOf(2, '127.0.0.1:6379[4]>')).toBe('127.0.0.1:6379[4]>');
    await typeLine(page, M, 'CLIENT INFO', '', 2);
    expect(await textOf(2, ' db=4 sub=0 ')).toContain('db=4 sub=0');
  }, 60_000);

  it('serves a BLPOP waiting in one console with an LPUSH typed into the other', async () => {
    await typeLine(page, M, 'BLPOP jobs 0', '', 2);
    await textOf(2, '127.0.0.1:6379[4]> BLPOP jobs 0');
    await page.click(`${panel(M)} .rp-contab:text-is("redis-cli 1")`);
    await typeLine(page, M, 'SELECT 4');
    await typeLine(page, M, 'LPUSH jobs j1');
    await textOf(1, '127.0.0.1:6379[4]> LPUSH jobs j1\n(integer) 1');
    await page.click(`${panel(M)} .rp-contab:text-is("redis-cli 2")`);
    expect(await textOf(2, 'BLPOP jobs 0\n1) "jobs"\n2) "j1"')).toContain('"j1"');
    expect(await lastOf(2, '127.0.0.1:6379[4]>')).toBe('127.0.0.1:6379[4]>');
  }, 60_000);

  it('exports the session with PORT/N> lines, PORT&> for the waiting BLPOP and ctrl-c, which the runner replays', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:text-is("Export .scn")')]);
    const dir = mkdtempSync(join(tmpdir(), 'rp-consoles-'));
    try {
      const file = join(dir, 'session.scn');
      await download.saveAs(file);
      const scn = readFileSync(file, 'utf8');
      // The time between the lines typed is written as `sleep MS` steps.
      const steps = scn
        .split('\n')
        .filter((l) => !l.startsWith('sleep '))
        .join('\n');
      expect(steps).toContain('\n6379/2> SELECT 4\n6379/2> SUBSCRIBE news\n6379> PUBLISH news hello\n');
      expect(steps).toContain(
        '\nctrl-c 6379/2\n6379/2> CLIENT INFO\n6379/2&> BLPOP jobs 0\n6379> SELECT 4\n6379> LPUSH jobs j1\n',
      );
      const seed = /--seed (\d+)/.exec(scn)?.[1] ?? '1';
      const r = spawnSync('npx', ['tsx', 'src/cli.ts', file, '--seed', seed], { cwd: ROOT, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(
        '6379> PUBLISH news hello\n(integer) 1\n[6379/2] 1) "message"\n[6379/2] 2) "news"\n[6379/2] 3) "hello"\n',
      );
      expect(r.stdout).toContain('6379> LPUSH jobs j1\n(integer) 1\n[6379/2] 1) "jobs"\n[6379/2] 2) "j1"\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('closes a console tab', async () => {
    await page.click(`${panel(M)} button[aria-label="Close console 2 of ${M}"]`);
    expect(await page.$$eval(`${panel(M)} .rp-console`, (xs) => xs.length)).toBe(1);
    expect(await page.$eval(`${panel(M)} .rp-contab[aria-pressed="true"]`, (e) => e.textContent)).toBe('redis-cli 1');
  });
});

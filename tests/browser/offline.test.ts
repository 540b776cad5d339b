/**
 * The hosted multi-file page under a base path (/sub/app/ of a static host) in headless Chromium:
 * every URL is relative, and after the first visit its service worker (sw.js) keeps it working
 * once the server is gone — Add node (a new worker script), a preset change, a reload, and the
 * Learn panel (a lazily loaded chunk) opened on a tutorial.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPage } from '../../build/build';
import { type Browser, consoleText, HAVE_CHROMIUM, launch, logText, panel, typeLine, waitFor } from './harness';
import { type StaticSite, serveStatic } from './static-server';

const M = '127.0.0.1:6379';

/**
 * Wait until a node's log says it is up, as a person would before typing: on a loaded machine a
 * node that is still starting answers `Connection refused`, as a redis-server not yet listening does.
 */
async function waitUp(page: Page, node: string): Promise<void> {
  const log = await waitFor(
    () => logText(page, node).catch(() => ''),
    (t) => t.includes('Ready to accept connections'),
    60_000,
  );
  expect(log).toContain('Ready to accept connections');
}

async function expectReply(page: Page, node: string, line: string, want: string): Promise<void> {
  await typeLine(page, node, line);
  const text = await waitFor(
    () => consoleText(page, node),
    (t) => t.includes(`> ${line}\n${want}`),
  );
  expect(text).toContain(`> ${line}\n${want}`);
}

describe.skipIf(!HAVE_CHROMIUM)('the hosted page under a base path, offline after the first visit', () => {
  let outDir: string;
  let site: StaticSite;
  let b: Browser;
  let page: Page;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'rp-hosted-'));
    await buildPage(outDir, true);
    site = await serveStatic({ dir: outDir, prefix: '/sub/app/' });
    b = await launch();
    page = b.page;
    await page.goto(`${site.url}sub/app/?nodes=2`);
    await page.waitForSelector(`${panel(M)} .xterm-rows`);
    // The service worker installed (every file precached) and controls the page.
    const controlled = await waitFor(
      () => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? ''),
      (u) => u !== '',
    );
    expect(controlled).toBe(`${site.url}sub/app/sw.js`);
  }, 120_000);

  afterAll(async () => {
    await b?.close();
    await site?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('loaded everything from under its base path', () => {
    const outside = site.requests.filter((p) => !p.startsWith('/sub/app/') && p !== '/favicon.ico');
    expect(outside).toEqual([]);
  });

  it('adds a node and changes preset with the server gone', async () => {
    await site.close();
    await page.click('button:text-is("Add node")');
    const N = '127.0.0.1:6381';
    await page.waitForSelector(`${panel(N)} .xterm-rows`);
    await waitUp(page, N);
    await expectReply(page, N, 'SET added offline', 'OK');
    await page.selectOption('select[aria-label="Preset"]', 'chain');
    await page.waitForSelector(`${panel('127.0.0.1:6381')} .xterm-rows`);
    await waitUp(page, M);
    await expectReply(page, M, 'SET chain offline', 'OK');
  });

  it('reloads with the server gone', async () => {
    await site.close().catch(() => {});
    await page.reload();
    await page.waitForSelector(`${panel(M)} .xterm-rows`);
    const log = await waitFor(
      () => logText(page, M).catch(() => ''),
      (t) => t.includes('Ready to accept connections'),
    );
    expect(log).toContain('Ready to accept connections');
    await expectReply(page, M, 'SET reloaded offline', 'OK');
    expect(await page.evaluate(() => document.fonts.check('13px "JetBrains Mono"'))).toBe(true);
    expect(b.errors).toEqual([]);
  });

  it('opens a tutorial in the Learn panel with the server gone (its chunk was precached)', async () => {
    await page.goto(`${site.url}sub/app/?tutorial=seed&lang=en`);
    await page.waitForSelector('.rp-learn [data-kind="tutorial"] .rp-learn-run', { timeout: 60_000 });
    expect(await page.textContent('.rp-learn-title')).toBe('A Redis 4.0 failover, log line by log line');
    expect(b.errors).toEqual([]);
  }, 90_000);
});

/**
 * The single-file builds in headless Chromium: dist/redis-playground.js copied into a sub-path of
 * another site (two widgets beside the site's own `<div id="app">`, which stays untouched; no
 * globals leaked; no CSS in or out; no request but the one file), the same file under the strict
 * Content-Security-Policy the README documents (no violation reported), and dist/playground.html
 * opened from file:// with every network request refused (consoles, Add node, version switch).
 * Builds once, into a temporary folder.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStandalonePage, buildWidget } from '../../build/build';
import { type Browser, consoleText, HAVE_CHROMIUM, launch, logText, panel, typeLine, waitFor } from './harness';
import { type StaticSite, serveStatic } from './static-server';

const M = '127.0.0.1:6379';
const R1 = '127.0.0.1:6380';

/** The CSP the README promises the widget runs under. */
export const STRICT_CSP =
  "default-src 'none'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; connect-src 'self'";

/** A docs page of another site: its own #app, a page-wide rule that must not reach the widgets. */
const hostPage = (withWidget: boolean) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Guide</title><link rel="icon" href="data:,">
<style>div { color: rgb(255, 0, 0) !important; font-family: serif !important; } section { display: none !important; }</style>
</head><body>
<div id="app"><p id="own">The guide's own content.</p></div>
<redis-playground id="one" preset="replicas" nodes="2"></redis-playground>
<redis-playground id="two" preset="replicas" nodes="2" version="4.0"></redis-playground>
${withWidget ? '<script type="module" src="/static/rp/redis-playground.js"></script>' : ''}
</body></html>`;

/** Type a line on `node` of the widget `scope` and wait for `want` in its console. */
async function expectReply(page: Page, scope: string, node: string, line: string, want: string): Promise<void> {
  await typeLine(page, node, line, scope);
  const text = await waitFor(
    () => consoleText(page, node, scope),
    (t) => t.includes(`> ${line}\n${want}`),
  );
  expect(text).toContain(`> ${line}\n${want}`);
}

/** Wait until `node`'s replica link is up: the reply to ROLE typed into its console says "connected". */
async function waitLinkUp(page: Page, scope: string, node: string): Promise<void> {
  const lastRole = async () => {
    await typeLine(page, node, 'ROLE', scope);
    const t = await consoleText(page, node, scope);
    return t.slice(t.lastIndexOf('> ROLE\n'));
  };
  expect(await waitFor(lastRole, (r) => r.includes('4) "connected"'), 30_000)).toContain('4) "connected"');
}

describe.skipIf(!HAVE_CHROMIUM)('the single-file builds', () => {
  let outDir: string;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'rp-single-'));
    await buildWidget(outDir, true);
    await buildStandalonePage(outDir, true);
  }, 120_000);

  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  describe('redis-playground.js with a lesson, in /static/rp/ of another site', () => {
    let site: StaticSite;
    let b: Browser;

    beforeAll(async () => {
      const lessonPage = `<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>教程</title><link rel="icon" href="data:,"></head><body>
<redis-playground id="lesson" tutorial="seed" lang="zh"></redis-playground>
<script type="module" src="/static/rp/redis-playground.js"></script>
</body></html>`;
      site = await serveStatic({ dir: outDir, prefix: '/static/rp/', pages: { '/guide/lesson.html': lessonPage } });
      b = await launch({ width: 1400, height: 1000 });
    }, 60_000);

    afterAll(async () => {
      await b?.close();
      await site?.close();
    });

    it('shows the Chinese tutorial, and Run plays a step into the consoles', async () => {
      const { page } = b;
      await page.goto(`${site.url}guide/lesson.html`);
      // Playwright's CSS selectors pierce the element's open shadow root.
      const run = '#lesson .rp-learn [data-kind="tutorial"] .rp-learn-run';
      await page.waitForSelector(run, { timeout: 60_000 });
      expect(await page.textContent('#lesson .rp-learn-title')).toBe('redis 4 增量同步的日志详解');
      // No "not in this build" notice: the panel is in the file.
      expect(await page.$$eval('#lesson .rp-learn', (l) => l.length)).toBe(1);
      await page.click(run);
      const done = await waitFor(
        () => page.$eval('#lesson .rp-learn-done', (el) => !(el as HTMLElement).hidden),
        (v) => v,
        30_000,
      );
      expect(done).toBe(true);
      expect(await consoleText(page, M, '#lesson')).toContain('> SET k1 v1');
    }, 120_000);
  });

  describe('redis-playground.js in /static/rp/ of another site', () => {
    let site: StaticSite;
    let b: Browser;
    let page: Page;
    let windowKeysBefore: string[];

    beforeAll(async () => {
      site = await serveStatic({
        dir: outDir,
        prefix: '/static/rp/',
        pages: { '/guide/plain.html': hostPage(false), '/guide/widget.html': hostPage(true) },
      });
      b = await launch();
      page = b.page;
      const keys = () => page.evaluate(() => Object.getOwnPropertyNames(window).sort());
      await page.goto(`${site.url}guide/plain.html`);
      windowKeysBefore = await keys();
      await page.goto(`${site.url}guide/widget.html`);
      for (const scope of ['#one', '#two']) await page.waitForSelector(`${panel(R1, scope)} .xterm-rows`);
    }, 60_000);

    afterAll(async () => {
      await b?.close();
      await site?.close();
    });

    it("leaves the page's own #app and its styles alone", async () => {
      expect(await page.$eval('#app', (el) => el.outerHTML)).toBe(
        '<div id="app"><p id="own">The guide\'s own content.</p></div>',
      );
      // The widget adds no stylesheet and nothing to <head>; the page's rule still applies to its own divs.
      expect(await page.evaluate(() => document.styleSheets.length)).toBe(1);
      expect(await page.evaluate(() => document.head.children.length)).toBe(4);
      expect(await page.$eval('#app', (el) => getComputedStyle(el).color)).toBe('rgb(255, 0, 0)');
    });

    it("is not reached by the page's CSS", async () => {
      // Text inside the shadow root keeps the widget's colours and fonts; its sections stay visible.
      const inside = await page.$eval(`#one ${panel(M)}`, (el) => {
        const s = getComputedStyle(el);
        const text = getComputedStyle(el.querySelector('h2, h3, header, span') ?? el);
        return { display: s.display, color: text.color, font: text.fontFamily };
      });
      expect(inside.display).not.toBe('none');
      expect(inside.color).not.toBe('rgb(255, 0, 0)');
      expect(inside.font).not.toContain('serif,');
      expect(inside.font).not.toBe('serif');
      // Each element renders into an open shadow root.
      expect(await page.$$eval('redis-playground', (els) => els.map((e) => e.shadowRoot !== null))).toEqual([
        true,
        true,
      ]);
    });

    it('runs two independent playgrounds that replicate', async () => {
      await waitLinkUp(page, '#one', R1);
      await waitLinkUp(page, '#two', R1);
      await expectReply(page, '#one', M, 'SET where one', 'OK');
      await expectReply(page, '#two', M, 'SET where two', 'OK');
      const read = async (scope: string, want: string) => {
        const got = await waitFor(
          async () => {
            await typeLine(page, R1, 'GET where', scope);
            return consoleText(page, R1, scope);
          },
          (t) => t.includes(`> GET where\n"${want}"`),
        );
        expect(got).toContain(`> GET where\n"${want}"`);
      };
      await read('#one', 'one');
      await read('#two', 'two');
      // 4.0 and 7.0 side by side.
      expect(await logText(page, M, '#two')).toContain('Redis version=4.0.');
      expect(await logText(page, M, '#one')).toContain('Redis version=7.0.');
    });

    it('leaks no globals and fetches nothing but its one file', async () => {
      const after = await page.evaluate(() => Object.getOwnPropertyNames(window).sort());
      expect(after.filter((k) => !windowKeysBefore.includes(k))).toEqual([]);
      const fetched = site.requests.filter((p) => p !== '/favicon.ico' && !p.startsWith('/guide/'));
      expect([...new Set(fetched)]).toEqual(['/static/rp/redis-playground.js']);
      expect(b.errors).toEqual([]);
    });

    it('Share in a widget copies a link that replays in that widget only (#rp1-ID=…)', async () => {
      await expectReply(page, '#two', M, 'SET shared-in-two yes', 'OK');
      await page.click('#two button:text-is("Share")');
      const url = await waitFor(
        () => page.$eval('#two button:text-is("Share")', (el) => (el as HTMLElement).dataset.url ?? ''),
        (u) => u !== '',
      );
      expect(url).toMatch(/\/guide\/widget\.html#rp1-two=[A-Za-z0-9_-]+$/);
      // The host page's own address is left alone.
      expect(await page.evaluate(() => location.hash)).toBe('');
      const other = await b.ctx.newPage();
      try {
        await other.goto(url);
        const two = await waitFor(
          () => consoleText(other, M, '#two').catch(() => ''),
          (t) => t.includes('> SET shared-in-two yes'),
          30_000,
        );
        expect(two).toContain('> SET shared-in-two yes');
        await other.waitForSelector(`${panel(M, '#one')} .xterm-rows`);
        expect(await consoleText(other, M, '#one')).not.toContain('shared-in-two');
      } finally {
        await other.close();
      }
    }, 90_000);
  });

  describe('under the strict Content-Security-Policy', () => {
    let site: StaticSite;
    let b: Browser;

    beforeAll(async () => {
      site = await serveStatic({
        dir: outDir,
        prefix: '/rp/',
        pages: {
          '/csp.html': `<!doctype html><html><head><meta charset="utf-8"><title>CSP</title><link rel="icon" href="data:,"></head><body>
<redis-playground preset="replicas" nodes="2"></redis-playground>
<script type="module" src="/rp/redis-playground.js"></script></body></html>`,
        },
        headers: { 'Content-Security-Policy': STRICT_CSP },
      });
      b = await launch();
    }, 60_000);

    afterAll(async () => {
      await b?.close();
      await site?.close();
    });

    it('works and reports no violation', async () => {
      const page = b.page;
      // Recorded by the browser itself (an init script is not subject to the page's CSP).
      await page.addInitScript(() => {
        const seen: string[] = [];
        Object.defineProperty(window, '__cspViolations', { value: seen });
        document.addEventListener('securitypolicyviolation', (e) =>
          seen.push(`${e.violatedDirective} ${e.blockedURI}`),
        );
      });
      const warnings: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) warnings.push(m.text());
      });
      await page.goto(`${site.url}csp.html`);
      await page.waitForSelector(`${panel(R1, 'redis-playground')} .xterm-rows`);
      await waitLinkUp(page, 'redis-playground', R1);
      await expectReply(page, 'redis-playground', M, 'SET k v', 'OK');
      // The Lua VM runs under the policy too (no eval, no new Function), with the libraries
      // Redis's Lua has (the single file carries only those: build/plugins.ts, slimFengari).
      await expectReply(
        page,
        'redis-playground',
        M,
        `EVAL "return #string.rep('x',math.max(redis.call('incr',KEYS[1]),7))" 1 n`,
        '(integer) 7',
      );
      const got = await waitFor(
        async () => {
          await typeLine(page, R1, 'GET k', 'redis-playground');
          return consoleText(page, R1, 'redis-playground');
        },
        (t) => t.includes('> GET k\n"v"'),
      );
      expect(got).toContain('> GET k\n"v"');
      // The bundled font was registered (from bytes: no font request for the CSP to judge).
      expect(await page.evaluate(() => document.fonts.check('13px "JetBrains Mono"'))).toBe(true);
      expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual(
        [],
      );
      expect(warnings).toEqual([]);
      expect(b.errors).toEqual([]);
    });
  });

  describe('playground.html opened from disk with no network', () => {
    let b: Browser;
    let page: Page;
    let dir: string;
    const blocked: string[] = [];

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'rp-file-'));
      copyFileSync(join(outDir, 'playground.html'), join(dir, 'playground.html'));
      b = await launch();
      page = b.page;
      await b.ctx.route('**/*', (route) => {
        const url = route.request().url();
        // Files and in-memory URLs (the workers' Blob URLs) are not the network.
        if (/^(file|blob|data):/.test(url)) return route.continue();
        blocked.push(url);
        return route.abort();
      });
      await page.goto(`file://${join(dir, 'playground.html')}`);
      for (const n of [M, R1]) await page.waitForSelector(`${panel(n)} .xterm-rows`);
      await page.selectOption('select[aria-label="Speed"]', '20');
    }, 60_000);

    afterAll(async () => {
      await b?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('runs the consoles', async () => {
      await waitLinkUp(page, '', R1);
      await expectReply(page, '', M, 'SET offline yes', 'OK');
    });

    it('adds a node', async () => {
      await page.click('button:text-is("Add node")');
      const N = '127.0.0.1:6382';
      await page.waitForSelector(`${panel(N)} .xterm-rows`);
      await expectReply(page, '', N, 'SLAVEOF 127.0.0.1 6379', 'OK');
      await waitLinkUp(page, '', N);
    });

    it('switches to Redis 4.0', async () => {
      await page.selectOption('select[aria-label="Redis version"]', '4.0');
      const log = await waitFor(
        () => logText(page, M).catch(() => ''),
        (t) => t.includes('Redis version=4.0.'),
      );
      expect(log).toContain('Redis version=4.0.');
      await expectReply(page, '', M, 'SET v 4', 'OK');
    });

    it('opens a tutorial in its Learn panel', async () => {
      await page.goto(`file://${join(dir, 'playground.html')}?tutorial=seed&lang=en`);
      await page.waitForSelector('.rp-learn [data-kind="tutorial"] .rp-learn-run', { timeout: 60_000 });
      expect(await page.textContent('.rp-learn-title')).toBe('A Redis 4.0 failover, log line by log line');
    }, 90_000);

    it('asked the network for nothing', () => {
      expect(blocked).toEqual([]);
      expect(b.errors).toEqual([]);
    });
  });
});

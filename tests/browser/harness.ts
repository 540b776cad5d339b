/**
 * Browser test harness: builds the page with Vite into a temporary folder, serves it with
 * `vite preview` on a free port, and drives Debian's Chromium through playwright-core
 * (`npx playwright install` cannot download browsers here). Helpers read a console's text from
 * xterm's DOM renderer and type into it with the real keyboard. Tests skip when
 * /usr/bin/chromium is missing.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => ok(port));
    });
  });
}

/** The built page, served. */
export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Build the page and the widget (docs/embed.html uses it) into a temporary folder and serve it on 127.0.0.1. */
export async function buildAndServe(): Promise<Served> {
  const { preview } = await import('vite');
  const { buildPage, buildWidget } = await import('../../build/build');
  const outDir = mkdtempSync(join(tmpdir(), 'rp-dist-'));
  await buildPage(outDir, true);
  await buildWidget(outDir, true);
  const port = await freePort();
  const server = await preview({
    root: ROOT,
    logLevel: 'error',
    build: { outDir },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      await new Promise<void>((ok) => server.httpServer.close(() => ok()));
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** A fresh Chromium profile with one page. */
export interface Browser {
  ctx: BrowserContext;
  page: Page;
  /** Errors the page reported (uncaught exceptions, console errors). */
  errors: string[];
  close(): Promise<void>;
}

/** Launch headless Chromium with a fresh user-data-dir. */
export async function launch(viewport = { width: 1400, height: 1000 }): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'rp-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport,
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return {
    ctx,
    page,
    errors,
    close: async () => {
      await ctx.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The node panel's selector. `scope` narrows it to one playground where a page holds several
 * (each `<redis-playground>` has its own 127.0.0.1:6379): e.g. `redis-playground:nth-of-type(2)`.
 */
export const panel = (node: string, scope = '') => `${scope ? `${scope} ` : ''}section[aria-label="Node ${node}"]`;

/** A node's console `con` (its tab's panel): console 1 by default. */
const consoleSel = (node: string, scope: string, con: number) =>
  `${panel(node, scope)} .rp-console${con === 1 ? '' : `[data-console="${con}"]`}`;

/**
 * The text a console shows (its xterm rows), trailing blanks trimmed. A row filled to the
 * terminal's width continues on the next one (a wrapped line), so the two are joined.
 */
export async function consoleText(page: Page, node: string, scope = '', con = 1): Promise<string> {
  // xterm stops rendering a terminal that is out of view: bring it in and let it draw.
  await page.$eval(consoleSel(node, scope, con), async (el) => {
    const r = el.getBoundingClientRect();
    if (r.bottom > innerHeight || r.top < 0) {
      el.scrollIntoView({ block: 'nearest' });
      await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    }
  });
  return page.$eval(consoleSel(node, scope, con), (el) => {
    const cols = Number((el as HTMLElement).dataset.cols);
    const rows = Array.from(el.querySelector('.xterm-rows')?.children ?? []).map((r) =>
      (r.textContent ?? '').replace(/\u00a0/g, ' '),
    );
    let out = '';
    for (const r of rows) {
      const full = r.length >= cols && r.trimEnd().length >= cols;
      out += full ? r.slice(0, cols) : `${r.trimEnd()}\n`;
    }
    return out.trimEnd();
  });
}

/** The last non-empty line of a console (usually its prompt and what is typed). */
export async function consoleLastLine(page: Page, node: string, scope = '', con = 1): Promise<string> {
  const lines = (await consoleText(page, node, scope, con)).split('\n').filter((l) => l.trim() !== '');
  return lines[lines.length - 1] ?? '';
}

/** A node's log pane text. */
export async function logText(page: Page, node: string, scope = ''): Promise<string> {
  return page.$eval(`${panel(node, scope)} [role="log"]`, (el) => el.textContent ?? '');
}

/** Click into a node's console and type a line with the keyboard, then Enter. */
export async function typeLine(page: Page, node: string, line: string, scope = '', con = 1): Promise<void> {
  await page.click(`${consoleSel(node, scope, con)} .xterm-screen`);
  await page.keyboard.type(line, { delay: 2 });
  await page.keyboard.press('Enter');
}

/** Poll `fn` until `ok(value)` or time out (returns the last value either way). */
export async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let v = await fn();
  while (!ok(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    v = await fn();
  }
  return v;
}

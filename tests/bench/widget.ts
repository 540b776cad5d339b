/**
 * The widget's and the single-file build's numbers (`npm run bench`, section 5), each next to its
 * budget or its baseline from the same run:
 *
 * a. size: dist/redis-playground.js — everything the widget needs, worker and fonts included —
 *    gzipped here (zlib level 9). Budget 300 KiB.
 * b. first console accepting input, cold (fresh profile, no HTTP or code cache): a page of another
 *    site with one `<redis-playground>` and the file. Measured from the moment the file has
 *    arrived (its resource timing's responseEnd: what follows is the script's own work — parse,
 *    compile, run) to the app's `rp:consoles-ready` mark; "accepting" is checked, not assumed: at
 *    that mark a typist types `PING` + Enter into the first console (key events on xterm's
 *    textarea, inside the shadow root) and its `PONG` must show. Budget 400 ms.
 * c. a full sync of 1,000,000 keys in the page (the built multi-file page: `DEBUG POPULATE
 *    1000000` on 6379, `repl-diskless-sync-delay 0`, bandwidth unlimited, then `SLAVEOF` typed on a
 *    node added with Add node), from the Enter to the replica's "MASTER <-> REPLICA sync: Finished
 *    with success" in its log pane; baseline: the headless runner's simulator doing the same sync
 *    in this process (SLAVEOF, then simulated time in 100 ms steps until the same log line).
 *    Budget: within 2× of the baseline.
 *
 * Alone: `npx tsx tests/bench/widget.ts [--runs N] [--keys N] [--only a,b,c]`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildPage, buildWidget } from '../../build/build';
import { Playground } from '../../src/playground';
import { HAVE_CHROMIUM, launch, panel, typeLine, waitFor } from '../browser/harness';
import { type StaticSite, serveStatic } from '../browser/static-server';
import { median, round } from './stats';

export const WIDGET_BUDGETS = { gzipBytes: 300 * 1024, firstConsoleMs: 400, fullSyncRatio: 2 };

export interface WidgetBenchOptions {
  runs: number;
  /** Keys in the full sync (c). */
  keys: number;
  only?: string[];
  log: (s: string) => void;
}

export interface WidgetResult {
  gzipBytes: number | null;
  firstConsole: { runs: { fromFileMs: number; fromNavigationMs: number; pongMs: number }[]; medianMs: number } | null;
  fullSync: { keys: number; pageMs: number[]; headlessMs: number[]; ratio: number } | null;
  met: { size: boolean | null; firstConsole: boolean | null; fullSync: boolean | null };
}

/** Typist for (b): types PING into the first console of the first widget at `rp:consoles-ready`. */
const TYPIST = `(() => {
  const b = { typedAt: -1, pongAt: -1, refused: false };
  Object.defineProperty(window, '__rpw', { value: b });
  const key = (ta, type, k, code) => ta.dispatchEvent(new KeyboardEvent(type, { key: k, keyCode: code, which: code, charCode: type === 'keypress' ? code : 0, bubbles: true, cancelable: true }));
  new PerformanceObserver((list, obs) => {
    if (!list.getEntries().some((e) => e.name === 'rp:consoles-ready')) return;
    obs.disconnect();
    const root = document.querySelector('redis-playground').shadowRoot;
    const sec = root.querySelector('section[aria-label="Node 127.0.0.1:6379"]');
    const rows = sec.querySelector('.xterm-rows');
    const ta = sec.querySelector('textarea');
    new MutationObserver((_, mo) => {
      const t = rows.textContent || '';
      if (t.includes('Could not connect')) b.refused = true;
      if (t.includes('PONG')) { b.pongAt = performance.now(); mo.disconnect(); }
    }).observe(rows, { subtree: true, childList: true, characterData: true });
    b.typedAt = performance.now();
    for (const ch of 'PING') for (const t of ['keydown', 'keypress', 'keyup']) key(ta, t, ch, ch.charCodeAt(0));
    key(ta, 'keydown', 'Enter', 13);
    key(ta, 'keyup', 'Enter', 13);
  }).observe({ type: 'mark' });
})();`;

async function firstConsole(
  site: StaticSite,
): Promise<{ fromFileMs: number; fromNavigationMs: number; pongMs: number }> {
  const b = await launch();
  try {
    await b.ctx.addInitScript(TYPIST);
    await b.page.goto(`${site.url}w.html`);
    await b.page.waitForFunction(() => (window as unknown as { __rpw: { pongAt: number } }).__rpw.pongAt > 0, null, {
      timeout: 30_000,
    });
    const r = await b.page.evaluate(() => {
      const file = performance
        .getEntriesByType('resource')
        .find((e) => e.name.endsWith('/redis-playground.js')) as PerformanceResourceTiming;
      const ready = performance.getEntriesByName('rp:consoles-ready')[0].startTime;
      const w = (window as unknown as { __rpw: { pongAt: number; refused: boolean } }).__rpw;
      return { file: file.responseEnd, ready, pong: w.pongAt, refused: w.refused };
    });
    if (r.refused) throw new Error('the console refused the command typed when it said it was ready');
    if (b.errors.length) throw new Error(`page errors: ${b.errors.join('; ')}`);
    return { fromFileMs: r.ready - r.file, fromNavigationMs: r.ready, pongMs: r.pong - r.file };
  } finally {
    await b.close();
  }
}

/** (c) baseline: the simulator, in this process. */
function headlessFullSync(keys: number): number {
  const pg = new Playground({ version: '7.0', seed: 1 });
  const m = pg.addNode('127.0.0.1', 6379);
  const r = pg.addNode('127.0.0.1', 6380);
  pg.startAll([m, r]);
  pg.exec(m, ['DEBUG', 'POPULATE', String(keys)]);
  pg.exec(m, ['CONFIG', 'SET', 'repl-diskless-sync-delay', '0']);
  // The same end as in the page: the replica's log says the sync finished.
  let done = false;
  pg.events.on((ev) => {
    if (ev.type === 'log' && ev.node === r && ev.line.includes('MASTER <-> REPLICA sync: Finished with success'))
      done = true;
  });
  const t0 = performance.now();
  pg.exec(r, ['SLAVEOF', '127.0.0.1', '6379']);
  for (let i = 0; !done; i++) {
    if (i > 600) throw new Error('headless full sync did not finish in 60 s of simulated time');
    pg.advance(100);
  }
  const ms = performance.now() - t0;
  const size = pg.exec(r, ['DBSIZE']);
  if (size?.t !== 'int' || Number(size.n) !== keys)
    throw new Error(`headless full sync: the replica has ${JSON.stringify(size)} keys`);
  return ms;
}

/** (c) in the page: one full sync, timed in the page from Enter to the log line. */
async function pageFullSync(site: StaticSite, keys: number): Promise<number> {
  const b = await launch();
  const M = '127.0.0.1:6379';
  const R = '127.0.0.1:6380';
  try {
    const page = b.page;
    await page.goto(`${site.url}rp/page/?nodes=1`);
    await page.waitForSelector(`${panel(M)} .xterm-rows`);
    await page.selectOption('select[aria-label="Bandwidth"]', '0');
    await typeLine(page, M, `DEBUG POPULATE ${keys}`);
    await waitFor(
      () => page.$eval(`${panel(M)} .xterm-rows`, (el) => el.textContent ?? ''),
      (t) => t.includes('OK'),
      120_000,
    );
    await typeLine(page, M, 'CONFIG SET repl-diskless-sync-delay 0');
    await page.click('button:text-is("Add node")');
    await page.waitForSelector(`${panel(R)} .xterm-rows`);
    // Type once the new node is up, as a person would (a node still starting refuses connections).
    await waitFor(
      () => page.$eval(`${panel(R)} [role="log"]`, (el) => el.textContent ?? '').catch(() => ''),
      (t) => t.includes('Ready to accept connections'),
      60_000,
    );
    await page.click(`${panel(R)} .xterm-screen`);
    await page.keyboard.type(`SLAVEOF 127.0.0.1 6379`);
    await page.evaluate((sel) => {
      const log = document.querySelector(`${sel} [role="log"]`)!;
      const w = window as unknown as { __sync: { t0: number; t1: number } };
      w.__sync = { t0: -1, t1: -1 };
      addEventListener(
        'keydown',
        (e) => {
          if ((e as KeyboardEvent).key === 'Enter' && w.__sync.t0 < 0) w.__sync.t0 = performance.now();
        },
        true,
      );
      new MutationObserver((_, mo) => {
        if ((log.textContent ?? '').includes('MASTER <-> REPLICA sync: Finished with success')) {
          w.__sync.t1 = performance.now();
          mo.disconnect();
        }
      }).observe(log, { subtree: true, childList: true, characterData: true });
    }, panel(R));
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as unknown as { __sync: { t1: number } }).__sync.t1 > 0, null, {
      timeout: 300_000,
      polling: 1000,
    });
    const s = await page.evaluate(() => (window as unknown as { __sync: { t0: number; t1: number } }).__sync);
    if (b.errors.length) throw new Error(`page errors: ${b.errors.join('; ')}`);
    return s.t1 - s.t0;
  } finally {
    await b.close();
  }
}

export async function widgetBench(opts: WidgetBenchOptions): Promise<WidgetResult> {
  const { log } = opts;
  const part = (p: string) => !opts.only || opts.only.includes(p);
  const outDir = mkdtempSync(join(tmpdir(), 'rp-bench-widget-'));
  const res: WidgetResult = {
    gzipBytes: null,
    firstConsole: null,
    fullSync: null,
    met: { size: null, firstConsole: null, fullSync: null },
  };
  let site: StaticSite | null = null;
  try {
    log('  building the widget (and the page, for c)');
    await buildWidget(outDir, true);
    if (part('c')) await buildPage(join(outDir, 'page'), true);
    site = await serveStatic({
      dir: outDir,
      prefix: '/rp/',
      pages: {
        '/w.html':
          '<!doctype html><html><head><meta charset="utf-8"><title>w</title><link rel="icon" href="data:,"></head><body><h1>A docs page</h1><redis-playground></redis-playground><script type="module" src="/rp/redis-playground.js"></script></body></html>',
      },
    });
    // The widget under /rp/ as a docs site would serve it.
    const rpSite = site;
    if (part('a')) {
      res.gzipBytes = gzipSync(readFileSync(join(outDir, 'redis-playground.js')), { level: 9 }).length;
      res.met.size = res.gzipBytes <= WIDGET_BUDGETS.gzipBytes;
      log(`  a. redis-playground.js: ${round(res.gzipBytes / 1024, 1)} KiB gzip`);
    }
    if (part('b') && HAVE_CHROMIUM) {
      log(`  b. first console accepting input, cold, × ${opts.runs}`);
      const runs = [];
      for (let i = 0; i < opts.runs; i++) {
        const r = await firstConsole(rpSite);
        runs.push({
          fromFileMs: round(r.fromFileMs),
          fromNavigationMs: round(r.fromNavigationMs),
          pongMs: round(r.pongMs),
        });
        log(
          `    run ${i + 1}: ${round(r.fromFileMs)} ms after the file arrived (${round(r.fromNavigationMs)} ms after navigation), PONG at ${round(r.pongMs)} ms`,
        );
      }
      const med = round(median(runs.map((r) => r.fromFileMs)));
      res.firstConsole = { runs, medianMs: med };
      res.met.firstConsole = med <= WIDGET_BUDGETS.firstConsoleMs;
    }
    if (part('c') && HAVE_CHROMIUM) {
      log(`  c. full sync of ${opts.keys} keys: page vs headless simulator`);
      const pageMs: number[] = [];
      const headlessMs: number[] = [];
      for (let i = 0; i < Math.max(1, Math.min(opts.runs, 3)); i++) {
        headlessMs.push(headlessFullSync(opts.keys));
        pageMs.push(await pageFullSync(rpSite, opts.keys));
        log(`    run ${i + 1}: page ${round(pageMs[i])} ms, headless ${round(headlessMs[i])} ms`);
      }
      const ratio = round(median(pageMs) / median(headlessMs), 2);
      res.fullSync = {
        keys: opts.keys,
        pageMs: pageMs.map((x) => round(x)),
        headlessMs: headlessMs.map((x) => round(x)),
        ratio,
      };
      res.met.fullSync = ratio <= WIDGET_BUDGETS.fullSyncRatio;
    }
    return res;
  } finally {
    await site?.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** The widget section of the benchmark table (Markdown lines). */
export function widgetTable(r: WidgetResult): string[] {
  const verdict = (x: boolean | null) => (x === null ? 'n/a' : x ? 'MET' : 'MISSED');
  const lines = [
    'The widget (dist/redis-playground.js) and the page',
    '| measure | result | baseline, same run | budget |',
    '| --- | ---: | ---: | --- |',
  ];
  if (r.gzipBytes !== null)
    lines.push(
      `| redis-playground.js, gzip, everything included | ${round(r.gzipBytes / 1024, 1)} KiB | — | ≤ 300 KiB: ${verdict(r.met.size)} |`,
    );
  if (r.firstConsole)
    lines.push(
      `| cold: file arrived → first console accepts input (median of ${r.firstConsole.runs.length}) | ${r.firstConsole.medianMs} ms | — | ≤ 400 ms: ${verdict(r.met.firstConsole)} |`,
    );
  if (r.fullSync)
    lines.push(
      `| full sync of ${r.fullSync.keys} keys in the page, SLAVEOF → sync finished (median) | ${round(median(r.fullSync.pageMs))} ms | headless simulator ${round(median(r.fullSync.headlessMs))} ms (ratio ${r.fullSync.ratio}) | ≤ 2×: ${verdict(r.met.fullSync)} |`,
    );
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const num = (name: string, def: number) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : def;
  };
  const onlyAt = argv.indexOf('--only');
  const r = await widgetBench({
    runs: num('--runs', 5),
    keys: num('--keys', 1_000_000),
    only: onlyAt >= 0 ? argv[onlyAt + 1].split(',') : undefined,
    log: (s) => process.stderr.write(`${s}\n`),
  });
  process.stdout.write(`${widgetTable(r).join('\n')}\n\n${JSON.stringify(r, null, 2)}\n`);
}

/**
 * The page's numbers (`npm run bench`, section 4), measured on the BUILT page (`vite build`, served
 * by `vite preview` in a process of its own) in headless Chromium (/usr/bin/chromium through
 * playwright-core, launched as the browser tests do), each figure next to a baseline measured in
 * the same run:
 *
 * a. first-view JavaScript: every script the document fetched up to "three consoles accepting
 *    input", gzipped here (zlib level 9); the node workers' script is reported apart.
 * b. cold load, a fresh profile (new user-data-dir: no HTTP cache, no code cache) per run, the
 *    page's own marks read from `performance`:
 *    - navigation → `rp:consoles-ready`: the three consoles' terminals exist, their line editors
 *      listen, each shows its prompt. "Accepting input" is checked, not assumed: at that very
 *      moment a typist installed in the page types `PING` + Enter into the first console (key
 *      events dispatched to xterm's textarea, handled by xterm as real keys), and a console that
 *      answers "Could not connect" counts as refusing (the run is flagged; the typist types again
 *      once the prompt is back);
 *    - navigation → that `PING`'s `PONG` on screen (the node may still be booting when it is
 *      typed: the command waits for it).
 *    Baseline: a static page with one module script on the same server, fresh profile too.
 * c. 32 nodes (one master, 31 replicas, the set-up typed into the consoles), once every replica
 *    is online: simulated time ÷ (wall time × speed) over a window at 1×, 5× and 20×, with the
 *    frame rate and long tasks meanwhile; keystroke echo in console 32 (keydown's timestamp →
 *    the character in xterm's DOM rows, in ms and in animation frames begun since the key); a
 *    `PING`'s reply in console 32 (Enter's keydown → `PONG` on screen). Baseline: the same on
 *    the default three-node page.
 * d. each idle node worker's heap, after c: CDP `Runtime.getHeapUsage` on every worker target
 *    after `HeapProfiler.collectGarbage` (used V8 heap + Blink's embedder heap + ArrayBuffer
 *    backing stores). `performance.measureUserAgentSpecificMemory` would need the page to be
 *    cross-origin isolated (COOP/COEP headers the playground does not need otherwise) and reports
 *    only after a garbage collection the page cannot force; CDP reads each worker's isolate
 *    directly, after forcing one.
 *
 * Alone: `npx tsx tests/bench/page.ts [--quick] [--runs N] [--only a,b,c] [--dist DIR]` prints the
 * table and the JSON; `--dist` serves an already built folder (another commit's build, say).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CDPSession, Page } from 'playwright-core';
import {
  CHROMIUM,
  freePort,
  HAVE_CHROMIUM,
  type Served as HarnessServed,
  launch,
  panel,
  ROOT,
  waitFor,
} from '../browser/harness';
import { sleep } from './real';
import { median, round } from './stats';

/** The built page, served, and the folder it is served from. */
interface Served extends HarnessServed {
  outDir: string;
}

/**
 * Build the page (`vite build`) into a temporary folder and serve it with `vite preview` in a
 * process of its own, so the server never waits for this process (which drives the browser).
 * The browser tests' buildAndServe serves in this process instead.
 */
async function buildAndServeApart(dist?: string): Promise<Served> {
  let outDir = dist ?? '';
  if (!dist) {
    const { build } = await import('vite');
    outDir = mkdtempSync(join(tmpdir(), 'rp-bench-dist-'));
    await build({ root: ROOT, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  }
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'preview',
      '--outDir',
      outDir,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
    ],
    { cwd: ROOT, stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 300) throw new Error('vite preview did not start');
    await sleep(50);
  }
  return {
    url,
    outDir,
    close: async () => {
      child.kill();
      if (!dist) rmSync(outDir, { recursive: true, force: true });
      else rmSync(join(outDir, 'bench-blank.html'), { force: true });
    },
  };
}

export interface PageBenchOptions {
  /** Cold loads (fresh profile each). */
  runs: number;
  /** Shorter windows. */
  quick: boolean;
  /** Only these parts (a, b, c: see above; d comes with c); all when absent. */
  only?: string[];
  /** Serve this already built folder instead of building the page (e.g. another commit's build). */
  dist?: string;
  log: (s: string) => void;
}

const pct = (xs: number[], p: number): number => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

const M = '127.0.0.1:6379';
const nodeName = (i: number) => `127.0.0.1:${6379 + i}`;

/**
 * In-page instrumentation, installed before the page's own scripts: long tasks; an animation-frame
 * counter with each frame's start time; and, for the cold load, a typist: the moment the page
 * marks `rp:consoles-ready` it types `PING` + Enter into the first console — as key events
 * dispatched to xterm's textarea, which xterm handles exactly as real keys — and the time the
 * reply shows in that console's rows is recorded. A string: tsx would wrap named functions in a
 * helper the page does not have.
 */
const INSTRUMENT = `(() => {
  const b = { longTasks: [], frame: 0, frameTs: [], typedAt: -1, pongAt: -1, lost: false, waited: false };
  window.__rpb = b;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, dur: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  function tick(ts) {
    b.frame++;
    b.frameTs.push(ts);
    if (b.frameTs.length > 2000) b.frameTs.splice(0, 1000);
    requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
  const SEL = 'section[aria-label="Node 127.0.0.1:6379"]';
  function key(ta, type, k, code) {
    ta.dispatchEvent(new KeyboardEvent(type, { key: k, keyCode: code, which: code, charCode: type === 'keypress' ? code : 0, bubbles: true, cancelable: true }));
  }
  function typeInto(ta) {
    b.typedAt = performance.now();
    for (const ch of 'PING') {
      key(ta, 'keydown', ch, ch.charCodeAt(0));
      key(ta, 'keypress', ch, ch.charCodeAt(0));
      key(ta, 'keyup', ch, ch.charCodeAt(0));
    }
    key(ta, 'keydown', 'Enter', 13);
    key(ta, 'keyup', 'Enter', 13);
  }
  function typePing() {
    if (!location.search.includes('bench-type')) return;
    const rows = document.querySelector(SEL + ' .xterm-rows');
    const ta = document.querySelector(SEL + ' textarea');
    if (!rows || !ta) { b.lost = true; return; }
    const mo = new MutationObserver(() => {
      const text = rows.textContent || '';
      if (b.pongAt < 0 && text.includes('PONG')) {
        b.pongAt = performance.now();
        mo.disconnect();
        if (window.__rpDone) window.__rpDone();
      } else if (!b.waited && text.includes('Could not connect')) {
        // The console refused the command (a page that says it is ready too early): note it, and
        // type it again as soon as the console shows its prompt.
        b.waited = true;
        const retry = () => {
          const rs = Array.from(rows.children).map((r) => (r.textContent || '').trim()).filter((t) => t);
          if (rs[rs.length - 1] === '127.0.0.1:6379>') typeInto(ta);
          else requestAnimationFrame(retry);
        };
        retry();
      }
    });
    mo.observe(rows, { subtree: true, childList: true, characterData: true });
    typeInto(ta);
  }
  new PerformanceObserver((list, obs) => {
    for (const e of list.getEntries()) {
      if (e.name === 'rp:consoles-ready') {
        obs.disconnect();
        typePing();
      }
    }
  }).observe({ type: 'mark' });
})();`;

interface Sizes {
  pageJs: { files: { url: string; bytes: number; gzip: number }[]; bytes: number; gzip: number };
  workerJs: { files: { url: string; bytes: number; gzip: number }[]; bytes: number; gzip: number };
}

/** Scripts fetched by the page up to the three consoles (a), the workers' apart. */
async function firstViewJs(served: Served): Promise<Sizes> {
  const b = await launch();
  try {
    const bodies = new Map<string, Buffer>();
    const pending: Promise<void>[] = [];
    b.page.on('response', (r) => {
      if (r.request().resourceType() !== 'script') return;
      pending.push(
        r
          .body()
          .then((body) => {
            bodies.set(r.url(), body);
          })
          .catch(() => {}),
      );
    });
    await b.page.goto(served.url);
    await b.page.waitForFunction(() => performance.getEntriesByName('rp:consoles-ready').length > 0);
    await Promise.all(pending);
    const workers = new Set(b.page.workers().map((w) => w.url()));
    const entry = (url: string, body: Buffer) => ({
      url: new URL(url).pathname,
      bytes: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
    });
    const pageFiles = [...bodies].filter(([u]) => !workers.has(u)).map(([u, body]) => entry(u, body));
    const workerFiles = [...bodies].filter(([u]) => workers.has(u)).map(([u, body]) => entry(u, body));
    const sum = (fs: { bytes: number; gzip: number }[], k: 'bytes' | 'gzip') => fs.reduce((a, f) => a + f[k], 0);
    return {
      pageJs: { files: pageFiles, bytes: sum(pageFiles, 'bytes'), gzip: sum(pageFiles, 'gzip') },
      workerJs: { files: workerFiles, bytes: sum(workerFiles, 'bytes'), gzip: sum(workerFiles, 'gzip') },
    };
  } finally {
    await b.close();
  }
}

interface ColdRun {
  /** navigation → three consoles accepting input. */
  readyMs: number;
  /** Whether the first console refused the command typed at that moment (it was typed again once it could). */
  refusedAtReady: boolean;
  /** navigation → the `PING` typed at that moment (see INSTRUMENT). */
  typedMs: number;
  /** navigation → its reply on screen. */
  firstReplyMs: number;
}

/** One cold load in a fresh profile (b). */
async function coldLoad(served: Served): Promise<ColdRun> {
  const b = await launch();
  try {
    await b.ctx.addInitScript(INSTRUMENT);
    const page = b.page;
    // The page reports the reply itself: polling it (waitForFunction) would run the driver's
    // scripts in the page during the very time measured.
    let done = () => {};
    const replied = new Promise<void>((ok) => {
      done = ok;
    });
    await page.exposeFunction('__rpDone', () => done());
    await page.goto(`${served.url}?bench-type`, { waitUntil: 'commit' });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      replied,
      new Promise((_, fail) => {
        timer = setTimeout(() => fail(new Error('cold load: no reply within 30 s')), 30_000);
      }),
    ]).finally(() => clearTimeout(timer));
    const r = await page.evaluate(() => ({
      ready: performance.getEntriesByName('rp:consoles-ready')[0]?.startTime ?? -1,
      b: (window as unknown as { __rpb: { typedAt: number; pongAt: number; waited: boolean } }).__rpb,
    }));
    const text = await page.$eval(`${panel(M)} .xterm-rows`, (el) => (el.textContent ?? '').replace(/\u00a0/g, ' '));
    if (!/127\.0\.0\.1:6379> PING\s*PONG/.test(text)) throw new Error(`cold load: the console shows ${text}`);
    if (b.errors.length) throw new Error(`page errors: ${b.errors.join('; ')}`);
    return { readyMs: r.ready, refusedAtReady: r.b.waited, typedMs: r.b.typedAt, firstReplyMs: r.b.pongAt };
  } finally {
    await b.close();
  }
}

/** The baseline of (b): a static page with one script, fresh profile: navigation → its script ran. */
async function coldBaseline(served: Served): Promise<number> {
  const b = await launch();
  try {
    await b.page.goto(`${served.url}bench-blank.html`);
    await b.page.waitForFunction(() => (window as unknown as { __ran?: number }).__ran !== undefined);
    return await b.page.evaluate(() => (window as unknown as { __ran: number }).__ran);
  } finally {
    await b.close();
  }
}

// ------------------------------------------------------------------ c. many nodes

interface Responsiveness {
  nodes: number;
  /** Wall ms from navigation until every replica's link was online (at 20×). */
  allOnlineMs: number;
  speeds: {
    speed: number;
    /** Simulated ms ÷ (wall ms × speed) over the window. */
    ratio: number;
    windowMs: number;
    fps: number;
    longTasks: number;
    longTaskMs: number;
  }[];
  /**
   * CPU time (thread time, from a Chromium trace) per second of wall time at a speed: the page's
   * main thread, and all node workers together. Unlike the ratios, it hardly depends on what else
   * the machine is doing.
   */
  cpu: { speed: number; mainMs: number; workersMs: number }[];
  echo: { samples: number; medianMs: number; p95Ms: number; maxMs: number; withinOneFrame: number };
  reply: { samples: number; medianMs: number; maxMs: number };
}

/** The simulated clock (data-ms; a page without it: its HH:MM:SS.mmm text, within one day) and the wall clock. */
async function simMs(page: Page): Promise<{ sim: number; wall: number }> {
  return page.evaluate(() => {
    const el = document.querySelector<HTMLElement>('output[aria-label="Simulated time"]');
    let sim = Number(el?.dataset.ms ?? Number.NaN);
    if (Number.isNaN(sim)) {
      const [h, m, rest] = (el?.textContent ?? '').split(':');
      sim = (Number(h) * 3600 + Number(m) * 60 + Number(rest)) * 1000;
    }
    return { sim, wall: performance.now() };
  });
}

async function waitAllOnline(page: Page, n: number, timeoutMs: number): Promise<void> {
  const online = await waitFor(
    () =>
      page.$$eval(`[data-link$=">${M}"] .rp-linkstate`, (els) => els.filter((e) => e.textContent === 'online').length),
    (k) => k >= n - 1,
    timeoutMs,
  );
  if (online < n - 1) throw new Error(`only ${online} of ${n - 1} replicas online`);
}

/** Keystrokes into a console, each timed from its keydown to its echo in the DOM. */
async function echoes(page: Page, node: string, count: number): Promise<{ ms: number[]; frames: number[] }> {
  await page.click(`${panel(node)} .xterm-screen`);
  await page.evaluate((sel) => {
    const rows = document.querySelector(`${sel} .xterm-rows`)!;
    const w = window as unknown as {
      __rpb: { frameTs: number[] };
      __echo: { typed: string; pending: { text: string; t: number }[]; ms: number[]; frames: number[] };
    };
    const e = { typed: '', pending: [] as { text: string; t: number }[], ms: [] as number[], frames: [] as number[] };
    w.__echo = e;
    document.addEventListener(
      'keydown',
      (ev) => {
        if (ev.key.length !== 1) return;
        e.typed += ev.key;
        // timeStamp: when the browser created the event, before it waited for the main thread.
        e.pending.push({ text: e.typed, t: ev.timeStamp });
      },
      { capture: true },
    );
    new MutationObserver(() => {
      const text = (rows.textContent ?? '').replace(/\u00a0/g, ' ');
      while (e.pending.length && text.includes(`> ${e.pending[0].text}`)) {
        const p = e.pending.shift()!;
        e.ms.push(performance.now() - p.t);
        // xterm draws in an animation frame: the echo is "in the first frame" when the frame that
        // drew it began within one frame interval (60 Hz) of the key — a frame the browser
        // skipped because this thread was busy counts against it.
        const drawn = w.__rpb.frameTs[w.__rpb.frameTs.length - 1] ?? 0;
        e.frames.push(Math.max(0, drawn - p.t) / (1000 / 60));
      }
    }).observe(rows, { subtree: true, childList: true, characterData: true });
  }, panel(node));
  const letters = 'qwxzjvkqwxzjvkqwxzjvkqwxzjvkqwxzjvk';
  for (let i = 0; i < count; i++) {
    await page.keyboard.type(letters[i % letters.length]);
    await sleep(120 + ((i * 37) % 90));
  }
  await sleep(500);
  const r = await page.evaluate(() => (window as unknown as { __echo: { ms: number[]; frames: number[] } }).__echo);
  await page.keyboard.press('Control+U');
  return r;
}

/** PING typed into a console: Enter's keydown → PONG on screen. */
async function replies(page: Page, node: string, count: number): Promise<number[]> {
  const out: number[] = [];
  await page.click(`${panel(node)} .xterm-screen`);
  for (let i = 0; i < count; i++) {
    // An empty screen first (redis-cli's `clear`, answered by the console itself), so the reply
    // is the only PONG on it: the rows show only what is in view.
    await page.keyboard.type('clear');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (sel) => !(document.querySelector(`${sel} .xterm-rows`)?.textContent ?? '').includes('PONG'),
      panel(node),
    );
    await page.keyboard.type('PING');
    await page.evaluate((sel) => {
      const w = window as unknown as { __reply: number };
      w.__reply = -1;
      const rows = document.querySelector(`${sel} .xterm-rows`)!;
      const n = (rows.textContent ?? '').split('PONG').length;
      let t0 = 0;
      document.addEventListener(
        'keydown',
        (ev) => {
          t0 = ev.timeStamp;
        },
        { capture: true, once: true },
      );
      const mo = new MutationObserver(() => {
        if ((rows.textContent ?? '').split('PONG').length > n) {
          mo.disconnect();
          w.__reply = performance.now() - t0;
        }
      });
      mo.observe(rows, { subtree: true, childList: true, characterData: true });
    }, panel(node));
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as unknown as { __reply: number }).__reply >= 0, null, {
      timeout: 60_000,
    });
    out.push(await page.evaluate(() => (window as unknown as { __reply: number }).__reply));
    await sleep(200);
  }
  return out;
}

async function responsiveness(served: Served, nodes: number, quick: boolean, log: (s: string) => void) {
  const b = await launch({ width: 1400, height: 1000 });
  try {
    await b.ctx.addInitScript(INSTRUMENT);
    const page = b.page;
    const t0 = Date.now();
    await page.goto(`${served.url}?nodes=${nodes}`);
    await page.waitForSelector(`${panel(nodeName(nodes - 1))} .xterm-rows`, { timeout: 120_000 });
    await page.selectOption('select[aria-label="Speed"]', '20');
    await waitAllOnline(page, nodes, 300_000);
    const allOnlineMs = Date.now() - t0;
    log(`    ${nodes} nodes: every replica online after ${allOnlineMs} ms (wall, at 20×)`);
    // Let the post-sync bursts (BGSAVE children, first ACKs) pass.
    await page.selectOption('select[aria-label="Speed"]', '1');
    await sleep(1000);
    const speeds: Responsiveness['speeds'] = [];
    const windowMs = quick ? 3000 : 8000;
    for (const speed of [1, 5, 20]) {
      await page.selectOption('select[aria-label="Speed"]', String(speed));
      await sleep(500);
      const a = await simMs(page);
      const f0 = await page.evaluate(() => ({
        frame: (window as unknown as { __rpb: { frame: number } }).__rpb.frame,
        lt: (window as unknown as { __rpb: { longTasks: unknown[] } }).__rpb.longTasks.length,
      }));
      await sleep(windowMs);
      const z = await simMs(page);
      const f1 = await page.evaluate((from) => {
        const rpb = (window as unknown as { __rpb: { frame: number; longTasks: { dur: number }[] } }).__rpb;
        const lts = rpb.longTasks.slice(from);
        return { frame: rpb.frame, n: lts.length, ms: lts.reduce((x, l) => x + l.dur, 0) };
      }, f0.lt);
      const wall = z.wall - a.wall;
      const s = {
        speed,
        ratio: round((z.sim - a.sim) / (wall * speed), 3),
        windowMs: round(wall),
        fps: round(((f1.frame - f0.frame) * 1000) / wall, 1),
        longTasks: f1.n,
        longTaskMs: round(f1.ms),
      };
      log(
        `    ${nodes} nodes at ${speed}×: sim/wall ${s.ratio}, ${s.fps} fps, long tasks ${s.longTasks} (${s.longTaskMs} ms)`,
      );
      speeds.push(s);
    }
    const cpu: Responsiveness['cpu'] = [];
    for (const speed of [1, 20]) {
      await page.selectOption('select[aria-label="Speed"]', String(speed));
      await sleep(500);
      const c = await cpuPerSecond(b.ctx.newCDPSession.bind(b.ctx), page, quick ? 2000 : 4000);
      cpu.push({ speed, ...c });
      log(`    ${nodes} nodes at ${speed}×: CPU ms per second: main thread ${c.mainMs}, workers ${c.workersMs}`);
    }
    await page.selectOption('select[aria-label="Speed"]', '1');
    await sleep(500);
    const last = nodeName(nodes - 1);
    const e = await echoes(page, last, quick ? 15 : 30);
    const echo = {
      samples: e.ms.length,
      medianMs: round(median(e.ms), 1),
      p95Ms: round(pct(e.ms, 95), 1),
      maxMs: round(Math.max(...e.ms), 1),
      // frames: (start of the frame that drew the echo − the key) in 60 Hz frame intervals.
      withinOneFrame: round(e.frames.filter((f) => f <= 1.05).length / Math.max(1, e.frames.length), 3),
    };
    log(
      `    ${nodes} nodes: echo median ${echo.medianMs} ms, p95 ${echo.p95Ms} ms, within one frame ${echo.withinOneFrame * 100}%`,
    );
    const rs = await replies(page, last, quick ? 3 : 7);
    const reply = { samples: rs.length, medianMs: round(median(rs), 1), maxMs: round(Math.max(...rs), 1) };
    log(`    ${nodes} nodes: PING → PONG median ${reply.medianMs} ms`);
    const heap = await workerHeaps(b.ctx.newCDPSession.bind(b.ctx), page);
    if (b.errors.length) throw new Error(`page errors: ${b.errors.join('; ')}`);
    return { result: { nodes, allOnlineMs, speeds, cpu, echo, reply } satisfies Responsiveness, heap };
  } finally {
    await b.close();
  }
}

/** CPU time of the page's main thread and of its workers over `ms` of wall time, per second (trace events' thread time). */
async function cpuPerSecond(
  newSession: (p: Page) => Promise<CDPSession>,
  page: Page,
  ms: number,
): Promise<{ mainMs: number; workersMs: number }> {
  const cdp = await newSession(page);
  const events: { ph: string; name: string; pid: number; tid: number; tdur?: number; args?: { name?: string } }[] = [];
  cdp.on('Tracing.dataCollected', (e) => {
    events.push(...(e.value as unknown as typeof events));
  });
  const complete = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['toplevel'] },
    transferMode: 'ReportEvents',
  });
  const t0 = performance.now();
  await sleep(ms);
  await cdp.send('Tracing.end');
  const wall = performance.now() - t0;
  await complete;
  await cdp.detach();
  const names = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  let main = 0;
  let workers = 0;
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask') continue;
    const thread = names.get(`${e.pid}:${e.tid}`);
    if (thread === 'CrRendererMain') main += (e.tdur ?? 0) / 1000;
    else if (thread === 'DedicatedWorker thread') workers += (e.tdur ?? 0) / 1000;
  }
  return { mainMs: round((main * 1000) / wall), workersMs: round((workers * 1000) / wall) };
}

// ------------------------------------------------------------------ d. worker heaps

interface HeapUsage {
  usedSize: number;
  totalSize: number;
  embedderHeapUsedSize: number;
  backingStorageSize: number;
}

/** Each worker's heap after a GC, via CDP sessions attached to the worker targets. */
async function workerHeaps(newSession: (p: Page) => Promise<CDPSession>, page: Page): Promise<HeapUsage[]> {
  const cdp = await newSession(page);
  let id = 1;
  const waiting = new Map<number, (m: { result?: unknown; error?: { message: string } }) => void>();
  cdp.on('Target.receivedMessageFromTarget', (ev: { message: string }) => {
    const m = JSON.parse(ev.message);
    waiting.get(m.id)?.(m);
    waiting.delete(m.id);
  });
  const call = (sessionId: string, method: string, params = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const i = id++;
      waiting.set(i, (m) => (m.error ? reject(new Error(m.error.message)) : resolve(m.result)));
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: i, method, params }) });
    });
  const { targetInfos } = await cdp.send('Target.getTargets');
  const out: HeapUsage[] = [];
  for (const t of targetInfos.filter((x) => x.type === 'worker')) {
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: t.targetId, flatten: false });
    await call(sessionId, 'HeapProfiler.collectGarbage');
    out.push((await call(sessionId, 'Runtime.getHeapUsage')) as HeapUsage);
    await cdp.send('Target.detachFromTarget', { sessionId });
  }
  await cdp.detach();
  return out;
}

interface HeapSummary {
  workers: number;
  medianUsedMB: number;
  medianFootprintMB: number;
  maxFootprintMB: number;
  maxTotalMB: number;
}

interface ColdLoadResult {
  runs: { readyMs: number; refusedAtReady: boolean; typedMs: number; firstReplyMs: number }[];
  medianReadyMs: number;
  medianFirstReplyMs: number;
  /** Runs whose consoles still refused commands when the page said they were ready. */
  refusedAtReady: number;
  blankPageMs: number[];
  medianBlankPageMs: number;
}

/** What the page section measures. */
export interface PageResults {
  chromium: string;
  firstViewJs: Sizes | null;
  coldLoad: ColdLoadResult | null;
  responsiveness: { baseline3: Responsiveness; nodes32: Responsiveness } | null;
  workerHeap: { idle3: HeapSummary; idle32: HeapSummary } | null;
}

export interface PageTargetsMet {
  firstViewJs: boolean | null;
  coldReady: boolean | null;
  nodes32KeepsUp: boolean | null;
  nodes32EchoInOneFrame: boolean | null;
  workerHeap: boolean | null;
}

export type PageResult = PageResults & { targets: PageTargetsMet };

const heapSummary = (hs: HeapUsage[]): HeapSummary => {
  const mb = (x: number) => round(x / 2 ** 20, 2);
  const footprint = hs.map((h) => h.usedSize + h.embedderHeapUsedSize + h.backingStorageSize);
  return {
    workers: hs.length,
    medianUsedMB: mb(median(hs.map((h) => h.usedSize))),
    medianFootprintMB: mb(median(footprint)),
    maxFootprintMB: mb(Math.max(...footprint)),
    maxTotalMB: mb(Math.max(...hs.map((h) => h.totalSize))),
  };
};

// ------------------------------------------------------------------ main

/** Targets of the page (see the issue): first-view JS, cold load, 32 nodes, worker heap. */
const PAGE_TARGETS = {
  firstViewJsGzipBytes: 150 * 1024,
  coldReadyMs: 400,
  workerHeapBytes: 8 * 2 ** 20,
  /** Simulated time ÷ real time × speed at 1× with 32 nodes: keeping up, give or take a frame. */
  keepUpRatio: 0.97,
};

export async function pageBench(opts: PageBenchOptions): Promise<PageResult | null> {
  if (!HAVE_CHROMIUM) return null;
  const { log } = opts;
  log(
    opts.dist
      ? `  serving ${opts.dist} (vite preview), Chromium ${CHROMIUM}`
      : `  building the page and serving it (vite preview), Chromium ${CHROMIUM}`,
  );
  const served = await buildAndServeApart(opts.dist);
  try {
    writeFileSync(
      join(served.outDir, 'bench-blank.html'),
      '<!doctype html><meta charset="utf-8"><title>blank</title><script type="module">window.__ran = performance.now()</script>',
    );
    const part = (p: string) => !opts.only || opts.only.includes(p);
    if (part('a')) log('  a. first-view JavaScript');
    const js = part('a') ? await firstViewJs(served) : null;
    if (js)
      log(`    page ${js.pageJs.gzip} B gzip (${js.pageJs.files.length} files), workers ${js.workerJs.gzip} B gzip`);

    if (part('b')) log(`  b. cold load, fresh profile × ${opts.runs}`);
    const cold: ColdRun[] = [];
    const blank: number[] = [];
    for (let i = 0; i < (part('b') ? opts.runs : 0); i++) {
      blank.push(await coldBaseline(served));
      const r = await coldLoad(served);
      cold.push(r);
      log(
        `    run ${i + 1}: consoles ready ${round(r.readyMs)} ms${r.refusedAtReady ? ' (refusing commands then)' : ''}, PING typed at ${round(r.typedMs)} ms, its reply at ${round(r.firstReplyMs)} ms; blank page ${round(blank[i])} ms`,
      );
    }
    const coldLoadResult: ColdLoadResult | null = cold.length
      ? {
          runs: cold.map((r) => ({
            readyMs: round(r.readyMs),
            refusedAtReady: r.refusedAtReady,
            typedMs: round(r.typedMs),
            firstReplyMs: round(r.firstReplyMs),
          })),
          medianReadyMs: round(median(cold.map((r) => r.readyMs))),
          medianFirstReplyMs: round(median(cold.map((r) => r.firstReplyMs))),
          refusedAtReady: cold.filter((r) => r.refusedAtReady).length,
          blankPageMs: blank.map((x) => round(x)),
          medianBlankPageMs: round(median(blank)),
        }
      : null;

    if (part('c')) log('  c. responsiveness: 3 nodes (baseline), then 32; d. worker heaps');
    const three = part('c') ? await responsiveness(served, 3, opts.quick, log) : null;
    const many = part('c') ? await responsiveness(served, 32, opts.quick, log) : null;
    const result: PageResults = {
      chromium: CHROMIUM,
      firstViewJs: js,
      coldLoad: coldLoadResult,
      responsiveness: three && many ? { baseline3: three.result, nodes32: many.result } : null,
      workerHeap: three && many ? { idle3: heapSummary(three.heap), idle32: heapSummary(many.heap) } : null,
    };
    return { ...result, targets: pageTargets(result) };
  } finally {
    await served.close();
  }
}

/** Which page targets were met (null: not measured). */
function pageTargets(r: PageResults): PageTargetsMet {
  const at1 = r.responsiveness?.nodes32.speeds.find((x) => x.speed === 1);
  return {
    firstViewJs: r.firstViewJs ? r.firstViewJs.pageJs.gzip <= PAGE_TARGETS.firstViewJsGzipBytes : null,
    coldReady: r.coldLoad
      ? r.coldLoad.medianReadyMs < PAGE_TARGETS.coldReadyMs && r.coldLoad.refusedAtReady === 0
      : null,
    nodes32KeepsUp: at1 ? at1.ratio >= PAGE_TARGETS.keepUpRatio : null,
    nodes32EchoInOneFrame: r.responsiveness ? r.responsiveness.nodes32.echo.withinOneFrame >= 0.95 : null,
    workerHeap: r.workerHeap ? r.workerHeap.idle32.maxFootprintMB * 2 ** 20 < PAGE_TARGETS.workerHeapBytes : null,
  };
}

/** The page section of the benchmark table (Markdown lines). */
export function pageTable(r: PageResult): string[] {
  const kb = (b: number) => `${round(b / 1024, 1)} KiB`;
  const verdict = (x: boolean | null) => (x === null ? 'n/a' : x ? 'MET' : 'MISSED');
  const lines: string[] = [];
  lines.push('The page: built (vite build), served by vite preview, headless Chromium');
  lines.push('| measure | result | baseline, same run | target |');
  lines.push('| --- | ---: | ---: | --- |');
  if (r.firstViewJs) {
    lines.push(
      `| first-view JavaScript, gzip (${r.firstViewJs.pageJs.files.length} file) | ${kb(r.firstViewJs.pageJs.gzip)} | node worker script ${kb(r.firstViewJs.workerJs.gzip)} (not counted) | ≤ 150 KiB: ${verdict(r.targets.firstViewJs)} |`,
    );
  }
  const c = r.coldLoad;
  if (c) {
    lines.push(
      `| cold load, fresh profile: navigation → 3 consoles accept input (median of ${c.runs.length}) | ${c.medianReadyMs} ms${c.refusedAtReady ? `, but the command typed then was refused in ${c.refusedAtReady} of ${c.runs.length} runs` : ''} | blank page with one script ${c.medianBlankPageMs} ms | < 400 ms: ${verdict(r.targets.coldReady)} |`,
    );
    lines.push(
      `| cold load: navigation → reply to a PING typed at that moment (median) | ${c.medianFirstReplyMs} ms | — | reported |`,
    );
  }
  const rs = r.responsiveness;
  if (rs) {
    const ratios = (x: Responsiveness) => x.speeds.map((s) => `${s.ratio}`).join(' / ');
    const fps = (x: Responsiveness) => x.speeds.map((s) => `${s.fps}`).join(' / ');
    const lt = (x: Responsiveness) => x.speeds.map((s) => `${s.longTasks}`).join(' / ');
    const n = rs.nodes32;
    const b = rs.baseline3;
    lines.push(
      `| 32 nodes: simulated ÷ real time at 1× / 5× / 20× | ${ratios(n)} | 3 nodes: ${ratios(b)} | keeps up at 1×: ${verdict(r.targets.nodes32KeepsUp)} |`,
    );
    lines.push(`| 32 nodes: frames/s at 1× / 5× / 20× | ${fps(n)} | 3 nodes: ${fps(b)} | — |`);
    const cpu = (x: Responsiveness) => x.cpu.map((c) => `${c.mainMs} + ${c.workersMs}`).join(' / ');
    lines.push(
      `| 32 nodes: CPU ms per second, main thread + workers, at 1× / 20× | ${cpu(n)} | 3 nodes: ${cpu(b)} | — |`,
    );
    lines.push(`| 32 nodes: long tasks at 1× / 5× / 20× | ${lt(n)} | 3 nodes: ${lt(b)} | — |`);
    lines.push(
      `| 32 nodes: keystroke echo in console 32, median / p95 (in the first frame) | ${n.echo.medianMs} / ${n.echo.p95Ms} ms (${round(n.echo.withinOneFrame * 100)}%) | 3 nodes: ${b.echo.medianMs} / ${b.echo.p95Ms} ms (${round(b.echo.withinOneFrame * 100)}%) | within one frame: ${verdict(r.targets.nodes32EchoInOneFrame)} |`,
    );
    lines.push(
      `| 32 nodes: PING → PONG in console 32 (median) | ${n.reply.medianMs} ms | 3 nodes: ${b.reply.medianMs} ms | — |`,
    );
    lines.push(
      `| 32 nodes: every replica online, at 20× (wall) | ${n.allOnlineMs} ms | 3 nodes: ${b.allOnlineMs} ms | — |`,
    );
  }
  const h = r.workerHeap;
  if (h) {
    lines.push(
      `| idle node worker heap after GC (used + embedder + buffers), median / max, 32 nodes | ${h.idle32.medianFootprintMB} / ${h.idle32.maxFootprintMB} MB | 3 nodes: ${h.idle3.medianFootprintMB} / ${h.idle3.maxFootprintMB} MB | < 8 MB: ${verdict(r.targets.workerHeap)} |`,
    );
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const quick = argv.includes('--quick');
  pageBench({
    runs: Number(arg('--runs') ?? (quick ? 5 : 9)),
    quick,
    only: arg('--only')?.split(','),
    dist: arg('--dist'),
    log: (s) => process.stderr.write(`${s}\n`),
  })
    .then((r) => {
      if (!r) {
        process.stderr.write(`no Chromium at ${CHROMIUM}: nothing measured\n`);
        return;
      }
      console.log(pageTable(r).join('\n'));
      console.log('');
      console.log(JSON.stringify(r, null, 2));
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}

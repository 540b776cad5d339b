/**
 * The Learn panel in Chromium: a tutorial step run end to end (Run types into the consoles, the
 * expected log lines are highlighted in the log panes, the step is marked done); an exercise
 * solved by typing, a wrong attempt left unsolved, hints and "show solution"; the Chinese texts
 * (a screenshot is written to tmp/ for a person to look at); and a hostile tutorial from a URL
 * rendered inert (no script runs, no handler or javascript: link survives).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  buildAndServe,
  consoleText,
  HAVE_CHROMIUM,
  launch,
  ROOT,
  type Served,
  typeLine,
  waitFor,
} from './harness';

const status = (page: Page) => page.$eval('.rp-learn [role="status"]', (el) => el.textContent ?? '').catch(() => '');

describe.skipIf(!HAVE_CHROMIUM)('the Learn panel', () => {
  let served: Served;
  let b: Browser;

  beforeAll(async () => {
    served = await buildAndServe();
    b = await launch({ width: 1400, height: 1000 });
  }, 180_000);

  afterAll(async () => {
    await b?.close();
    await served?.close();
  });

  it('runs a tutorial step: Run types it, the expected lines light up, the step is done', async () => {
    const { page } = b;
    await page.goto(`${served.url}?tutorial=seed&lang=en`);
    await page.waitForSelector('.rp-learn [data-kind="tutorial"] .rp-learn-run', { timeout: 60_000 });
    expect(await page.textContent('.rp-learn-title')).toBe('A Redis 4.0 failover, log line by log line');
    // Step 2 shuts the master down and expects four log lines.
    await page.click('.rp-learn-nav button:last-child');
    await page.waitForSelector('.rp-learn h3:text("Shut down the original master")');
    expect(await page.$$eval('.rp-learn-expect li[data-state="seen"]', (l) => l.length)).toBe(0);
    await page.click('.rp-learn-run');
    const done = await waitFor(
      () => page.$eval('.rp-learn-done', (el) => !(el as HTMLElement).hidden),
      (v) => v,
      30_000,
    );
    expect(done).toBe(true);
    expect(await page.$$eval('.rp-learn-expect li[data-state="seen"]', (l) => l.length)).toBe(4);
    expect(await consoleText(page, '127.0.0.1:6379')).toContain('SHUTDOWN');
    const lit = await page.$$eval('.rp-log .rp-expected', (ls) => ls.map((l) => l.textContent ?? ''));
    expect(lit.some((l) => l.includes('Connection with master lost.'))).toBe(true);
    expect(lit.some((l) => l.includes('User requested shutdown...'))).toBe(true);
    // Progress is kept: the list shows one step of five done.
    await page.click('.rp-learn-tolist');
    await page.waitForSelector('.rp-learn-item[data-id="seed"]');
    expect(await page.textContent('.rp-learn-item[data-id="seed"] .rp-learn-itemstate')).toBe('1/5 steps');
  }, 120_000);

  it('resets to a step: a fresh playground with the earlier steps replayed', async () => {
    const { page } = b;
    await page.goto(`${served.url}?tutorial=seed&lang=en`);
    await page.waitForSelector('.rp-learn [data-kind="tutorial"] .rp-learn-run', { timeout: 60_000 });
    await page.click('.rp-learn-nav button:last-child');
    await page.click('.rp-learn-nav button:last-child');
    await page.waitForSelector('.rp-learn h3:text("Run SLAVEOF NO ONE on the new master")');
    // 6379 is running: nothing has been run yet.
    expect(await page.getAttribute('.rp-tab[title="127.0.0.1:6379"]', 'data-running')).toBe('true');
    await page.click('button:text("Reset to this step")');
    // Steps 1 and 2 are replayed: the master has been shut down, and we are still on step 3.
    const down = await waitFor(
      () => page.getAttribute('.rp-tab[title="127.0.0.1:6379"]', 'data-running'),
      (v) => v === 'false',
      60_000,
    );
    expect(down).toBe('false');
    await page.waitForSelector('.rp-learn h3:text("Run SLAVEOF NO ONE on the new master")');
    expect(await consoleText(page, '127.0.0.1:6381')).toContain('GET k1');
    expect(await page.textContent('.rp-learn-count')).toBe('Step 3 of 5');
  }, 120_000);

  it('an exercise solved by typing reads Solved; a wrong attempt does not', async () => {
    const { page } = b;
    await page.goto(`${served.url}?exercise=replicaof&lang=en`);
    await waitFor(
      () => status(page),
      (s) => / checks hold/.test(s),
      60_000,
    );
    // Wrong: 6380 follows 6381, and the key is written on 6381.
    await typeLine(page, '127.0.0.1:6380', 'REPLICAOF 127.0.0.1 6381');
    await typeLine(page, '127.0.0.1:6381', 'SET greeting hello');
    const wrong = await waitFor(
      () => status(page),
      (s) => s === '2 of 5 checks hold',
      15_000,
    );
    expect(wrong).toBe('2 of 5 checks hold');
    expect(await page.textContent('.rp-learn-count')).toBe('Commands used: 2 (the solution uses 2)');
    // Right.
    await typeLine(page, '127.0.0.1:6380', 'REPLICAOF 127.0.0.1 6379');
    await typeLine(page, '127.0.0.1:6379', 'SET greeting hello');
    expect(
      await waitFor(
        () => status(page),
        (s) => s === 'Solved',
        20_000,
      ),
    ).toBe('Solved');
  }, 120_000);

  it('shows hints one at a time and plays the solution', async () => {
    const { page } = b;
    await page.goto(`${served.url}?exercise=cut-link&lang=en`);
    await waitFor(
      () => status(page),
      (s) => / checks hold/.test(s),
      60_000,
    );
    await page.click('button:text("Show a hint")');
    expect(await page.$$eval('.rp-learn-hint', (h) => h.length)).toBe(1);
    await page.click('button:text("Show a hint")');
    expect(await page.$$eval('.rp-learn-hint', (h) => h.length)).toBe(2);
    expect(await page.isDisabled('button:text("No more hints")')).toBe(true);
    await page.click('button:text("Show solution")');
    expect(await page.isVisible('.rp-learn-solution')).toBe(true);
    expect(
      await waitFor(
        () => status(page),
        (s) => s === 'Solved',
        30_000,
      ),
    ).toBe('Solved');
    expect(await consoleText(page, '127.0.0.1:6381')).toContain('CLIENT KILL TYPE master');
  }, 120_000);

  it('speaks Chinese', async () => {
    const { page } = b;
    await page.goto(`${served.url}?exercise=replicaof&lang=zh`);
    await waitFor(
      () => status(page),
      (s) => /项已满足/.test(s),
      60_000,
    );
    expect(await page.textContent('.rp-learn-title')).toBe('第一个从库');
    await page.click('button:text("显示答案")');
    expect(
      await waitFor(
        () => status(page),
        (s) => s === '已完成',
        30_000,
      ),
    ).toBe('已完成');
    await page.goto(`${served.url}?tutorial=seed&lang=zh`);
    await page.waitForSelector('.rp-learn [data-kind="tutorial"] .rp-learn-run', { timeout: 60_000 });
    await page.click('.rp-learn-nav button:last-child');
    await page.click('.rp-learn-nav button:last-child');
    await page.waitForSelector('.rp-learn h3:text("2、在新的 master 上执行 slaveof no one")');
    expect(await page.textContent('.rp-learn-count')).toBe('第 3 步,共 5 步');
    mkdirSync(join(ROOT, 'tmp'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'tmp', 'learn-zh.png') });
  }, 120_000);

  it('opens a lesson from the attributes of <redis-playground>', async () => {
    const { page } = b;
    await page.goto(served.url);
    await page.evaluate(() => {
      document.getElementById('app')?.remove();
      const el = document.createElement('redis-playground');
      el.setAttribute('exercise', 'chain');
      el.setAttribute('lang', 'zh');
      document.body.append(el);
    });
    const s = await waitFor(
      () => status(page),
      (v) => /项已满足/.test(v),
      60_000,
    );
    expect(s).toBe('6 项检查中 0 项已满足');
    expect(await page.textContent('redis-playground .rp-learn-title')).toBe('级联复制');
    // Changing an attribute opens another lesson.
    await page.evaluate(() => {
      const el = document.querySelector('redis-playground')!;
      el.removeAttribute('exercise');
      el.setAttribute('tutorial', 'chain');
    });
    await page.waitForSelector('redis-playground .rp-learn [data-kind="tutorial"]', { timeout: 60_000 });
    expect(await page.textContent('redis-playground .rp-learn-title')).toBe('级联复制');
  }, 120_000);

  it('renders a hostile tutorial from a URL inert', async () => {
    const { page, ctx } = b;
    const hostile = [
      '---',
      'id: evil',
      'title: Evil <img src=x onerror="window.__pwned=1">',
      'lang: en',
      '---',
      'Intro <script>window.__pwned=2</script>',
      '',
      '## Step <img src=x onerror="window.__pwned=3">',
      '',
      '[click me](javascript:window.__pwned=4) <a href="javascript:alert(1)" onclick="window.__pwned=5">x</a>',
      '<iframe src="javascript:window.parent.__pwned=6"></iframe><svg onload="window.__pwned=7"></svg>',
      '',
      '```scn',
      '6379> PING',
      '```',
    ].join('\n');
    await ctx.route('**/evil.md', (route) =>
      route.fulfill({ status: 200, contentType: 'text/markdown', body: hostile }),
    );
    await page.goto(`${served.url}?tutorial-src=${encodeURIComponent(`${served.url}evil.md`)}&lang=en`);
    await page.waitForSelector('.rp-learn [data-kind="tutorial"]', { timeout: 60_000 });
    await page.waitForTimeout(500);
    const found = await page.evaluate(() => {
      const panel = document.querySelector('.rp-learn')!;
      return {
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
        scripts: panel.querySelectorAll('script, iframe, svg').length,
        handlers: [...panel.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on')))
          .length,
        jsLinks: [...panel.querySelectorAll('a')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? ''))
          .length,
        notice: panel.querySelector('.rp-learn-notice')?.textContent ?? '',
        title: panel.querySelector('.rp-learn-title')?.textContent ?? '',
      };
    });
    expect(found).toEqual({
      pwned: null,
      scripts: 0,
      handlers: 0,
      jsLinks: 0,
      notice: 'Loaded from another site: its text is shown as is, without scripts.',
      title: 'Evil <img src=x onerror="window.__pwned=1">',
    });
  }, 120_000);
});

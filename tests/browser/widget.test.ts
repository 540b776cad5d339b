/**
 * `<redis-playground>` in headless Chromium: each attribute, the notices for values that cannot be
 * used (and the page's URL parameters too), a start scenario inline and from a URL, the JS API
 * (exec, run, snapshot, reset and the Reset button), every event, hostile text in titles and
 * scenarios rendered as text, and two widgets on one page kept apart in data, history, clock and
 * controls. Widgets are created on the built embed demo page (which defines the element), after
 * its own two are removed. Selectors go through playwright, which reaches into open shadow roots.
 */
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
  type Served,
  typeLine,
  waitFor,
} from './harness';

const M = '127.0.0.1:6379';
const R1 = '127.0.0.1:6380';

interface Seen {
  type: string;
  id: string;
  bubbles: boolean;
  composed: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: event details of several shapes, checked field by field
  detail: any;
}

/** Replace the page's body with `html` (widgets in it mount at once); forget earlier events. */
async function mount(page: Page, html: string): Promise<void> {
  await page.evaluate((markup) => {
    (window as unknown as { __ev: unknown[] }).__ev = [];
    document.body.innerHTML = markup;
  }, html);
}

/** Wait for a widget's start set-up (the element's `ready`). */
async function ready(page: Page, id: string): Promise<void> {
  await page.evaluate((i) => (document.getElementById(i) as unknown as { ready: Promise<void> }).ready, id);
}

/** The events seen since the last mount. */
async function events(page: Page, type?: string): Promise<Seen[]> {
  const all = await page.evaluate(() => (window as unknown as { __ev: Seen[] }).__ev);
  return type ? all.filter((e) => e.type === type) : all;
}

/** Call the element's API in the page. */
async function api<T>(page: Page, id: string, method: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([i, m, a]) => {
      const el = document.getElementById(i as string) as unknown as Record<string, (...x: unknown[]) => Promise<T>>;
      return el[m as string](...(a as unknown[]));
    },
    [id, method, args] as const,
  );
}

/** The error message an API call rejects with. */
async function apiError(page: Page, id: string, method: string, ...args: unknown[]): Promise<string> {
  return page.evaluate(
    ([i, m, a]) => {
      const el = document.getElementById(i as string) as unknown as Record<
        string,
        (...x: unknown[]) => Promise<unknown>
      >;
      return el[m as string](...(a as unknown[])).then(
        () => 'resolved',
        (e: Error) => e.message,
      );
    },
    [id, method, args] as const,
  );
}

const alerts = (page: Page, id: string) =>
  page.$$eval(`#${id} [role="alert"] > span`, (els) => els.map((e) => e.textContent ?? ''));
const nodesIn = (page: Page, id: string) =>
  page.$$eval(`#${id} section[aria-label^="Node "]`, (els) => els.map((e) => e.getAttribute('data-node')));

describe.skipIf(!HAVE_CHROMIUM)('<redis-playground>: attributes, API and events', () => {
  let served: Served;
  let b: Browser;
  let page: Page;
  const warnings: string[] = [];

  beforeAll(async () => {
    served = await buildAndServe();
    b = await launch();
    page = b.page;
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await page.goto(`${served.url}docs/embed.html`);
    await page.waitForSelector('redis-playground section[aria-label^="Node "]');
    await page.evaluate(() => {
      const w = window as unknown as { __ev: unknown[] };
      w.__ev = [];
      for (const type of ['redis-log', 'redis-reply', 'redis-role', 'redis-psync', 'redis-ready'])
        document.addEventListener(type, (e) => {
          const ev = e as CustomEvent;
          w.__ev.push({
            type,
            id: (ev.target as Element).id,
            bubbles: ev.bubbles,
            composed: ev.composed,
            detail: JSON.parse(JSON.stringify(ev.detail)),
          });
        });
    });
  }, 180_000);

  afterAll(async () => {
    await b?.close();
    await served?.close();
  });

  it('applies every attribute: version, preset over a port list, layout, height, theme, title, history', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">Chain';
    await mount(
      page,
      `<div style="width: 700px"><redis-playground id="a" version="4.0" preset="chain" nodes="6379 6380 7000"
        layout="compact" height="640px" theme="light" history="off" title='${hostile}'></redis-playground></div>`,
    );
    await ready(page, 'a');
    expect(await nodesIn(page, 'a')).toEqual([M, R1, '127.0.0.1:7000']);
    expect(await page.$eval('#a select[aria-label="Redis version"]', (el) => (el as HTMLSelectElement).value)).toBe(
      '4.0',
    );
    // The preset menu says what this playground is, over its own ports.
    expect(
      await page.$eval(
        '#a select[aria-label="Preset"]',
        (el) => (el as HTMLSelectElement).selectedOptions[0].textContent,
      ),
    ).toBe('A chain: 6379 ← 6380 ← 7000');
    const snap = await api<{ role: string; masterPort: number }>(page, 'a', 'snapshot', 7000);
    expect([snap.role, snap.masterPort]).toEqual(['slave', 6380]);

    // The title: text, not a heading, and no tooltip over the widget.
    const t = await page.evaluate(() => {
      const el = document.getElementById('a')!;
      return {
        attr: el.hasAttribute('title'),
        prop: el.title,
        text: (el.shadowRoot ?? el).querySelector('.rp-title')?.textContent,
        tag: (el.shadowRoot ?? el).querySelector('.rp-title')?.tagName,
        headings: (el.shadowRoot ?? el).querySelectorAll('h1').length,
        imgs: (el.shadowRoot ?? el).querySelectorAll('img').length,
        label: (el.shadowRoot ?? el).querySelector('.rp-app')?.getAttribute('aria-label'),
        pwned: (window as unknown as { __pwned?: number }).__pwned,
      };
    });
    expect(t).toEqual({ attr: false, prop: hostile, text: hostile, tag: 'DIV', headings: 0, imgs: 0, label: hostile });

    // Layout, height, theme.
    const look = await page.$eval('#a .rp-app', (el) => ({
      layout: (el as HTMLElement).dataset.layout,
      theme: (el as HTMLElement).dataset.theme,
      height: el.getBoundingClientRect().height,
      timeline: getComputedStyle(el.querySelector('.rp-timeline')!).display,
      tabs: getComputedStyle(el.querySelector('.rp-tabs')!).display,
      shown: [...el.querySelectorAll('.rp-node')].filter((n) => getComputedStyle(n).display !== 'none').length,
    }));
    expect(look).toEqual({ layout: 'compact', theme: 'light', height: 640, timeline: 'none', tabs: 'flex', shown: 1 });
    // It fits its 700 px column: nothing sticks out sideways.
    expect(
      await page.$eval('#a .rp-app', (el) => [el.getBoundingClientRect().width, el.scrollWidth <= el.clientWidth]),
    ).toEqual([700, true]);

    // history="off": what is typed is not kept in localStorage.
    await typeLine(page, M, 'PING', '#a');
    await waitFor(
      () => consoleText(page, M, '#a'),
      (x) => x.includes('PONG'),
    );
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('widget:a:')))).toEqual([]);
    // Title, layout, height and theme change in place: the data stays.
    expect(await api(page, 'a', 'exec', 6379, 'SET kept 1')).toBe('OK\n');
    await page.evaluate(() => {
      const el = document.getElementById('a')!;
      el.setAttribute('theme', 'dark');
      el.setAttribute('layout', 'full');
      el.removeAttribute('height');
      el.title = 'Renamed';
    });
    expect(
      await page.$eval('#a .rp-app', (el) => [
        (el as HTMLElement).dataset.theme,
        (el as HTMLElement).dataset.layout,
        (el as HTMLElement).style.height,
        (el.shadowRoot ?? el).querySelector('.rp-title')?.textContent,
        getComputedStyle((el.shadowRoot ?? el).querySelector('.rp-timeline')!).display,
      ]),
    ).toEqual(['dark', 'full', '', 'Renamed', 'block']);
    expect(await api(page, 'a', 'exec', 6379, 'GET kept')).toBe('"1"\n');
    await page.evaluate(() => document.getElementById('a')!.setAttribute('layout', 'narrow'));
    expect(await alerts(page, 'a')).toEqual(['layout="narrow": expected full or compact; showing the full layout.']);
    // Other attributes rebuild the playground; the title attribute is taken again and removed.
    await page.evaluate(() => {
      const el = document.getElementById('a')!;
      el.setAttribute('nodes', '2');
      el.title = 'Two';
    });
    await ready(page, 'a');
    expect(await nodesIn(page, 'a')).toEqual([M, R1]);
    expect(await page.$eval('#a .rp-title', (el) => el.textContent)).toBe('Two');
    expect(await page.$eval('#a', (el) => el.hasAttribute('title'))).toBe(false);
  }, 120_000);

  it('says what is wrong with each invalid attribute, inside the widget and on the console', async () => {
    warnings.length = 0;
    await mount(
      page,
      `<redis-playground id="bad" version="9" preset="ring" nodes="999" theme='<img src=x onerror="window.__pwned=3">' layout="wide"
        height="tall" history="cloud" scenario="javascript:alert(1)"></redis-playground>`,
    );
    await ready(page, 'bad');
    const expected = [
      'version="9": expected 7.0 or 4.0; running Redis 7.0.',
      'preset="ring": expected replicas or masters or chain or fan; starting with the default preset (replicas).',
      'nodes="999": at most 32 nodes (a single port must be from 1024 to 65535); starting the preset\'s 3 nodes.',
      'theme="<img src=x onerror="window.__pwned=3">": expected light or dark; using the reader\'s preferred theme.',
      'layout="wide": expected full or compact; showing the full layout.',
      'height="tall": expected a CSS length such as 480px, 70vh or 30em; using the natural height.',
      'history="cloud": expected local or off; keeping history in this browser (local).',
      'scenario="javascript:alert(1)": a scenario is fetched over http(s), not javascript:; running no scenario.',
    ];
    expect(await alerts(page, 'bad')).toEqual(expected);
    for (const m of expected) expect(warnings).toContain(`redis-playground: ${m}`);
    // A value's markup is shown as text.
    expect(
      await page.evaluate(
        () =>
          (document.getElementById('bad')!.shadowRoot ?? document.getElementById('bad')!).querySelectorAll('img')
            .length,
      ),
    ).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // What it does instead is what it said: 7.0, three nodes.
    expect(await nodesIn(page, 'bad')).toEqual([M, R1, '127.0.0.1:6381']);
    expect(await api(page, 'bad', 'exec', 6379, 'INFO server')).toMatch(/redis_version:7\.0\.15/);
  }, 120_000);

  it('runs an inline start scenario in the consoles as typed; markup in it stays text', async () => {
    await mount(
      page,
      `<redis-playground id="s"><script type="text/redis-scenario">
# a comment
nodes 6379 6380
6380> SLAVEOF 127.0.0.1 6379
6379> SET k "<img src=x onerror=window.__pwned=2>"
settle
6380> GET k
</script></redis-playground>`,
    );
    await ready(page, 's');
    // The scenario's nodes, not the default preset's.
    expect(await nodesIn(page, 's')).toEqual([M, R1]);
    expect(await consoleText(page, R1, '#s')).toContain(
      '127.0.0.1:6380> SLAVEOF 127.0.0.1 6379\nOK\n127.0.0.1:6380> GET k\n"<img src=x onerror=window.__pwned=2>"',
    );
    expect(await consoleText(page, M, '#s')).toContain(
      '127.0.0.1:6379> SET k "<img src=x onerror=window.__pwned=2>"\nOK',
    );
    expect(
      await page.evaluate(
        () =>
          (document.getElementById('s')!.shadowRoot ?? document.getElementById('s')!).querySelectorAll('img').length,
      ),
    ).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // Every event, bubbling and composed, from the element.
    const all = await events(page);
    for (const e of all) expect([e.id, e.bubbles, e.composed]).toEqual(['s', true, true]);
    expect((await events(page, 'redis-ready')).map((e) => e.detail)).toEqual([{ nodes: [M, R1] }]);
    expect((await events(page, 'redis-role')).map((e) => e.detail)).toContainEqual({
      node: R1,
      role: 'replica',
      master: M,
    });
    expect((await events(page, 'redis-role')).map((e) => e.detail)).toContainEqual({
      node: M,
      role: 'master',
      master: null,
    });
    const psync = (await events(page, 'redis-psync')).map((e) => e.detail);
    // A 7.0 master turned replica asks to continue its own history (its replid, offset 1).
    const replicaId = (await api<{ replid: string }>(page, 's', 'snapshot', 6380)).replid;
    expect(psync[0]).toMatchObject({ master: M, replica: R1, outcome: '+FULLRESYNC', offset: 1 });
    expect(psync[0].replid).toMatch(/^[0-9a-f]{40}$/);
    expect(psync[0].replid).not.toBe(replicaId);
    expect((await events(page, 'redis-reply')).map((e) => e.detail)).toContainEqual({
      node: R1,
      command: 'GET k',
      argv: ['GET', 'k'],
      text: '"<img src=x onerror=window.__pwned=2>"\n',
    });
    const logs = (await events(page, 'redis-log')).map((e) => e.detail);
    expect(logs).toContainEqual({
      node: M,
      line: expect.stringMatching(/Synchronization with replica 127\.0\.0\.1:6380 succeeded$/),
    });
  }, 120_000);

  it('fetches a start scenario from its URL, and says when it cannot', async () => {
    await page.route('**/t/start.scn', (r) => r.fulfill({ body: 'redis 4.0\nnodes 6379\n6379> SET from url\n' }));
    await page.route('**/t/missing.scn', (r) => r.fulfill({ status: 404, body: 'no' }));
    await mount(
      page,
      `<redis-playground id="u" scenario="/t/start.scn"></redis-playground>
       <redis-playground id="m" scenario="/t/missing.scn" preset="masters" nodes="1"></redis-playground>`,
    );
    await ready(page, 'u');
    await ready(page, 'm');
    // The scenario's `redis 4.0` picks the version when no version attribute is given.
    expect(await page.$eval('#u select[aria-label="Redis version"]', (el) => (el as HTMLSelectElement).value)).toBe(
      '4.0',
    );
    expect(await consoleText(page, M, '#u')).toContain('127.0.0.1:6379> SET from url\nOK');
    expect(await alerts(page, 'm')).toEqual([
      'The start scenario could not be loaded: /t/missing.scn: HTTP 404 Not Found',
    ]);
    expect(await nodesIn(page, 'm')).toEqual([M]);
    // A reset while the scenario is still on its way builds one playground, not two (a second
    // one would leave the consoles typing into the first).
    await page.route('**/t/slow.scn', async (r) => {
      await new Promise((ok) => setTimeout(ok, 500));
      await r.fulfill({ body: 'nodes 6379\n6379> SET a 1\n' });
    });
    await mount(
      page,
      '<redis-playground id="slow" preset="masters" nodes="1" scenario="/t/slow.scn"></redis-playground>',
    );
    await api(page, 'slow', 'reset');
    await ready(page, 'slow');
    expect(await nodesIn(page, 'slow')).toEqual([M]);
    expect(await consoleText(page, M, '#slow')).toMatch(/^127\.0\.0\.1:6379> SET a 1\nOK\n127\.0\.0\.1:6379>$/);
    expect(await api(page, 'slow', 'exec', 6379, 'GET a')).toBe('"1"\n');
    expect((await events(page, 'redis-ready')).map((e) => e.id)).toEqual(['slow']);
    // The browser reports the 404 it was made to get; nothing else went wrong.
    const i = b.errors.findIndex((e) => e.includes('status of 404'));
    if (i >= 0) b.errors.splice(i, 1);
    expect(b.errors).toEqual([]);
  }, 120_000);

  it('offers exec, run, snapshot and reset, and a Reset button', async () => {
    await mount(page, '<redis-playground id="api"></redis-playground>');
    await ready(page, 'api');
    expect(await api(page, 'api', 'exec', 6379, 'SET a 1')).toBe('OK\n');
    expect(await api(page, 'api', 'exec', '6379', '3 INCR n')).toBe('(integer) 1\n(integer) 2\n(integer) 3\n');
    expect(await api(page, 'api', 'exec', '127.0.0.1:6379', 'GET a')).toBe('"1"\n');
    expect(await api(page, 'api', 'exec', 6379, 'SET "a')).toBe('Invalid argument(s)\n');
    expect(await api(page, 'api', 'exec', 6380, 'SET b 2')).toBe(
      "(error) READONLY You can't write against a read only replica.\n",
    );
    expect(await apiError(page, 'api', 'exec', 9999, 'PING')).toBe(
      'No node 127.0.0.1:9999 in this playground (nodes: 127.0.0.1:6379 127.0.0.1:6380 127.0.0.1:6381).',
    );
    // exec is not typed into the console; its replies are events all the same.
    expect(await consoleText(page, M)).not.toContain('GET a');
    expect((await events(page, 'redis-reply')).map((e) => e.detail)).toContainEqual({
      node: M,
      command: 'GET a',
      argv: ['GET', 'a'],
      text: '"1"\n',
    });

    // run: the steps as the headless runner runs them, commands typed into the consoles.
    const transcript = await api(page, 'api', 'run', '6379> SET x 1\nsettle\n6381> GET x\nsleep 100\n6381> DBSIZE\n');
    expect(transcript).toBe('6379> SET x 1\nOK\nsettle\n6381> GET x\n"1"\nsleep 100\n6381> DBSIZE\n(integer) 3\n');
    expect(await consoleText(page, '127.0.0.1:6381', '#api')).toContain(
      '127.0.0.1:6381> GET x\n"1"\n127.0.0.1:6381> DBSIZE\n(integer) 3',
    );
    expect(await apiError(page, 'api', 'run', 'redis 4.0\nnodes 6379\n')).toBe(
      'This playground runs Redis 7.0; the scenario asks for redis 4.0 (change the version first).',
    );
    expect(await apiError(page, 'api', 'run', 'frobnicate\n')).toMatch(/^line 1: /);
    // A `nodes` step adds the nodes the playground lacks.
    expect(await api(page, 'api', 'run', 'nodes 6379 7000\n7000> PING\n')).toBe('nodes 6379 7000\n7000> PING\nPONG\n');
    expect(await nodesIn(page, 'api')).toEqual([M, R1, '127.0.0.1:6381', '127.0.0.1:7000']);

    const snap = await api<{ role: string; keys: number; masterReplOffset: number }>(page, 'api', 'snapshot', '6380');
    expect(snap.role).toBe('slave');
    expect(snap.keys).toBe(3);
    expect(snap.masterReplOffset).toBeGreaterThan(0);

    // reset(): back to the three nodes of the start, empty.
    const readies = (await events(page, 'redis-ready')).length;
    await api(page, 'api', 'reset');
    expect(await nodesIn(page, 'api')).toEqual([M, R1, '127.0.0.1:6381']);
    expect(await api(page, 'api', 'exec', 6379, 'DBSIZE')).toBe('(integer) 0\n');
    expect(await events(page, 'redis-ready')).toHaveLength(readies + 1);

    // The Reset button does the same.
    await api(page, 'api', 'exec', 6379, 'SET again 1');
    await page.click('#api button:has-text("Reset")');
    await waitFor(
      () => events(page, 'redis-ready'),
      (e) => e.length === readies + 2,
    );
    expect(await api(page, 'api', 'exec', 6379, 'DBSIZE')).toBe('(integer) 0\n');
    expect(await consoleText(page, R1, '#api')).toContain('127.0.0.1:6380> SLAVEOF 127.0.0.1 6379\nOK');
  }, 180_000);

  it('keeps two widgets apart: data, history, clock and controls', async () => {
    await mount(
      page,
      `<redis-playground id="w1" preset="masters" nodes="1"></redis-playground>
       <redis-playground id="w2" preset="masters" nodes="1"></redis-playground>`,
    );
    await ready(page, 'w1');
    await ready(page, 'w2');
    await typeLine(page, M, 'SET only w1', '#w1');
    await waitFor(
      () => consoleText(page, M, '#w1'),
      (t) => t.includes('SET only w1\nOK'),
    );
    expect(await api(page, 'w2', 'exec', 6379, 'GET only')).toBe('(nil)\n');

    // History: ↑ in w2 finds nothing, in w1 the line typed there.
    await page.click(`${panel(M, '#w2')} .xterm-screen`);
    await page.keyboard.press('ArrowUp');
    await new Promise((r) => setTimeout(r, 300));
    expect(await consoleLastLine(page, M, '#w2')).toBe('127.0.0.1:6379>');
    await page.click(`${panel(M, '#w1')} .xterm-screen`);
    await page.keyboard.press('ArrowUp');
    expect(
      await waitFor(
        () => consoleLastLine(page, M, '#w1'),
        (l) => l.startsWith('127.0.0.1:6379> SET only w1'),
      ),
    ).toMatch(/^127\.0\.0\.1:6379> SET only w1( |$)/);
    await page.keyboard.press('Control+U');
    const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('history')));
    expect(keys).toContain('redis-playground:history:widget:w1:127.0.0.1:6379');
    expect(keys.filter((k) => k.includes('w2'))).toEqual([]);

    // Clock: pausing w1 leaves w2's time running.
    const simMs = (id: string) =>
      page.$eval(`#${id} output[aria-label="Simulated time"]`, (el) => Number((el as HTMLElement).dataset.ms));
    await page.click('#w1 button.rp-pause');
    const [a0, b0] = [await simMs('w1'), await simMs('w2')];
    await new Promise((r) => setTimeout(r, 600));
    expect(await simMs('w1')).toBe(a0);
    expect(await simMs('w2')).toBeGreaterThan(b0);

    // Controls: a version switch in w1 rebuilds w1 only.
    await page.selectOption('#w1 select[aria-label="Redis version"]', '4.0');
    await waitFor(
      () => api<string>(page, 'w1', 'exec', 6379, 'INFO server'),
      (t) => t.includes('redis_version:4.0'),
    );
    expect(await api(page, 'w2', 'exec', 6379, 'INFO server')).toMatch(/redis_version:7\.0\.15/);
    expect(await api(page, 'w2', 'exec', 6379, 'GET only')).toBe('(nil)\n');
  }, 120_000);

  it('keys the history of a widget without an id by its position on the page', async () => {
    await mount(
      page,
      `<redis-playground preset="masters" nodes="1"></redis-playground>
       <redis-playground preset="masters" nodes="1"></redis-playground>`,
    );
    const second = 'redis-playground:nth-of-type(2)';
    await page.waitForSelector(`${panel(M, second)} .xterm-rows`);
    await typeLine(page, M, 'ECHO second', second);
    await waitFor(
      () => consoleText(page, M, second),
      (t) => t.includes('"second"'),
    );
    const kept = await page.evaluate(() =>
      ['#1', '#2'].map((i) => localStorage.getItem(`redis-playground:history:widget:${i}:127.0.0.1:6379`) ?? ''),
    );
    expect(kept[1]).toContain('ECHO second');
    expect(kept[0]).not.toContain('ECHO second');
  }, 60_000);

  it("says what is wrong with the page's URL parameters, and labels the preset by what it made", async () => {
    await page.goto(`${served.url}?version=9&nodes=999`);
    await page.waitForSelector('[role="alert"]');
    expect(await page.$$eval('[role="alert"] > span', (els) => els.map((e) => e.textContent))).toEqual([
      '?version=9: expected 7.0 or 4.0; running Redis 7.0.',
      "?nodes=999: at most 32 nodes (a single port must be from 1024 to 65535); starting the preset's 3 nodes.",
    ]);
    await page.goto(`${served.url}?preset=chain&nodes=1`);
    await page.waitForSelector(`${panel(M)} .xterm-rows`);
    expect(
      await page.$eval('select[aria-label="Preset"]', (el) => (el as HTMLSelectElement).selectedOptions[0].textContent),
    ).toBe('A chain of one node: 6379');
    expect(await page.$$eval('[role="alert"]', (els) => els.length)).toBe(0);
    expect(b.errors).toEqual([]);
  }, 60_000);
});

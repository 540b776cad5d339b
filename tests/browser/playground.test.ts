/**
 * The playground page in headless Chromium, driven as a person would: keyboard into the real
 * xterm consoles, clicks on the node and link buttons, reading replies from the screen and lines
 * from the log panes. Covers the seed walkthrough's failover (kill 6379, SLAVEOF NO ONE on 6380,
 * 6381 follows 6380 with a partial resync), kill/start, a cut link and its reconnect, a full sync
 * after the backlog overflowed, redis-cli niceties (SELECT prompt, help, hints, history), and the
 * narrow layout. Set UPDATE_SCREENSHOT=1 to refresh docs/screenshot.png.
 */
import { mkdirSync } from 'node:fs';
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
  logText,
  panel,
  ROOT,
  type Served,
  typeLine,
  waitFor,
} from './harness';

const M = '127.0.0.1:6379';
const R1 = '127.0.0.1:6380';
const R2 = '127.0.0.1:6381';

/** Text of a link's label in the topology ("online", "RDB transfer 40%", "link cut"…). */
async function linkLabel(page: Page, replica: string, master: string): Promise<string> {
  return page.$eval(`[data-link="${replica}>${master}"] .rp-linkstate`, (el) => el.textContent ?? '').catch(() => '');
}

async function psyncPanel(page: Page): Promise<string> {
  return page.$eval('[aria-label="PSYNC decisions"] .rp-psync-list', (el) => el.textContent ?? '');
}

const count = (s: string, sub: string) => s.split(sub).length - 1;

/**
 * What overlaps in the topology as drawn: card over card, link label over card or label, a
 * backlog mark or its text outside its card. Empty when the layout keeps its promises.
 */
async function topologyOverlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    type Box = { name: string; r: DOMRect };
    const boxes = (sel: string, name: (e: Element) => string): Box[] =>
      [...document.querySelectorAll(sel)].map((e) => ({ name: name(e), r: e.getBoundingClientRect() }));
    const hit = (a: DOMRect, b: DOMRect) =>
      a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const cards = boxes('.rp-card', (e) => `card ${(e as HTMLElement).dataset.node}`);
    const labels = boxes('.rp-linklabel', (e) => `label ${(e as HTMLElement).dataset.link}`);
    const bad: string[] = [];
    const pairs = (xs: Box[], ys: Box[], same: boolean) => {
      xs.forEach((a, i) => {
        for (const b of same ? xs.slice(i + 1) : ys) if (hit(a.r, b.r)) bad.push(`${a.name} / ${b.name}`);
      });
    };
    pairs(cards, cards, true);
    pairs(labels, labels, true);
    pairs(labels, cards, false);
    for (const card of document.querySelectorAll('.rp-card')) {
      const c = card.getBoundingClientRect();
      for (const m of card.querySelectorAll('.rp-bl-mark, .rp-bl-labels, .rp-bl-labels > span')) {
        const r = m.getBoundingClientRect();
        if (r.left < c.left || r.right > c.right)
          bad.push(`${m.className} outside ${(card as HTMLElement).dataset.node}`);
      }
    }
    return bad;
  });
}

describe.skipIf(!HAVE_CHROMIUM)('the playground page', () => {
  let served: Served;

  beforeAll(async () => {
    served = await buildAndServe();
  }, 120_000);

  afterAll(async () => {
    await served?.close();
  });

  describe('in Chromium', () => {
    let b: Browser;
    let page: Page;

    beforeAll(async () => {
      b = await launch();
      page = b.page;
      const t0 = Date.now();
      await page.goto(served.url);
      // Three consoles accepting input.
      for (const n of [M, R1, R2]) await page.waitForSelector(`${panel(n)} .xterm-rows`);
      expect(
        await waitFor(
          () => consoleLastLine(page, M),
          (l) => l === '127.0.0.1:6379>',
        ),
      ).toBe('127.0.0.1:6379>');
      console.log(`three consoles ready ${Date.now() - t0} ms after navigation`);
      // Replication set-up is typed by the preset; 20× makes 7.0's 5 s diskless-sync delay short.
      await page.selectOption('select[aria-label="Speed"]', '20');
    }, 120_000);

    afterAll(async () => {
      await b?.close();
    });

    it('starts with 6380 and 6381 replicating from 6379, the set-up typed into their consoles', async () => {
      expect(await consoleText(page, R1)).toContain('127.0.0.1:6380> SLAVEOF 127.0.0.1 6379\nOK');
      expect(await consoleText(page, R2)).toContain('127.0.0.1:6381> SLAVEOF 127.0.0.1 6379\nOK');
      for (const r of [R1, R2]) {
        expect(
          await waitFor(
            () => linkLabel(page, r, M),
            (l) => l === 'online',
          ),
        ).toBe('online');
      }
      expect(await logText(page, R1)).toContain('MASTER <-> REPLICA sync: Finished with success');
      expect(await psyncPanel(page)).toContain('+FULLRESYNC');
    });

    it('replicates what is typed on the master', async () => {
      await typeLine(page, M, 'SET k1 v1');
      expect(
        await waitFor(
          () => consoleText(page, M),
          (t) => t.includes('> SET k1 v1\nOK'),
        ),
      ).toContain('> SET k1 v1\nOK');
      // The replica's offset reaches the master's before we look.
      expect(
        await waitFor(
          () => page.$eval(`.rp-card[data-node="${R2}"]`, (el) => el.textContent ?? ''),
          (t) => t.includes('keys1'),
        ),
      ).toContain('keys1');
      await typeLine(page, R2, 'GET k1');
      expect(
        await waitFor(
          () => consoleText(page, R2),
          (t) => t.includes('> GET k1\n"v1"'),
        ),
      ).toContain('> GET k1\n"v1"');
    });

    it('fails over as in the walkthrough: kill 6379, promote 6380, 6381 continues with a partial resync', async () => {
      await page.click(`${panel(M)} button:text-is("Kill")`);
      expect(
        await waitFor(
          () => consoleLastLine(page, M),
          (l) => l === 'not connected>',
        ),
      ).toBe('not connected>');
      await typeLine(page, R1, 'SLAVEOF NO ONE');
      expect(
        await waitFor(
          () => consoleText(page, R1),
          (t) => t.includes('> SLAVEOF NO ONE\nOK'),
        ),
      ).toContain('> SLAVEOF NO ONE\nOK');
      await typeLine(page, R2, 'SLAVEOF 127.0.0.1 6380');
      expect(
        await waitFor(
          () => consoleText(page, R2),
          (t) => t.includes('> SLAVEOF 127.0.0.1 6380\nOK'),
        ),
      ).toContain('> SLAVEOF 127.0.0.1 6380\nOK');
      const masterLog = await waitFor(
        () => logText(page, R1),
        (t) => t.includes('Partial resynchronization request from 127.0.0.1:6381 accepted'),
      );
      expect(masterLog).toContain('Partial resynchronization request from 127.0.0.1:6381 accepted');
      const replicaLog = await waitFor(
        () => logText(page, R2),
        (t) => t.includes('Successful partial resynchronization with master.'),
      );
      expect(replicaLog).toContain('Successful partial resynchronization with master.');
      const decisions = await waitFor(
        () => psyncPanel(page),
        (t) => t.includes('+CONTINUE'),
      );
      expect(decisions).toContain('127.0.0.1:6381 → 127.0.0.1:6380');
      expect(decisions).toContain('+CONTINUE');
      expect(decisions).toContain('= my replid2');
      expect(
        await waitFor(
          () => linkLabel(page, R2, R1),
          (l) => l === 'online',
        ),
      ).toBe('online');
      // The data made it across the failover.
      await typeLine(page, R2, 'GET k1');
      expect(
        await waitFor(
          () => consoleText(page, R2),
          (t) => count(t, '"v1"') >= 2,
        ),
      ).toMatch(/"v1"[\s\S]*"v1"/);
    });

    it('refuses commands to a killed node and serves them again after Start', async () => {
      await typeLine(page, M, 'PING');
      expect(
        await waitFor(
          () => consoleText(page, M),
          (t) => t.includes('Could not connect to Redis at 127.0.0.1:6379: Connection refused'),
        ),
      ).toContain('not connected> PING\nCould not connect to Redis at 127.0.0.1:6379: Connection refused');
      await page.click(`${panel(M)} button:text-is("Start")`);
      expect(
        await waitFor(
          () => consoleLastLine(page, M),
          (l) => l === '127.0.0.1:6379>',
        ),
      ).toBe('127.0.0.1:6379>');
      await typeLine(page, M, 'PING');
      expect(
        await waitFor(
          () => consoleText(page, M),
          (t) => t.endsWith('> PING\nPONG\n127.0.0.1:6379>'),
        ),
      ).toMatch(/> PING\nPONG\n127\.0\.0\.1:6379>$/);
      expect(await logText(page, M)).toContain('Ready to accept connections');
    });

    it('lets a blocking command take its time while the clock and the other consoles go on', async () => {
      await page.selectOption('select[aria-label="Speed"]', '1');
      const clockMs = () => page.$eval('.rp-clock', (el) => Number((el as HTMLElement).dataset.ms));
      const t0 = await clockMs();
      await typeLine(page, R2, 'DEBUG SLEEP 2');
      await typeLine(page, R1, 'PING');
      expect(
        await waitFor(
          () => consoleText(page, R1),
          (t) => t.endsWith('> PING\nPONG\n127.0.0.1:6380>'),
        ),
      ).toMatch(/> PING\nPONG\n127\.0\.0\.1:6380>$/);
      // Still asleep: redis-cli shows no reply and no prompt yet.
      expect(await consoleLastLine(page, R2)).toBe('127.0.0.1:6381> DEBUG SLEEP 2');
      expect(
        await waitFor(
          () => consoleText(page, R2),
          (t) => t.endsWith('> DEBUG SLEEP 2\nOK\n127.0.0.1:6381>'),
        ),
      ).toMatch(/> DEBUG SLEEP 2\nOK\n127\.0\.0\.1:6381>$/);
      expect((await clockMs()) - t0).toBeGreaterThanOrEqual(2000);
      await page.selectOption('select[aria-label="Speed"]', '20');
    });

    it('cuts a link and watches the replica reconnect with a partial resync', async () => {
      const before = count(await logText(page, R2), 'Successful partial resynchronization');
      await page.click(`button[aria-label="Cut link ${R1} – ${R2}"]`);
      expect(
        await waitFor(
          () => linkLabel(page, R2, R1),
          (l) => l === 'link cut',
        ),
      ).toBe('link cut');
      expect(
        await waitFor(
          () => logText(page, R2),
          (t) => t.includes('Connection with master lost.'),
        ),
      ).toContain('Connection with master lost.');
      await typeLine(page, R1, 'SET during-cut 1');
      await page.click(`button[aria-label="Heal link ${R1} – ${R2}"]`);
      expect(
        count(
          await waitFor(
            () => logText(page, R2),
            (t) => count(t, 'Successful partial resynchronization') > before,
          ),
          'Successful partial resynchronization',
        ),
      ).toBe(before + 1);
      expect(
        await waitFor(
          () => linkLabel(page, R2, R1),
          (l) => l === 'online',
        ),
      ).toBe('online');
    });

    it('needs a full sync when the backlog overflowed while the link was cut', async () => {
      await typeLine(page, R1, 'CONFIG SET repl-backlog-size 16384');
      expect(
        await waitFor(
          () => consoleText(page, R1),
          (t) => t.includes('repl-backlog-size 16384\nOK'),
        ),
      ).toContain('repl-backlog-size 16384\nOK');
      await page.click(`button[aria-label="Cut link ${R1} – ${R2}"]`);
      expect(
        await waitFor(
          () => linkLabel(page, R2, R1),
          (l) => l === 'link cut',
        ),
      ).toBe('link cut');
      // ~60 KB of stream: 7.0 frees whole 16 KB blocks, and only while what stays is still at
      // least repl-backlog-size, so the window moves on once it holds more than two blocks.
      await typeLine(page, R1, `400 SET filler ${'x'.repeat(120)}`);
      expect(
        await waitFor(
          () => consoleText(page, R1),
          (t) => t.endsWith('OK\n127.0.0.1:6380>'),
        ),
      ).toMatch(/OK\n127\.0\.0\.1:6380>$/);
      // Once the master's cron trimmed the backlog to its new size, the replica's mark sits
      // outside the window.
      expect(
        await waitFor(
          () => page.$eval(`.rp-card[data-node="${R1}"] .rp-bl-mark`, (el) => el.className),
          (c) => c.includes('out'),
        ),
      ).toContain('out');
      await page.click(`button[aria-label="Heal link ${R1} – ${R2}"]`);
      expect(
        await waitFor(
          () => logText(page, R1),
          (t) => t.includes('Unable to partial resync with replica 127.0.0.1:6381 for lack of backlog'),
        ),
      ).toContain('for lack of backlog');
      expect(
        await waitFor(
          () => logText(page, R2),
          (t) => t.includes('Full resync from master'),
        ),
      ).toContain('Full resync from master');
      const decisions = await waitFor(
        () => psyncPanel(page),
        (t) => t.includes('already dropped from the backlog'),
      );
      expect(decisions).toContain('+FULLRESYNC');
      expect(decisions).toContain('already dropped from the backlog');
      expect(
        await waitFor(
          () => linkLabel(page, R2, R1),
          (l) => l === 'online',
        ),
      ).toBe('online');
    });

    it('behaves like redis-cli: SELECT prompt, help, hints, history', async () => {
      await typeLine(page, M, 'SELECT 5');
      expect(
        await waitFor(
          () => consoleLastLine(page, M),
          (l) => l === '127.0.0.1:6379[5]>',
        ),
      ).toBe('127.0.0.1:6379[5]>');
      await typeLine(page, M, 'help GET');
      expect(
        await waitFor(
          () => consoleText(page, M),
          (t) => t.includes('summary: Get the value of a key'),
        ),
      ).toContain('GET key');
      // Grey hint while typing, Tab completion, then ↑ brings back the last command.
      await page.click(`${panel(M)} .xterm-screen`);
      await page.keyboard.type('slaveo');
      await page.keyboard.press('Tab');
      expect(
        await waitFor(
          () => consoleLastLine(page, M),
          (l) => l.includes('SLAVEOF host port'),
        ),
      ).toBe('127.0.0.1:6379[5]> SLAVEOF host port');
      await page.keyboard.press('Control+U');
      await page.keyboard.press('ArrowUp');
      expect(
        await waitFor(
          () => consoleLastLine(page, M),
          (l) => l.endsWith('help GET'),
        ),
      ).toBe('127.0.0.1:6379[5]> help GET');
      await page.keyboard.press('Control+C');
      expect(
        await waitFor(
          () => consoleLastLine(page, M),
          (l) => l === '127.0.0.1:6379[5]>',
        ),
      ).toBe('127.0.0.1:6379[5]>');
    });

    it('runs several pasted lines in order', async () => {
      await page.click(`${panel(R1)} .xterm-screen`);
      await page.evaluate(async () => {
        const ta = document.querySelector<HTMLTextAreaElement>('section[aria-label="Node 127.0.0.1:6380"] textarea')!;
        const dt = new DataTransfer();
        dt.setData('text/plain', 'DEL n\nINCR n\nINCR n\nGET n\n');
        ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      });
      const t = await waitFor(
        () => consoleText(page, R1),
        (x) => x.includes('> GET n\n"2"'),
      );
      expect(t).toMatch(
        /> DEL n\n\(integer\) [01]\n127\.0\.0\.1:6380> INCR n\n\(integer\) 1\n127\.0\.0\.1:6380> INCR n\n\(integer\) 2\n127\.0\.0\.1:6380> GET n\n"2"/,
      );
    });

    it('keeps a log pane at its end unless the reader scrolled up', async () => {
      const log = `${panel(R1)} [role="log"]`;
      const atEnd = () => page.$eval(log, (el) => Math.abs(el.scrollHeight - el.clientHeight - el.scrollTop) < 10);
      expect(await atEnd()).toBe(true);
      await page.hover(log);
      await page.mouse.wheel(0, -400);
      await page.waitForTimeout(300);
      const top = await page.$eval(log, (el) => el.scrollTop);
      // New lines arrive (a replica reconnects) while the reader looks further up.
      const lost = 'Connection with replica 127.0.0.1:6381 lost';
      const before = count(await logText(page, R1), lost);
      await page.click(`button[aria-label="Cut link ${R1} – ${R2}"]`);
      expect(
        count(
          await waitFor(
            () => logText(page, R1),
            (t) => count(t, lost) > before,
          ),
          lost,
        ),
      ).toBeGreaterThan(before);
      await page.click(`button[aria-label="Heal link ${R1} – ${R2}"]`);
      expect(
        await waitFor(
          () => linkLabel(page, R2, R1),
          (l) => l === 'online',
        ),
      ).toBe('online');
      expect(await page.$eval(log, (el) => el.scrollTop)).toBe(top);
      expect(await atEnd()).toBe(false);
    });

    it('lets the keyboard leave a console: Tab on an empty line, Shift-Tab always', async () => {
      await page.click(`${panel(R2)} .xterm-screen`);
      const focused = () =>
        page.evaluate(() => {
          const a = document.activeElement as HTMLElement | null;
          const where = a?.closest('section')?.getAttribute('aria-label');
          return `${where}: ${a?.tagName === 'TEXTAREA' ? 'console' : (a?.textContent ?? a?.tagName)}`;
        });
      expect(await focused()).toBe(`Node ${R2}: console`);
      await page.keyboard.press('Tab'); // on to the log's buttons
      expect(await focused()).toBe(`Node ${R2}: Copy`);
      await page.keyboard.press('Shift+Tab');
      expect(await focused()).toBe(`Node ${R2}: console`);
      await page.keyboard.press('Shift+Tab'); // back to the console tabs' "+" (open another)
      expect(await focused()).toBe(`Node ${R2}: +`);
      await page.keyboard.press('Tab');
      // (GETR: completion walks the help table in order, as redis-cli does, and GE would be GEOADD.)
      await page.keyboard.type('GETR');
      await page.keyboard.press('Tab'); // with text typed, Tab completes
      expect(await focused()).toBe(`Node ${R2}: console`);
      expect(
        await waitFor(
          () => consoleLastLine(page, R2),
          (l) => l.includes('GETRANGE'),
        ),
      ).toContain('> GETRANGE');
      await page.keyboard.press('Control+U');
    });

    it('pauses time and steps one cron tick', async () => {
      const clock = () => page.$eval('output[aria-label="Simulated time"]', (el) => el.textContent ?? '');
      const ms = (t: string) => {
        const [h, m, rest] = t.split(':');
        return (Number(h) * 3600 + Number(m) * 60 + Number(rest)) * 1000;
      };
      await page.click('button:text-is("Pause")');
      try {
        // An advance already under way finishes; then the clock stands still.
        let t0 = await clock();
        for (let i = 0; i < 20; i++) {
          await page.waitForTimeout(300);
          const t = await clock();
          if (t === t0) break;
          t0 = t;
        }
        await page.waitForTimeout(300);
        expect(await clock()).toBe(t0);
        await page.click('button:text-is("Step")');
        // The clock may show an instant inside the step (a cron tick due before its end) first.
        const t1 = await waitFor(clock, (t) => ms(t) - ms(t0) >= 100);
        await page.waitForTimeout(300);
        expect(await clock()).toBe(t1);
        expect(Math.round(ms(t1) - ms(t0))).toBe(100);
      } finally {
        await page.click('button:text-is("Play")');
      }
    });

    it('adds a node and removes it', async () => {
      await page.click('button:text-is("Add node")');
      const N = '127.0.0.1:6382';
      await page.waitForSelector(`${panel(N)} .xterm-rows`);
      expect(
        await waitFor(
          () => consoleLastLine(page, N),
          (l) => l === '127.0.0.1:6382>',
        ),
      ).toBe('127.0.0.1:6382>');
      await typeLine(page, N, 'SLAVEOF 127.0.0.1 6380');
      expect(
        await waitFor(
          () => linkLabel(page, N, R1),
          (l) => l === 'online',
        ),
      ).toBe('online');
      await page.click(`${panel(N)} button:text-is("Remove")`);
      await page.waitForSelector(panel(N), { state: 'detached' });
      expect(await page.$(`.rp-card[data-node="${N}"]`)).toBeNull();
    });

    it('rebuilds the playground as Redis 4.0 with another preset', async () => {
      await page.selectOption('select[aria-label="Preset"]', 'chain');
      await page.selectOption('select[aria-label="Redis version"]', '4.0');
      expect(
        await waitFor(
          () => linkLabel(page, R2, R1),
          (l) => l === 'online',
        ),
      ).toBe('online');
      expect(await consoleText(page, R2)).toContain('127.0.0.1:6381> SLAVEOF 127.0.0.1 6380\nOK');
      // Redis 4.0's log format: no year in the timestamp, SLAVE wording.
      const log = await logText(page, R2);
      expect(log).toMatch(/\d+:S \d\d \w{3} \d\d:\d\d:\d\d\.\d{3} \* MASTER <-> SLAVE sync: Finished with success/);
    });

    it('reported no page errors', () => {
      expect(b.errors).toEqual([]);
    });
  });

  describe('with 32 nodes', () => {
    let b: Browser;
    const LAST = '127.0.0.1:6410';

    beforeAll(async () => {
      b = await launch();
    }, 60_000);

    afterAll(async () => {
      await b?.close();
    });

    it('boots 32 nodes, answers a command typed into console 32, and lets time run', async () => {
      const page = b.page;
      await page.goto(`${served.url}?nodes=32`);
      await page.waitForSelector(`${panel(LAST)} .xterm-rows`);
      expect(await page.$$eval('section[aria-label^="Node "]', (els) => els.length)).toBe(32);
      // The preset types SLAVEOF into 31 consoles; the last one's reply shows it reached its node.
      expect(
        await waitFor(
          () => consoleText(page, LAST),
          (t) => t.includes('> SLAVEOF 127.0.0.1 6379\nOK'),
          60_000,
        ),
      ).toContain('127.0.0.1:6410> SLAVEOF 127.0.0.1 6379\nOK');
      await typeLine(page, LAST, 'PING');
      expect(
        await waitFor(
          () => consoleText(page, LAST),
          (t) => t.includes('> PING\nPONG'),
          60_000,
        ),
      ).toContain('127.0.0.1:6410> PING\nPONG');
      const simMs = () =>
        page.$eval('output[aria-label="Simulated time"]', (el) => Number((el as HTMLElement).dataset.ms));
      const t0 = await simMs();
      expect(await waitFor(simMs, (t) => t > t0 + 500, 60_000)).toBeGreaterThan(t0 + 500);
      // Replication comes up on the last replica too (a full sync of the master's empty dataset).
      await page.selectOption('select[aria-label="Speed"]', '20');
      expect(
        await waitFor(
          () => linkLabel(page, LAST, M),
          (l) => l === 'online',
          120_000,
        ),
      ).toBe('online');
      // One level of 31 replicas: nothing overlaps, the page itself does not scroll sideways, the
      // master's backlog bar summarises its replicas inside its card.
      expect(await page.$$eval('.rp-linklabel', (els) => els.length)).toBe(31);
      expect(await topologyOverlaps(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
      // (All 31 at one offset: 1 on a quiet machine; later when the master's 10 s PINGs went out
      // first, as they do when a loaded machine lets the 20x clock run on.)
      expect(
        await waitFor(
          () => page.$eval(`.rp-card[data-node="${M}"] .rp-bl-labels`, (el) => el.textContent ?? ''),
          (t) => /^31 replicas at \d+$/.test(t),
        ),
      ).toMatch(/^31 replicas at \d+$/);
      expect(await page.$eval('.rp-topo-hint', (el) => (el as HTMLElement).hidden)).toBe(false);
      // Add node stops at 32, and says so.
      await page.click('button:has-text("Add node")');
      expect(await page.textContent('[role="alert"]')).toContain('at most 32 nodes');
      expect(await page.$$eval('section[aria-label^="Node "]', (els) => els.length)).toBe(32);
      expect(b.errors).toEqual([]);
    }, 240_000);
  });

  describe('on a phone-sized screen', () => {
    let b: Browser;

    beforeAll(async () => {
      b = await launch({ width: 360, height: 800 });
    }, 60_000);

    afterAll(async () => {
      await b?.close();
    });

    it('shows one node at a time, chosen by a tab per node', async () => {
      const page = b.page;
      await page.goto(`${served.url}?preset=chain`);
      await page.waitForSelector('[role="tab"]');
      const tabs = await page.$$eval('[role="tab"]', (els) => els.map((e) => e.textContent));
      expect(tabs).toEqual([':6379', ':6380', ':6381']);
      const visible = () =>
        page.$$eval('section[aria-label^="Node "]', (els) =>
          els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.getAttribute('aria-label')),
        );
      expect(await visible()).toEqual([`Node ${M}`]);
      await page.click('[role="tab"]:text-is(":6381")');
      expect(await visible()).toEqual([`Node ${R2}`]);
      expect(
        await waitFor(
          () => consoleText(page, R2),
          (t) => t.includes('SLAVEOF 127.0.0.1 6380\nOK'),
        ),
      ).toContain('127.0.0.1:6381> SLAVEOF 127.0.0.1 6380');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(360);
      expect(
        await waitFor(
          () => linkLabel(page, R2, R1),
          (l) => l !== '',
        ),
      ).not.toBe('');
      expect(await topologyOverlaps(page)).toEqual([]);
      // The chain fits the phone's width: nothing to scroll sideways.
      expect(await page.$eval('.rp-topo-hint', (el) => (el as HTMLElement).hidden)).toBe(true);
      expect(b.errors).toEqual([]);
    });
  });

  describe('embedded twice in one page (docs/embed.html)', () => {
    // Two <redis-playground> elements: 7.0 with two replicas, and a 4.0 chain of four.
    const A = 'redis-playground:nth-of-type(1)';
    const B = 'redis-playground:nth-of-type(2)';
    const R3 = '127.0.0.1:6382';
    let b: Browser;
    let page: Page;

    beforeAll(async () => {
      b = await launch();
      page = b.page;
      await page.goto(`${served.url}docs/embed.html`);
      for (const [scope, n] of [
        [A, R2],
        [B, R3],
      ])
        await page.waitForSelector(`${panel(n, scope)} .xterm-rows`);
      for (const scope of [A, B]) await page.selectOption(`${scope} select[aria-label="Speed"]`, '20');
    }, 120_000);

    afterAll(async () => {
      await b?.close();
    });

    const nodesIn = (scope: string) =>
      page.$$eval(`${scope} section[aria-label^="Node "]`, (els) => els.map((e) => e.getAttribute('aria-label')));

    it('gives each element its own nodes, version and controls', async () => {
      expect(await nodesIn(A)).toEqual([`Node ${M}`, `Node ${R1}`, `Node ${R2}`]);
      expect(await nodesIn(B)).toEqual([`Node ${M}`, `Node ${R1}`, `Node ${R2}`, `Node ${R3}`]);
      expect(await page.$$eval('redis-playground .rp-title', (els) => els.map((e) => e.textContent))).toEqual([
        'Redis 7.0',
        'Redis 4.0 chain',
      ]);
      // The chain is typed into B's consoles; A's 6381 follows A's own 6379.
      expect(
        await waitFor(
          () => consoleText(page, R3, B),
          (t) => t.includes('SLAVEOF 127.0.0.1 6381\nOK'),
        ),
      ).toContain('127.0.0.1:6382> SLAVEOF 127.0.0.1 6381');
      expect(await consoleText(page, R2, A)).toContain('127.0.0.1:6381> SLAVEOF 127.0.0.1 6379\nOK');
      // Each logs in its version's format: 4.0 without the year, 7.0 with it.
      const v70 = /^\d+:S \d\d \w{3} \d{4} \d\d:\d\d:\d\d\.\d{3} \* MASTER <-> REPLICA sync: Finished with success$/m;
      const v40 = /^\d+:S \d\d \w{3} \d\d:\d\d:\d\d\.\d{3} \* MASTER <-> SLAVE sync: Finished with success$/m;
      const lines = async (n: string, scope: string) =>
        page.$$eval(`${panel(n, scope)} [role="log"] > *`, (els) => els.map((e) => e.textContent ?? '').join('\n'));
      expect(
        await waitFor(
          () => lines(R2, A),
          (t) => v70.test(t),
        ),
      ).toMatch(v70);
      expect(
        await waitFor(
          () => lines(R3, B),
          (t) => v40.test(t),
        ),
      ).toMatch(v40);
    });

    it('keeps the two datasets apart, each replicating down its own links', async () => {
      await typeLine(page, M, 'SET where A', A);
      await typeLine(page, M, 'SET where B', B);
      expect(
        await waitFor(
          () => consoleText(page, M, B),
          (t) => t.includes('> SET where B\nOK'),
        ),
      ).toContain('> SET where B\nOK');
      // B's stream goes 6379 → 6380 → 6381 → 6382: read it at the end of the chain, once that
      // node's card counts the key.
      const read = async (n: string, scope: string, want: string) => {
        expect(
          await waitFor(
            () => page.$eval(`${scope} .rp-card[data-node="${n}"]`, (el) => el.textContent ?? ''),
            (t) => t.includes('keys1'),
          ),
        ).toContain('keys1');
        await typeLine(page, n, 'GET where', scope);
        return waitFor(
          () => consoleText(page, n, scope),
          (t) => t.includes(`> GET where\n${want}`),
        );
      };
      expect(await read(R2, A, '"A"')).toContain('> GET where\n"A"');
      expect(await read(R3, B, '"B"')).toContain('> GET where\n"B"');
      // Typing into B's console leaves A's console as it was.
      const before = await consoleText(page, R1, A);
      await typeLine(page, R1, 'PING', B);
      expect(
        await waitFor(
          () => consoleText(page, R1, B),
          (t) => t.includes('> PING\nPONG'),
        ),
      ).toContain('> PING\nPONG');
      expect(await consoleText(page, R1, A)).toBe(before);
      // Killing B's master leaves A's master running.
      await page.click(`${panel(M, B)} button:text-is("Kill")`);
      expect(
        await waitFor(
          () => consoleLastLine(page, M, B),
          (l) => l.startsWith('not connected>'),
        ),
      ).toMatch(/^not connected>/);
      await typeLine(page, M, 'DBSIZE', A);
      expect(
        await waitFor(
          () => consoleText(page, M, A),
          (t) => t.includes('> DBSIZE\n(integer) 1'),
        ),
      ).toContain('> DBSIZE\n(integer) 1');
      expect(b.errors).toEqual([]);
    });
  });

  describe('screenshot', () => {
    let b: Browser;

    beforeAll(async () => {
      b = await launch({ width: 1400, height: 900 });
    }, 60_000);

    afterAll(async () => {
      await b?.close();
    });

    it('shows the walkthrough failover (UPDATE_SCREENSHOT=1 writes docs/screenshot.png)', async () => {
      const page = b.page;
      await page.goto(`${served.url}?theme=dark`);
      await page.waitForSelector(`${panel(R2)} .xterm-rows`);
      await page.selectOption('select[aria-label="Speed"]', '20');
      for (const r of [R1, R2])
        expect(
          await waitFor(
            () => linkLabel(page, r, M),
            (l) => l === 'online',
          ),
        ).toBe('online');
      await typeLine(page, M, 'SET k1 v1');
      await typeLine(page, M, 'INCR visits');
      expect(
        await waitFor(
          () => consoleText(page, M),
          (t) => t.includes('(integer) 1'),
        ),
      ).toContain('(integer) 1');
      expect(
        await waitFor(
          () => page.$eval(`.rp-card[data-node="${R2}"]`, (el) => el.textContent ?? ''),
          (t) => t.includes('keys2'),
        ),
      ).toContain('keys2');
      await page.click(`${panel(M)} button:text-is("Kill")`);
      await typeLine(page, R1, 'SLAVEOF NO ONE');
      await typeLine(page, R2, 'SLAVEOF 127.0.0.1 6380');
      expect(
        await waitFor(
          () => logText(page, R2),
          (t) => t.includes('Successful partial resynchronization'),
        ),
      ).toContain('Successful partial resynchronization');
      await typeLine(page, R2, 'GET k1');
      expect(
        await waitFor(
          () => consoleText(page, R2),
          (t) => t.includes('"v1"'),
        ),
      ).toContain('"v1"');
      await page.selectOption('select[aria-label="Speed"]', '1');
      await page.click('h1');
      await page.waitForTimeout(300);
      const dir = process.env.UPDATE_SCREENSHOT ? join(ROOT, 'docs') : join(ROOT, 'tmp');
      mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: join(dir, 'screenshot.png'), fullPage: true });
      expect(b.errors).toEqual([]);
    });
  });
});

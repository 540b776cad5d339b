/**
 * The session log: a session driven as the page drives it (real-time frames, consoles typing
 * through the console runner, Kill and Start buttons) is exported as a .scn, and the headless
 * runner replaying that script prints, for every command, exactly what the page's console
 * printed — the simulated time between lines became `sleep` steps, a blocking command the
 * runner's 100 ms steps.
 */
import { describe, expect, it } from 'vitest';
import { asApi, Playground } from '../../src/playground';
import { parseScenario, runScenario } from '../../src/scenario';
import { newConsoleState, runConsoleLine } from '../../src/ui/console/console-runner';
import { Session } from '../../src/ui/session';
import { lineKind, pageNotes, SessionRecorder } from '../../src/ui/share/recorder';
import { createAppStore } from '../../src/ui/store';

const SEED = 11;

/** A page-like harness: one console state per node, frames of wall time moving the clock. */
function page() {
  const pg = new Playground({ version: '7.0', seed: SEED });
  const s = new Session(createAppStore(), asApi(pg), SEED);
  const consoles = new Map<string, ReturnType<typeof newConsoleState>>();
  /** What each typed line printed, in order. */
  const printed: { node: string; line: string; text: string }[] = [];
  let wall = 0;
  const frame = async (ms = 16) => {
    wall += ms;
    await s.frame(ms, wall);
  };
  const frames = async (totalMs: number, ms = 16) => {
    for (let t = 0; t < totalMs; t += ms) await frame(ms);
  };
  /** Type a line into a node's console and let frames run until it finished. */
  const type = async (port: number, line: string) => {
    const node = `127.0.0.1:${port}`;
    const st = consoles.get(node)!;
    st.connected = s.isRunning(node);
    let text = '';
    s.lineTyped(node, line);
    let done = false;
    const run = runConsoleLine(line, st, {
      exec: (argv) => s.exec(node, argv),
      running: () => s.isRunning(node),
      write: (t) => {
        text += t;
      },
      clear: () => {},
    }).then(() => {
      done = true;
      s.lineDone(node);
    });
    for (let i = 0; i < 10_000 && !done; i++) {
      await Promise.resolve();
      if (!done) await frame();
    }
    await run;
    printed.push({ node, line, text: text.replace(/\r\n/g, '\n') });
  };
  const load = async (ports: number[]) => {
    await s.load({ ports, setup: [] });
    for (const p of ports) consoles.set(`127.0.0.1:${p}`, newConsoleState('127.0.0.1', p, true));
  };
  return { pg, s, type, frames, load, printed };
}

/** The runner's transcript of a script. */
async function runnerTranscript(scn: string, seed: number): Promise<string> {
  const parsed = parseScenario(scn);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  let out = '';
  const pg = await runScenario(parsed.scenario, { seed }, (t) => {
    out += t;
  });
  pg.dispose();
  return out;
}

/** The transcript the runner should print: each step line, then what the page printed for it. */
function expectedTranscript(scn: string, printed: { text: string; line: string }[]): string {
  const parsed = parseScenario(scn);
  if (!parsed.ok) throw new Error('unparsable');
  const replies = printed.filter((p) => lineKind(p.line) === 'step');
  let i = 0;
  let out = '';
  for (const step of parsed.scenario.steps) {
    out += `${step.text}\n`;
    if (step.kind === 'command') out += replies[i++].text;
  }
  expect(i).toBe(replies.length);
  return out;
}

describe('session log → .scn → headless runner', () => {
  it('replays a page session to the same replies, sleeps, blocking commands, kill and start included', async () => {
    const p = page();
    await p.load([6379, 6380]);
    await p.type(6380, 'SLAVEOF 127.0.0.1 6379');
    await p.frames(1500);
    await p.type(6379, 'SET k "hello world"');
    await p.type(6379, '3 INCR n');
    await p.frames(700);
    await p.type(6380, 'GET k');
    await p.type(6380, 'help GET');
    await p.type(6380, 'DEBUG SLEEP 0.5');
    await p.type(6379, 'WAIT 1 2000');
    await p.frames(333);
    await p.type(6380, 'INFO replication');
    await p.s.kill('127.0.0.1:6380');
    await p.frames(250);
    await p.type(6380, 'GET k');
    await p.s.start('127.0.0.1:6380');
    await p.frames(2500);
    await p.type(6380, 'GET n');
    await p.s.setLinkCut('127.0.0.1:6379', '127.0.0.1:6380', true);
    await p.type(6379, 'SET after cut');
    await p.frames(400);
    await p.type(6379, 'INFO replication');
    await p.type(6379, 'SET "unbalanced');

    const scn = p.s.recorder!.toScenario();
    expect(scn).toContain('sleep ');
    expect(scn).toContain('kill 6380');
    expect(scn).toContain('link 6379 6380 down');
    expect(scn).toContain('# 6380> help GET');
    // The page's replay finds it again (the runner skips it: a comment).
    expect([...pageNotes(scn).values()]).toEqual([{ kind: 'local', node: '6380', input: 'help GET' }]);
    expect(scn).toContain(`--seed ${SEED}`);
    const got = await runnerTranscript(scn, SEED);
    if (process.env.PEEK) console.log(scn, got);
    expect(got).toBe(expectedTranscript(scn, p.printed));
    // The page really did what the transcript says (not two empty sides agreeing).
    expect(got).toContain('"hello world"');
    expect(got).toContain('Could not connect to Redis at 127.0.0.1:6380: Connection refused');
    expect(got).toContain('(integer) 3');
  });

  it('writes the runner clock: no sleep for time a blocking command already spent', () => {
    const r = new SessionRecorder({ version: '7.0', nodes: ['127.0.0.1:6379'], at: 1000, seed: 1 });
    const a = r.command('127.0.0.1:6379', 'DEBUG SLEEP 1', 1000);
    // Sent at 1000, answered at 2050: the runner steps 100 ms at a time, to 2100.
    r.sent(a, true, 1000, 2050);
    r.command('127.0.0.1:6379', 'PING', 2300);
    r.action('kill', '127.0.0.1:6379', 2300);
    r.link('127.0.0.1:6379', '127.0.0.1:6380', false, 2400);
    const lines = r.toScenario().split('\n');
    expect(lines.slice(2)).toEqual([
      'redis 7.0',
      'nodes 6379',
      '6379> DEBUG SLEEP 1',
      'sleep 200',
      '6379> PING',
      'kill 6379',
      'sleep 100',
      'link 6379 6380 down',
      '',
    ]);
  });

  it('says where the format cannot follow the page: overlap, Ctrl-C, nodes added and removed, network', () => {
    const r = new SessionRecorder({ version: '4.0', nodes: ['127.0.0.1:6379'], at: 0, seed: 5 });
    const a = r.command('127.0.0.1:6379', 'DEBUG SLEEP 5', 0);
    r.sent(a, true, 0, 5000);
    r.action('added', '127.0.0.1:6380', 1000);
    r.command('127.0.0.1:6380', 'PING', 1200);
    const b = r.command('127.0.0.1:6380', 'WAIT 1 0', 6000);
    b.interrupted = true;
    r.ctrlC('127.0.0.1:6380', 1, 6500);
    r.action('removed', '127.0.0.1:6380', 7000);
    r.network(50, 1000, 7000);
    r.command('127.0.0.1:6379', '', 7100);
    const scn = r.toScenario();
    expect(scn).toContain('redis 4.0\nnodes 6379 6380\n');
    // Still waiting when the page went on (a node added, another console typed into): left waiting.
    expect(scn).toContain('6379&> DEBUG SLEEP 5\n');
    expect(scn).not.toContain('ms earlier on the page');
    // Ctrl-C on the page: the line is left waiting, and the runner's ctrl-c ends it when it happened.
    expect(scn).toContain('6380&> WAIT 1 0\nsleep 500\nctrl-c 6380\n');
    expect(scn).toContain('kill 6380\n# 6380 was removed from the page here');
    expect(scn).toContain('# network: latency 50 ms, bandwidth 1000 B/s');
    expect(scn).not.toMatch(/^6379> $/m);
    // The page's replay acts on what the runner skips.
    expect([...pageNotes(scn).values()]).toEqual([
      { kind: 'removed', node: '6380' },
      { kind: 'network', latencyMs: 50, bytesPerSec: 1000 },
    ]);
    expect(parseScenario(scn).ok).toBe(true);
  });
});

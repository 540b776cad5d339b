/**
 * Several consoles per node in the headless runner (scenario-format.md, "Commands that block, and
 * replies that are pushed"): `PORT/N>` consoles with their own db and subscriptions, `PORT&>`
 * replies printed prefixed when they arrive, blocking commands bounded to 60 s, subscribe mode and
 * MONITOR as redis-cli prints them, `ctrl-c`, and the parse errors of bad console references — on
 * the simulator and on worker threads, which must print the same transcript.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeWorkerPlayground, createNodeWorkerPool } from '../../src/host/node';
import { formatParseErrors, parseScenario, runScenario } from '../../src/scenario';

const pool = createNodeWorkerPool();
afterAll(() => pool.close());

async function run(text: string, workers: boolean): Promise<string> {
  const parsed = parseScenario(text);
  if (!parsed.ok) throw new Error(formatParseErrors(parsed.errors));
  let out = '';
  const pg = await runScenario(
    parsed.scenario,
    workers ? { playground: (o) => createNodeWorkerPlayground({ ...o, pool }) } : {},
    (s) => {
      out += s;
    },
  );
  pg.dispose();
  return out;
}

const lines = (...l: string[]) => `${l.join('\n')}\n`;

const SCRIPT = lines(
  'nodes 6379 6380',
  '6380> SLAVEOF 127.0.0.1 6379',
  'settle',
  '6379/2> SUBSCRIBE news',
  '6380/2> SUBSCRIBE news',
  '6379/3> SELECT 2',
  '6379/3&> BLPOP q 0',
  '6379> PUBLISH news hello',
  '6379> SELECT 2',
  '6379> LPUSH q a b',
  '6380/3> MONITOR',
  '6379> SET k v',
  'ctrl-c 6379/2',
  '6379> PUBLISH news again',
  'ctrl-c 6380/3',
  '6379/3> BLPOP nothing 0',
  '6379/3> PING',
  'ctrl-c 6379/3',
  '6379/3> LPOP q',
);

const EXPECTED = lines(
  'nodes 6379 6380',
  '6380> SLAVEOF 127.0.0.1 6379',
  'OK',
  'settle',
  '6379/2> SUBSCRIBE news',
  'Reading messages... (press Ctrl-C to quit)',
  '1) "subscribe"',
  '2) "news"',
  '3) (integer) 1',
  '6380/2> SUBSCRIBE news',
  'Reading messages... (press Ctrl-C to quit)',
  '1) "subscribe"',
  '2) "news"',
  '3) (integer) 1',
  '6379/3> SELECT 2',
  'OK',
  '6379/3&> BLPOP q 0',
  '6379> PUBLISH news hello',
  '(integer) 1',
  '[6379/2] 1) "message"',
  '[6379/2] 2) "news"',
  '[6379/2] 3) "hello"',
  '[6380/2] 1) "message"',
  '[6380/2] 2) "news"',
  '[6380/2] 3) "hello"',
  '6379> SELECT 2',
  'OK',
  '6379> LPUSH q a b',
  '(integer) 2',
  '[6379/3] 1) "q"',
  '[6379/3] 2) "b"',
  '6380/3> MONITOR',
  'OK',
  '6379> SET k v',
  'OK',
  '[6380/3] 1725291785.000000 [2 127.0.0.1:6379] "SET" "k" "v"',
  'ctrl-c 6379/2',
  '6379> PUBLISH news again',
  '(integer) 0',
  '[6380/2] 1) "message"',
  '[6380/2] 2) "news"',
  '[6380/2] 3) "again"',
  '[6380/3] 1725291785.000000 [2 127.0.0.1:6379] "PUBLISH" "news" "again"',
  'ctrl-c 6380/3',
  '6379/3> BLPOP nothing 0',
  '(no reply after 60s)',
  '6379/3> PING',
  '(no reply after 60s)',
  'ctrl-c 6379/3',
  '6379/3> LPOP q',
  '"a"',
);

describe('several consoles per node', () => {
  for (const workers of [false, true]) {
    it(`prints pushed lines, waiting consoles and ctrl-c as redis-cli would (${workers ? 'worker threads' : 'simulator'})`, async () => {
      expect(await run(SCRIPT, workers)).toBe(EXPECTED);
    }, 60_000);
  }

  it('bounds a blocking command to 60 s and prints its reply when it comes, prefixed', async () => {
    const out = await run(
      lines(
        'nodes 6379',
        '6379> BLPOP q 0',
        '6379/2> RPUSH q x',
        'sleep 10',
        '6379> DEBUG SLEEP 0.5',
        '6379&> DEBUG SLEEP 1',
        'sleep 2000',
      ),
      false,
    );
    expect(out).toBe(
      lines(
        'nodes 6379',
        '6379> BLPOP q 0',
        '(no reply after 60s)',
        '6379/2> RPUSH q x',
        '(integer) 1',
        '[6379] 1) "q"',
        '[6379] 2) "x"',
        'sleep 10',
        '6379> DEBUG SLEEP 0.5',
        'OK',
        '6379&> DEBUG SLEEP 1',
        'sleep 2000',
        '[6379] OK',
      ),
    );
  });

  it('keeps the db across ctrl-c (subscribe mode reconnects at once, a blocked console on its next command)', async () => {
    const out = await run(
      lines(
        'nodes 6379',
        '6379/2> SELECT 3',
        '6379/2> SUBSCRIBE c',
        'ctrl-c 6379/2',
        '6379> CLIENT LIST',
        '6379/2> SET k v',
        '6379/2> BLPOP q 0',
        'ctrl-c 6379/2',
        '6379> DBSIZE',
        '6379/2> DBSIZE',
      ),
      false,
    );
    // After the Ctrl-C in subscribe mode, a new connection on db 3 is already there.
    expect(out).toMatch(/6379> CLIENT LIST\nid=\d+ .* db=3 sub=0 .*\nid=\d+ .* db=0 .*cmd=client\|list/);
    expect(out).toContain('6379> DBSIZE\n(integer) 0\n6379/2> DBSIZE\n(integer) 1\n');
  });

  it("prints a SUBSCRIBE's confirmations in the order the server sends them, after its banner", async () => {
    const out = await run(lines('nodes 6379', '6379/2> SUBSCRIBE b a', '6379> PUBLISH a x'), false);
    expect(out).toBe(
      lines(
        'nodes 6379',
        '6379/2> SUBSCRIBE b a',
        'Reading messages... (press Ctrl-C to quit)',
        '1) "subscribe"',
        '2) "b"',
        '3) (integer) 1',
        '1) "subscribe"',
        '2) "a"',
        '3) (integer) 2',
        '6379> PUBLISH a x',
        '(integer) 1',
        '[6379/2] 1) "message"',
        '[6379/2] 2) "a"',
        '[6379/2] 3) "x"',
      ),
    );
  });

  it('parses PORT/N&> and ctrl-c PORT/N', () => {
    const r = parseScenario(
      lines('nodes 6379 10.0.0.2:6380', '6379/2&> BLPOP q 0', 'ctrl-c 10.0.0.2:6380/3', '6379&>PING'),
    );
    if (!r.ok) throw new Error(formatParseErrors(r.errors));
    expect(r.scenario.steps.slice(1)).toEqual([
      {
        kind: 'command',
        line: 2,
        text: '6379/2&> BLPOP q 0',
        node: '6379',
        console: 2,
        async: true,
        input: 'BLPOP q 0',
      },
      { kind: 'ctrl-c', line: 3, text: 'ctrl-c 10.0.0.2:6380/3', node: '10.0.0.2:6380', console: 3 },
      { kind: 'command', line: 4, text: '6379&>PING', node: '6379', console: 1, async: true, input: 'PING' },
    ]);
  });

  it('refuses a command typed into a console in subscribe mode, naming the line', async () => {
    await expect(run(lines('nodes 6379', '6379/2> PSUBSCRIBE x*', '6379/2> PING'), false)).rejects.toThrow(
      'line 3: console 6379/2 is in subscribe mode, where redis-cli takes no commands until Ctrl-C: add `ctrl-c 6379/2` before this step',
    );
  });

  it('reports bad console references with their line', () => {
    const r = parseScenario(
      lines(
        'nodes 6379',
        '6379/1> PING',
        '6379/0> PING',
        '6379/x> PING',
        'ctrl-c',
        'ctrl-c 6379/1',
        'ctrl-c 6390',
        '6379/2&> PING',
      ),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.message)).toEqual([
      'line 2: command: "6379/1": console 1 is the node\'s own, written 6379',
      'line 3: command: "6379/0": console numbers go from 2 to 64',
      'line 4: command: "6379/x" names no console (expected PORT or PORT/N, N a number from 2)',
      'line 5: `ctrl-c` expects one console (e.g. `ctrl-c 6379` or `ctrl-c 6379/2`), got "ctrl-c"',
      'line 6: ctrl-c: "6379/1": console 1 is the node\'s own, written 6379',
      'line 7: ctrl-c: node 6390 is not declared (nodes: 6379)',
    ]);
  });
});

/**
 * What the console does with a typed line, against the in-process simulator: redis-cli's reply
 * formatting, repeat counts, refusals while the node is down, SHUTDOWN, and the prompt's db and
 * (TX) bookkeeping.
 */
import { describe, expect, it } from 'vitest';
import { asApi, Playground } from '../../src/playground';
import { newConsoleState, promptOf, runConsoleLine, setConnected } from '../../src/ui/console/console-runner';

function setup() {
  const pg = new Playground({ version: '7.0', seed: 5 });
  const api = asApi(pg);
  const node = pg.addNode('127.0.0.1', 6379);
  pg.start(node);
  const state = newConsoleState('127.0.0.1', 6379, true);
  let out = '';
  let cleared = 0;
  const run = async (line: string) => {
    out = '';
    await runConsoleLine(line, state, {
      exec: (argv) => api.exec(node, argv),
      running: () => pg.isRunning(node),
      write: (s) => {
        out += s;
      },
      clear: () => {
        cleared++;
      },
    });
    return out;
  };
  return { pg, node, state, run, cleared: () => cleared };
}

describe('console runner', () => {
  it('prints replies exactly as redis-cli, with CRLF line ends', async () => {
    const { run } = setup();
    expect(await run('SET k v')).toBe('OK\r\n');
    expect(await run('GET k')).toBe('"v"\r\n');
    expect(await run('GET missing')).toBe('(nil)\r\n');
    expect(await run('RPUSH l a b')).toBe('(integer) 2\r\n');
    expect(await run('LRANGE l 0 -1')).toBe('1) "a"\r\n2) "b"\r\n');
    expect(await run('FOO')).toMatch(/^\(error\) ERR unknown command 'FOO'/);
    expect(await run('INFO replication')).toMatch(/^# Replication\r\nrole:master\r\n/);
  });

  it('repeats a command given a count, and refuses bad lines as redis-cli does', async () => {
    const { run } = setup();
    expect(await run('3 INCR n')).toBe('(integer) 1\r\n(integer) 2\r\n(integer) 3\r\n');
    expect(await run('SET "a b')).toBe('Invalid argument(s)\r\n');
    expect(await run('   ')).toBe('');
  });

  it('answers help locally, clears, toggles hints', async () => {
    const { run, state, cleared } = setup();
    expect(await run('help')).toContain('redis-cli 7.0.15');
    expect(await run('HELP get')).toContain('Get the value of a key');
    await run('clear');
    expect(cleared()).toBe(1);
    await run(':set nohints');
    expect(state.hints).toBe(false);
    await run(':set hints');
    expect(state.hints).toBe(true);
  });

  it('keeps the db in the prompt, and (TX) inside MULTI', async () => {
    const { run, state } = setup();
    expect(promptOf(state)).toBe('127.0.0.1:6379> ');
    await run('SELECT 5');
    expect(promptOf(state)).toBe('127.0.0.1:6379[5]> ');
    expect(await run('SELECT 99')).toMatch(/^\(error\)/);
    expect(promptOf(state)).toBe('127.0.0.1:6379[5]> ');
    await run('MULTI');
    expect(promptOf(state)).toBe('127.0.0.1:6379[5](TX)> ');
    expect(await run('SELECT 2')).toBe('QUEUED\r\n');
    expect(promptOf(state)).toBe('127.0.0.1:6379[2](TX)> ');
    await run('DISCARD');
    expect(promptOf(state)).toBe('127.0.0.1:6379[5]> ');
  });

  it('refuses to send while the node is down, and re-selects its db after a restart', async () => {
    const { pg, node, run, state } = setup();
    await run('SELECT 3');
    await run('SET here 1');
    pg.kill(node);
    setConnected(state, false);
    expect(promptOf(state)).toBe('not connected> ');
    expect(await run('PING')).toBe('Could not connect to Redis at 127.0.0.1:6379: Connection refused\r\n');
    expect(await run('help')).toContain('redis-cli');
    pg.start(node);
    setConnected(state, true);
    expect(promptOf(state)).toBe('127.0.0.1:6379[3]> ');
    await run('SET again 1');
    expect(await run('DBSIZE')).toBe('(integer) 1\r\n');
  });

  it('re-selects its db after a restart it never saw (kill and start between two lines)', async () => {
    const { pg, node, run, state } = setup();
    await run('SELECT 3');
    await run('SET here 1');
    await run('SAVE');
    pg.kill(node);
    pg.start(node);
    expect(promptOf(state)).toBe('127.0.0.1:6379[3]> ');
    expect(await run('GET here')).toBe('"1"\r\n');
    expect(await run('CLIENT INFO')).toMatch(/ db=3 /);
  });

  it('reconnects to a running node after the server closed its connection, in its db', async () => {
    const { run, state } = setup();
    await run('SELECT 4');
    expect(await run('CLIENT KILL TYPE normal SKIPME no')).toBe('(integer) 1\r\n');
    expect(promptOf(state)).toBe('127.0.0.1:6379[4]> ');
    expect(await run('CLIENT INFO')).toMatch(/ db=4 /);
    // A reply lost with the connection: `not connected>` until the next line reconnects.
    setConnected(state, false);
    expect(promptOf(state)).toBe('not connected> ');
    expect(await run('CLIENT INFO')).toMatch(/ db=4 /);
    expect(promptOf(state)).toBe('127.0.0.1:6379[4]> ');
  });

  it('shows nothing after SHUTDOWN and goes to not connected', async () => {
    const { run, state } = setup();
    expect(await run('SHUTDOWN NOSAVE')).toBe('');
    expect(promptOf(state)).toBe('not connected> ');
  });
});

describe('console runner in subscribe mode and MONITOR', () => {
  it('prints the banner and stays in the line until the console leaves reading mode', async () => {
    const pg = new Playground({ version: '7.0', seed: 5 });
    const node = pg.addNode('127.0.0.1', 6379);
    pg.start(node);
    const state = newConsoleState('127.0.0.1', 6379, true);
    let out = '';
    let leave: () => void = () => {};
    const io = {
      exec: async (argv: string[]) => pg.exec(node, argv, 2),
      running: () => true,
      write: (s: string) => {
        out += s;
      },
      clear: () => {},
      reading: () =>
        new Promise<void>((resolve) => {
          leave = resolve;
        }),
    };
    let ended = false;
    const line = runConsoleLine('SUBSCRIBE ch', state, io).then(() => {
      ended = true;
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(out).toBe('Reading messages... (press Ctrl-C to quit)\r\n1) "subscribe"\r\n2) "ch"\r\n3) (integer) 1\r\n');
    expect(state.mode).toBe('subscribe');
    expect(ended).toBe(false);
    leave();
    await line;
    expect(state.mode).toBe('normal');
    // An error reply leaves no reading mode (redis-cli goes back to its prompt).
    out = '';
    await runConsoleLine('MONITOR extra', state, io);
    expect(out).toBe("(error) ERR wrong number of arguments for 'monitor' command\r\n");
    expect(state.mode).toBe('normal');
  });
});

/**
 * `npm run serve` as a process: a scenario runs first (its transcript printed), each node's
 * listening address is printed, stdin is the control channel (console commands, kill/start
 * closing and reopening a node's port, link, latency, bad lines answered with a message), and
 * SIGTERM stops it with exit code 0. Also the control channel's parsing in-process, without
 * sockets.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createControl } from '../../src/bridge';
import { asApi, Playground } from '../../src/playground';
import { basePort, client, waitFor } from './helpers';

const SLOT = 3;

/** Whether something accepts connections on the port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ port, host: '127.0.0.1' });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

describe('the control channel', () => {
  it('runs scenario steps and the live extras, and explains bad lines', async () => {
    const pg = asApi(new Playground({ seed: 3 }));
    for (const p of [6379, 6380]) pg.addNode('127.0.0.1', p);
    await pg.startAll!(pg.nodeNames());
    const out: string[] = [];
    const control = createControl(pg, (s) => out.push(s));
    await control('6379> SET k "a b"');
    await control('6379> GET k');
    await control('2 6379> INCR n');
    await control('6379> 2 INCR n');
    await control('kill 6380');
    await control('6380> PING');
    await control('start 6380');
    await control('link 6379 6380 down');
    await control('latency 20');
    await control('bandwidth x');
    await control('kill 7000');
    await control('settle');
    await control('frobnicate');
    await control('6379> GET "unclosed');
    expect(out).toEqual([
      'OK\n',
      '"a b"\n',
      '`2` is not a control line (try `help`)\n',
      '(integer) 1\n',
      '(integer) 2\n',
      'OK\n',
      'Could not connect to Redis at 127.0.0.1:6380: Connection refused\n',
      'OK\n',
      'OK\n',
      'OK\n',
      '`bandwidth` expects one whole number of bytes per second, got "bandwidth x"\n',
      'kill: node 7000 is not declared (nodes: 6379 6380)\n',
      '`settle` is a scenario step only: while serving, time follows the wall clock\n',
      '`frobnicate` is not a control line (try `help`)\n',
      'Invalid argument(s)\n',
    ]);
  });
});

describe('npm run serve', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bridge-serve-'));
  let proc: ChildProcess | null = null;
  afterAll(() => {
    if (proc && proc.exitCode === null) proc.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a scenario, serves its nodes, takes control lines on stdin and stops on SIGTERM', async () => {
    const base = basePort(SLOT);
    const scn = join(dir, 'setup.scn');
    writeFileSync(
      scn,
      'nodes 6379 6380\n6379> CONFIG SET repl-diskless-sync-delay 0\n6380> REPLICAOF 127.0.0.1 6379\n6379> SET k v\nsettle\n6380> GET k\n',
    );
    let stdout = '';
    proc = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/serve.ts', '--scenario', scn, '--port-offset', String(base - 6379)],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    proc.stdout!.on('data', (d) => {
      stdout += String(d);
    });
    const exited = new Promise<number | null>((r) => proc!.once('exit', (code) => r(code)));
    await waitFor('serving', () => stdout.includes('serving Redis 7.0'), 40_000);
    expect(stdout).toContain('6380> GET k\n"v"\n');
    expect(stdout).toContain(`127.0.0.1:6379 listening on 127.0.0.1:${base}\n`);
    expect(stdout).toContain(`127.0.0.1:6380 listening on 127.0.0.1:${base + 1}\n`);

    const c = client(base + 1);
    expect(await c.get('k')).toBe('v');
    c.disconnect();

    proc.stdin!.write('6379> SET live 1\nkill 6380\n');
    await waitFor('the kill', () => /OK\nOK\n$/.test(stdout));
    expect(await accepts(base + 1)).toBe(false);
    proc.stdin!.write('start 6380\n6380> DBSIZE\nnonsense\n');
    await waitFor('the start', () => stdout.includes('`nonsense` is not a control line'));
    expect(await accepts(base + 1)).toBe(true);

    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/stopped\n$/);
    expect(await accepts(base)).toBe(false);
  }, 60_000);
});

/**
 * What the bridge tests share: their ports (40000 + $DIFF_PORT_OFFSET + 100 × the file's slot, so
 * test files never collide and never touch 6379), a served playground on those ports, real
 * redis-server processes of their own (killed at the end), redis-cli runs, and a wait for a
 * condition polled against real processes (real servers run on wall time, so there is no virtual
 * clock to drive).
 */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { type Served, startServe } from '../../src/bridge';

/** Whether Debian's redis-server and redis-tools are installed. */
export function haveRedis(): boolean {
  try {
    execFileSync('redis-server', ['--version']);
    execFileSync('redis-cli', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/** The first port of a test file's range of 100. */
export function basePort(slot: number): number {
  return 40000 + (Number(process.env.DIFF_PORT_OFFSET) || 0) + slot * 100;
}

/** A playground served on the file's range: node 6379 on basePort, 6380 on basePort + 1, ... */
export interface Bridged extends Served {
  /** Every node's log lines so far, as `[PORT] LINE`. */
  logs: string[];
  /** Control-channel output so far. */
  out: string[];
  portOf(node: number): number;
}

export async function serve(slot: number, nodes: number[] = [6379], relay = false): Promise<Bridged> {
  const logs: string[] = [];
  const out: string[] = [];
  const offset = basePort(slot) - 6379;
  const s = await startServe({
    nodes,
    relay,
    portOffset: offset,
    write: (t) => out.push(t),
    log: (node, line) => logs.push(`[${node.slice(node.lastIndexOf(':') + 1)}] ${line}`),
  });
  return Object.assign(s, { logs, out, portOf: (n: number) => n + offset });
}

/** Poll `cond` every 50 ms until it holds; fail with `what` after `ms`. */
export async function waitFor(what: string, cond: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Run redis-cli with `args`; resolves with its stdout (stdin from `input`; with stderr when asked). */
export function redisCli(args: string[], input?: string, withStderr = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = execFile('redis-cli', args, { timeout: 30_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`redis-cli ${args.join(' ')}: ${err.message}\n${stderr}`));
      else resolve(withStderr ? stdout + stderr : stdout);
    });
    if (input !== undefined) p.stdin?.end(input);
  });
}

/** A redis-server of the test's own. */
export interface RealServer {
  port: number;
  dir: string;
  client: Redis;
  log(): string;
  stop(): Promise<void>;
}

/** Start a real redis-server 7.0 on `port` (debug commands on, no save points). */
export async function startReal(port: number, extra: string[] = []): Promise<RealServer> {
  const dir = mkdtempSync(join(tmpdir(), 'bridge-real-'));
  const logfile = join(dir, 'redis.log');
  const proc: ChildProcess = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
      '--enable-debug-command',
      'yes',
      '--logfile',
      logfile,
      ...extra,
    ],
    { stdio: 'ignore' },
  );
  const client = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => 200,
  });
  client.on('error', () => {});
  await waitFor(`redis-server on ${port}`, async () => {
    try {
      if (client.status !== 'ready') await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    }
  });
  return {
    port,
    dir,
    client,
    log: () => {
      try {
        return readFileSync(logfile, 'utf8');
      } catch {
        return '';
      }
    },
    stop: async () => {
      client.disconnect();
      if (proc.exitCode === null) {
        const gone = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGKILL');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An ioredis client on a port, failing fast instead of queueing while disconnected. */
export function client(port: number): Redis {
  const c = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1 });
  // A node killed on purpose refuses the reconnects: not worth a warning.
  c.on('error', () => {});
  return c;
}

/** A field of INFO replication (or any INFO text). */
export function infoField(info: string, field: string): string | undefined {
  return new RegExp(`^${field}:(.*)$`, 'm').exec(info)?.[1]?.trim();
}

/**
 * Driving a real redis-server for the comparison columns: start/stop servers on ports of our own
 * (never 6379), a minimal RESP client, redis-benchmark, full sync timing and used_memory.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The redis-server / redis-benchmark binaries, if installed (REDIS_SERVER / REDIS_BENCHMARK override). */
export function findRedis(): { server: string; benchmark: string; version: string } | null {
  const server = process.env.REDIS_SERVER ?? 'redis-server';
  const benchmark = process.env.REDIS_BENCHMARK ?? 'redis-benchmark';
  try {
    const v = execFileSync(server, ['--version'], { encoding: 'utf8' });
    execFileSync(benchmark, ['--version'], { encoding: 'utf8' });
    const m = /v=(\S+)/.exec(v);
    return { server, benchmark, version: m ? m[1] : '?' };
  } catch {
    return null;
  }
}

/**
 * A TCP port nobody listens on, from a range the test suites do not use (17000-17999, or the
 * thousand ports from $BENCH_PORT_FROM).
 */
export async function freePort(from?: number): Promise<number> {
  const base = Number(process.env.BENCH_PORT_FROM) || 17000;
  const first = from ?? base + Math.floor(Math.random() * 900);
  for (let p = first; p < base + 1000; p++) {
    if (p === 6379) continue;
    const ok = await new Promise<boolean>((resolve) => {
      const srv = createServer();
      srv.once('error', () => resolve(false));
      srv.listen(p, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (ok) return p;
  }
  throw new Error(`no free port in ${base}-${base + 999}`);
}

type RespValue = string | number | null | Error | RespValue[];

/** A minimal RESP2 client (one command in flight at a time). */
export class RespClient {
  private buf = Buffer.alloc(0);
  private waiting: ((v: RespValue) => void) | null = null;
  private constructor(private readonly sock: Socket) {
    sock.on('data', (d) => {
      this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
      this.pump();
    });
  }

  static connect(port: number): Promise<RespClient> {
    return new Promise((resolve, reject) => {
      const sock = new Socket();
      sock.once('error', reject);
      sock.connect(port, '127.0.0.1', () => {
        sock.off('error', reject);
        sock.on('error', () => {});
        resolve(new RespClient(sock));
      });
    });
  }

  private pump(): void {
    if (!this.waiting) return;
    const r = parse(this.buf, 0);
    if (r === null) return;
    this.buf = this.buf.subarray(r[1]);
    const w = this.waiting;
    this.waiting = null;
    w(r[0]);
  }

  call(...args: (string | number)[]): Promise<RespValue> {
    let s = `*${args.length}\r\n`;
    for (const a of args) {
      const v = String(a);
      s += `$${Buffer.byteLength(v)}\r\n${v}\r\n`;
    }
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.sock.write(s);
      this.pump();
    });
  }

  close(): void {
    this.sock.destroy();
  }
}

function parse(b: Buffer, p: number): [RespValue, number] | null {
  const nl = b.indexOf('\r\n', p);
  if (nl < 0) return null;
  const line = b.toString('latin1', p + 1, nl);
  switch (b[p]) {
    case 43: // +
      return [line, nl + 2];
    case 45: // -
      return [new Error(line), nl + 2];
    case 58: // :
      return [Number(line), nl + 2];
    case 36: {
      const n = Number(line);
      if (n < 0) return [null, nl + 2];
      if (b.length < nl + 2 + n + 2) return null;
      return [b.toString('latin1', nl + 2, nl + 2 + n), nl + 2 + n + 2];
    }
    case 42: {
      const n = Number(line);
      if (n < 0) return [null, nl + 2];
      const out: RespValue[] = [];
      let q = nl + 2;
      for (let i = 0; i < n; i++) {
        const r = parse(b, q);
        if (r === null) return null;
        out.push(r[0]);
        q = r[1];
      }
      return [out, q];
    }
  }
  throw new Error(`bad RESP byte ${b[p]}`);
}

/** One redis-server process on a port of ours, with no persistence. */
export class RealServer {
  private constructor(
    readonly port: number,
    private readonly proc: ChildProcess,
    private readonly dir: string,
    readonly client: RespClient,
  ) {}

  /** Start one (on `at`, or a free port of 17000-17999). */
  static async start(bin: string, extra: string[] = [], at?: number): Promise<RealServer> {
    const port = at ?? (await freePort());
    const dir = mkdtempSync(join(tmpdir(), 'bench-redis-'));
    const proc = spawn(
      bin,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...extra],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        const client = await RespClient.connect(port);
        return new RealServer(port, proc, dir, client);
      } catch {
        if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`redis-server on ${port} did not start`);
        await sleep(20);
      }
    }
  }

  call(...args: (string | number)[]): Promise<RespValue> {
    return this.client.call(...args);
  }

  /** One INFO field as a string. */
  async info(section: string, field: string): Promise<string> {
    const s = String(await this.call('INFO', section));
    const m = new RegExp(`^${field}:(.*)$`, 'm').exec(s);
    return m ? m[1].trim() : '';
  }

  async stop(): Promise<void> {
    this.client.close();
    if (this.proc.exitCode === null) {
      const exited = new Promise((resolve) => this.proc.once('exit', resolve));
      this.proc.kill('SIGKILL');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `redis-benchmark -P 16 -t set,get,incr -n N -q` against a port: requests/s per test. */
export function redisBenchmark(bin: string, port: number, n: number, extra: string[] = []): Record<string, number> {
  const out = execFileSync(
    bin,
    ['-p', String(port), '-P', '16', '-t', 'set,get,incr', '-n', String(n), '-q', ...extra],
    {
      encoding: 'utf8',
    },
  );
  const res: Record<string, number> = {};
  // Lines look like "SET: 1234567.00 requests per second, p50=0.351 msec" (after \r progress lines).
  for (const m of out.matchAll(/([A-Z]+): ([\d.]+) requests per second/g)) res[m[1].toLowerCase()] = Number(m[2]);
  return res;
}

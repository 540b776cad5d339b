/**
 * One command of 200,000 arguments (`DEL k0 … k199999`, none of the keys existing) arriving in
 * 1 KB pieces: the time from its first byte to its reply, in the engine (each piece one onData
 * event, as one socket read each) and in a real redis-server (the pieces written one by one to a
 * TCP socket with Nagle off). The engine's decoder keeps what it parsed between pieces, so this
 * is linear in the bytes; the target is within 3× of real Redis.
 *
 * `npm run bench` runs it as section 5; alone: `node --import tsx tests/bench/chunked.ts`.
 */
import { Socket } from 'node:net';
import { bytesFromBin } from '../../src/lib';
import { collectGarbage } from './engine';
import { Harness } from './harness';
import { RealServer } from './real';
import { median, round } from './stats';

export const CHUNKED_ARGS = 200_000;
export const CHUNK_BYTES = 1024;

/** The command's bytes, cut into pieces of `chunk` bytes. */
export function chunkedCommand(args = CHUNKED_ARGS, chunk = CHUNK_BYTES): Uint8Array[] {
  const parts = [`*${args + 1}\r\n$3\r\nDEL\r\n`];
  for (let i = 0; i < args; i++) {
    const k = `k${i}`;
    parts.push(`$${k.length}\r\n${k}\r\n`);
  }
  const all = bytesFromBin(parts.join(''));
  const out: Uint8Array[] = [];
  for (let i = 0; i < all.length; i += chunk) out.push(all.subarray(i, i + chunk));
  return out;
}

/** Milliseconds for the engine to read the pieces and answer. */
export function chunkedEngine(pieces: Uint8Array[]): number {
  const h = new Harness();
  const srv = h.addServer(19101);
  const client = h.connect(srv);
  collectGarbage();
  const before = client.received;
  const t0 = performance.now();
  for (const p of pieces) client.send(p);
  const ms = performance.now() - t0;
  if (client.received === before || !client.lastReply.endsWith(':0\r\n')) {
    throw new Error(`chunked command: unexpected reply ${JSON.stringify(client.lastReply)}`);
  }
  return ms;
}

/** Milliseconds for a real redis-server, from the first piece written to the reply read. */
export async function chunkedReal(server: RealServer, pieces: Uint8Array[]): Promise<number> {
  const sock = new Socket();
  await new Promise<void>((resolve, reject) => {
    sock.once('error', reject);
    sock.connect(server.port, '127.0.0.1', resolve);
  });
  sock.setNoDelay(true);
  const reply = new Promise<number>((resolve) => {
    let got = '';
    sock.on('data', (d) => {
      got += d.toString('latin1');
      if (got.endsWith('\r\n')) resolve(performance.now());
    });
  });
  const t0 = performance.now();
  for (const p of pieces) sock.write(p);
  const t1 = await reply;
  sock.destroy();
  return t1 - t0;
}

export interface ChunkedResult {
  engineMs: { median: number; runs: number[] };
  redisServerMs: { median: number; runs: number[] } | null;
  /** engine ÷ redis-server; the target is ≤ 3. */
  ratio: number | null;
}

/** `runs` interleaved runs of each side. */
export async function chunkedBench(redisBin: string | null, runs: number): Promise<ChunkedResult> {
  const pieces = chunkedCommand();
  const server = redisBin ? await RealServer.start(redisBin) : null;
  const eng: number[] = [];
  const real: number[] = [];
  try {
    chunkedEngine(pieces); // warm-up
    if (server) await chunkedReal(server, pieces);
    for (let i = 0; i < runs; i++) {
      eng.push(chunkedEngine(pieces));
      if (server) real.push(await chunkedReal(server, pieces));
    }
  } finally {
    await server?.stop();
  }
  const s = (xs: number[]) => ({ median: round(median(xs), 1), runs: xs.map((x) => round(x, 1)) });
  return {
    engineMs: s(eng),
    redisServerMs: server ? s(real) : null,
    ratio: server ? round(median(eng) / median(real), 2) : null,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  chunkedBench(process.env.REDIS_SERVER ?? 'redis-server', 5).then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}

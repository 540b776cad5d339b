/**
 * `npm run soak`: random replication histories at scale, not part of CI. For each dialect (7.0,
 * then 4.0) it runs histories seeded 1…N (history.ts: writes over every data type, failovers,
 * FAILOVER, kills, restarts, cuts and heals, backlog size changes, time passing) on worker threads
 * (two by default: the machine's cores), checks each for divergence between every master and its
 * replicas after settling and for acknowledged writes lost at a failover, prints progress and a
 * summary (histories/s), and exits non-zero if any history failed. A failing history is shrunk
 * (shrink.ts) and printed as a .scn (also written to --out) that the scenario runner replays:
 * `npm run --silent scenario -- FILE --seed SEED`.
 *
 *   npm run soak                         # 10,000 histories per dialect
 *   npm run soak -- --count 200          # a quick run
 *   npm run soak -- --redis 4.0 --from 5000 --count 100 --workers 1 --ops 40 --out /tmp/soak
 *
 * Seeds are the history's identity: `--from S --count 1 --redis V` re-runs exactly one.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import type { RedisVersion } from '../../src/playground';
import { generate, runHistory, toScn } from './history';
import { shrink } from './shrink';

interface Job {
  version: RedisVersion;
  from: number;
  to: number;
  maxOps: number;
}
interface Done {
  version: RedisVersion;
  seed: number;
  ackChecks: number;
  failure: string | null;
  scn?: string;
  shrunkOps?: number;
  ops?: number;
}

// ------------------------------------------------------------------ worker side

if (!isMainThread) {
  const port = parentPort!;
  port.on('message', (job: Job | null) => {
    if (job === null) {
      port.close();
      return;
    }
    const results: Done[] = [];
    for (let seed = job.from; seed < job.to; seed++) {
      const h = generate(seed, job.version, job.maxOps);
      const out = runHistory(job.version, h);
      if (out.failure === null) {
        results.push({ version: job.version, seed, ackChecks: out.ackChecks, failure: null });
        continue;
      }
      const small = shrink(job.version, h, out);
      results.push({
        version: job.version,
        seed,
        ackChecks: out.ackChecks,
        failure: out.failure,
        scn: toScn(job.version, small.h, small.out),
        ops: h.ops.length,
        shrunkOps: small.h.ops.length,
      });
    }
    port.postMessage(results);
  });
  port.postMessage('ready');
}

// ------------------------------------------------------------------ main side

function args(argv: string[]) {
  const o = {
    count: 10_000,
    from: 1,
    workers: 2,
    maxOps: 40,
    versions: ['7.0', '4.0'] as RedisVersion[],
    out: join(tmpdir(), 'redis-playground-soak'),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    const num = () => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a}: expected a positive integer, got ${v ?? 'nothing'}`);
      i++;
      return n;
    };
    if (a === '--count') o.count = num();
    else if (a === '--from') o.from = num();
    else if (a === '--workers') o.workers = num();
    else if (a === '--ops') o.maxOps = num();
    else if (a === '--redis') {
      if (v !== '7.0' && v !== '4.0') throw new Error(`--redis: expected 7.0 or 4.0, got ${v ?? 'nothing'}`);
      o.versions = [v];
      i++;
    } else if (a === '--out') {
      if (!v) throw new Error('--out: expected a directory');
      o.out = v;
      i++;
    } else
      throw new Error(
        `unknown option ${a} (options: --count N --from SEED --redis 7.0|4.0 --workers N --ops N --out DIR)`,
      );
  }
  return o;
}

async function main(): Promise<number> {
  let o: ReturnType<typeof args>;
  try {
    o = args(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`soak: ${(e as Error).message}\n`);
    return 2;
  }
  const chunk = 20;
  const workers = Array.from({ length: o.workers }, () => new Worker(new URL('./worker-boot.mjs', import.meta.url)));
  const summary: string[] = [];
  let failures = 0;
  for (const version of o.versions) {
    const jobs: Job[] = [];
    for (let s = o.from; s < o.from + o.count; s += chunk)
      jobs.push({ version, from: s, to: Math.min(s + chunk, o.from + o.count), maxOps: o.maxOps });
    let done = 0;
    let acks = 0;
    let failed = 0;
    const t0 = performance.now();
    let lastPrint = t0;
    const progress = (final: boolean) => {
      const s = (performance.now() - t0) / 1000;
      const line = `Redis ${version}: ${done}/${o.count} histories, ${failed} failed, ${acks} acknowledged-write checks, ${s.toFixed(1)} s, ${(done / s).toFixed(1)} histories/s`;
      process.stdout.write(`${line}\n`);
      if (final) summary.push(line);
    };
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const next = () => {
              const job = jobs.shift();
              if (job) w.postMessage(job);
              else {
                w.off('message', onMessage);
                w.off('error', reject);
                resolve();
              }
            };
            const onMessage = (m: 'ready' | Done[]) => {
              if (m !== 'ready') {
                for (const d of m) {
                  done++;
                  acks += d.ackChecks;
                  if (d.failure === null) continue;
                  failed++;
                  mkdirSync(o.out, { recursive: true });
                  const file = join(o.out, `soak-${version}-${d.seed}.scn`);
                  writeFileSync(file, d.scn ?? '');
                  process.stdout.write(
                    `\nFAIL Redis ${version} seed ${d.seed} (${d.ops} ops, shrunk to ${d.shrunkOps}): ${d.failure}\n` +
                      `shortest history found, as a scenario (${file}; replay: npm run --silent scenario -- ${file} --seed ${d.seed}):\n${d.scn}\n`,
                  );
                }
                if (performance.now() - lastPrint > 5000) {
                  lastPrint = performance.now();
                  progress(false);
                }
              }
              next();
            };
            w.on('message', onMessage);
            w.on('error', reject);
            // The first job goes once the worker said it is ready; later ones as results come.
            if (version !== o.versions[0]) next();
          }),
      ),
    );
    progress(true);
    failures += failed;
  }
  for (const w of workers) w.postMessage(null);
  await Promise.all(workers.map((w) => w.terminate()));
  process.stdout.write(`\nsummary (${o.workers} worker threads, histories of up to ${o.maxOps} operations):\n`);
  for (const l of summary) process.stdout.write(`  ${l}\n`);
  process.stdout.write(
    failures === 0 ? 'no divergence, no acknowledged write lost\n' : `${failures} histories failed\n`,
  );
  return failures === 0 ? 0 : 1;
}

if (isMainThread) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`soak: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(2);
    },
  );
}

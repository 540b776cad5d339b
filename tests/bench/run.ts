/**
 * `npm run bench`: the engine's speed and memory against real redis-server 7.0 and ioredis-mock,
 * all measured in the same run on the same machine, so the targets are ratios:
 *
 * 1. pipelined SET/GET/INCR (16 per pipeline) through the full path — RESP decode, execute, reply,
 *    propagation to the backlog and to an online replica that applies the stream — against
 *    `redis-benchmark -P 16 -t set,get,incr -q` on a redis-server of our own, and ioredis-mock's
 *    pipelines on the same keys;
 * 2. full sync of 1,000,000 keys `key:N` → `value:N` (RDB write, transfer, load), timed from
 *    REPLICAOF to master_link_status:up, against two real servers (diskless, delay 0);
 * 3. memory per key: heapUsed growth after GC (child process with --expose-gc) against INFO
 *    memory used_memory growth for DEBUG POPULATE 1000000.
 *
 * 4. the page in headless Chromium (tests/bench/page.ts): first-view JavaScript, cold load to three
 *    consoles accepting input, 32 nodes keeping up with real time, worker heaps.
 * 5. the widget (tests/bench/widget.ts): dist/redis-playground.js gzipped, a cold widget's first
 *    console accepting input, a full sync in the page against the headless simulator.
 * 6. one 200,000-argument command arriving in 1 KB pieces (tests/bench/chunked.ts), engine against
 *    redis-server: the decoder's work must be linear in the bytes (target: within 3×).
 * 7. the TCP bridge (tests/bench/bridge.ts): redis-benchmark against a bridged node and against
 *    redis-server, pipelined and not.
 *
 * Every figure is the median of several runs after a warm-up. Prints a table and a JSON object.
 * Options: --quick (fewer and smaller runs), --runs N, --ops N (commands per run), --keys N (full sync
 * and memory), --no-real (skip redis-server), --engine-only
 * (skip ioredis-mock and redis-server: for before/after comparisons of the engine itself), --no-page
 * (skip section 4; it is skipped with a note when /usr/bin/chromium is missing), --no-bridge (skip
 * section 7), --bridge-only (run only section 7; --bridge-port N for its ports, N and N + 1).
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { bridgeBench, bridgeTable } from './bridge';
import { chunkedBench } from './chunked';
import { fullSyncOnce, loadKeys, masterWithReplica, type OpName, pipelines, runPipelines } from './engine';
import { Harness } from './harness';
import { MockBench } from './mock';
import { pageBench, pageTable } from './page';
import { findRedis, RealServer, redisBenchmark, sleep } from './real';
import { median, round } from './stats';
import { widgetBench, widgetTable } from './widget';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const engineOnly = argv.includes('--engine-only');
const numArg = (name: string, def: number): number => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : def;
};
const OPS_N = numArg('--ops', quick ? 200_000 : 1_000_000);
const MOCK_N = quick ? 50_000 : 200_000;
const SYNC_KEYS = numArg('--keys', quick ? 200_000 : 1_000_000);
const RUNS = numArg('--runs', quick ? 2 : 5);
const RANDOM_KEYSPACE = 100_000;
const OPS: OpName[] = ['set', 'get', 'incr'];

const log = (s: string) => process.stderr.write(`${s}\n`);

interface Series {
  median: number;
  runs: number[];
}
const series = (runs: number[], d = 0): Series => ({
  median: round(median(runs), d),
  runs: runs.map((x) => round(x, d)),
});

// ------------------------------------------------------------------ 1. pipelined commands

interface Pipelined {
  engine: Record<OpName, Series>;
  ioredisMock: Record<OpName, Series> | null;
  redisServer: Record<OpName, Series> | null;
  redisServerWithReplica: Record<OpName, Series> | null;
}

/** A real master (and, with `withReplica`, an online replica of it). */
async function realSetup(bin: { server: string }, withReplica: boolean): Promise<RealServer[]> {
  const master = await RealServer.start(bin.server, ['--repl-diskless-sync-delay', '0']);
  if (!withReplica) return [master];
  const replica = await RealServer.start(bin.server);
  await replica.call('REPLICAOF', '127.0.0.1', master.port);
  while ((await replica.info('replication', 'master_link_status')) !== 'up') await sleep(10);
  return [master, replica];
}

/**
 * Every column of one table, the runs interleaved (engine, ioredis-mock, redis-server, redis-server
 * with a replica, then again) so that they all see the same load on the machine.
 */
async function pipelined(
  redis: { server: string; benchmark: string } | null,
  keyspace: number,
  withReplicaColumn: boolean,
): Promise<Pipelined> {
  const tag = keyspace ? ` -r ${keyspace}` : '';
  const { client, master, replica } = masterWithReplica();
  const real = redis ? await realSetup(redis, false) : null;
  const realRepl = redis && withReplicaColumn ? await realSetup(redis, true) : null;
  const extra = keyspace ? ['-r', String(keyspace)] : [];
  const runs = { engine: [] as number[][], mock: [] as number[][], real: [] as number[][], realRepl: [] as number[][] };
  try {
    for (const [k, op] of OPS.entries()) {
      const chunks = pipelines(op, OPS_N, keyspace);
      const mock = new MockBench();
      // Warm-up: JIT, key creation.
      runPipelines(client, chunks, OPS_N);
      if (!engineOnly) await mock.run(op, MOCK_N >> 2, keyspace);
      if (real) redisBenchmark(redis!.benchmark, real[0].port, OPS_N >> 2, [...extra, '-t', op]);
      if (realRepl) redisBenchmark(redis!.benchmark, realRepl[0].port, OPS_N >> 2, [...extra, '-t', op]);
      runs.engine[k] = [];
      runs.mock[k] = [];
      runs.real[k] = [];
      runs.realRepl[k] = [];
      for (let i = 0; i < RUNS; i++) {
        runs.engine[k].push(runPipelines(client, chunks, OPS_N));
        if (!engineOnly) runs.mock[k].push(await mock.run(op, MOCK_N, keyspace));
        if (real) runs.real[k].push(redisBenchmark(redis!.benchmark, real[0].port, OPS_N, [...extra, '-t', op])[op]);
        if (realRepl) {
          runs.realRepl[k].push(redisBenchmark(redis!.benchmark, realRepl[0].port, OPS_N, [...extra, '-t', op])[op]);
        }
      }
      await mock.close();
      log(
        `  ${op}${tag}: engine ${round(median(runs.engine[k]))}` +
          (engineOnly ? '' : `, ioredis-mock ${round(median(runs.mock[k]))}`) +
          (real ? `, redis-server ${round(median(runs.real[k]))}` : '') +
          (realRepl ? `, redis-server+replica ${round(median(runs.realRepl[k]))}` : ''),
      );
    }
  } finally {
    for (const r of [...(realRepl ?? []).reverse(), ...(real ?? [])]) await r.stop();
  }
  if (replica.repl.offset !== master.repl.offset || replica.keyCount() !== master.keyCount()) {
    throw new Error('the replica did not keep up with the master');
  }
  const table = (xs: number[][]) =>
    Object.fromEntries(OPS.map((op, k) => [op, series(xs[k])])) as Record<OpName, Series>;
  return {
    engine: table(runs.engine),
    ioredisMock: engineOnly ? null : table(runs.mock),
    redisServer: real ? table(runs.real) : null,
    redisServerWithReplica: realRepl ? table(runs.realRepl) : null,
  };
}

// ------------------------------------------------------------------ 2. full sync

function engineFullSync(): Series {
  const h = new Harness();
  const master = h.addServer(19201, { 'repl-diskless-sync-delay': '0' });
  loadKeys(h.connect(master), SYNC_KEYS);
  fullSyncOnce(h, master, 19202); // warm-up
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(fullSyncOnce(h, master, 19203 + i));
  const s = series(runs, 1);
  log(`  engine full sync: ${s.median} ms`);
  return s;
}

async function realFullSync(bin: { server: string }): Promise<Series> {
  const master = await RealServer.start(bin.server, [
    '--repl-diskless-sync',
    'yes',
    '--repl-diskless-sync-delay',
    '0',
    '--enable-debug-command',
    'yes',
  ]);
  try {
    await master.call('DEBUG', 'POPULATE', SYNC_KEYS);
    const runs: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const replica = await RealServer.start(bin.server);
      try {
        const t0 = performance.now();
        await replica.call('REPLICAOF', '127.0.0.1', master.port);
        while ((await replica.info('replication', 'master_link_status')) !== 'up') await sleep(2);
        const ms = performance.now() - t0;
        const keys = Number(/keys=(\d+)/.exec(await replica.info('keyspace', 'db0'))?.[1] ?? 0);
        if (keys !== SYNC_KEYS) throw new Error(`real full sync: replica has ${keys} keys`);
        if (i > 0) runs.push(ms); // the first one is the warm-up
      } finally {
        await replica.stop();
      }
    }
    const s = series(runs, 1);
    log(`  redis-server full sync: ${s.median} ms`);
    return s;
  } finally {
    await master.stop();
  }
}

// ------------------------------------------------------------------ 3. memory

function engineMemory(mode: 'set' | 'sync'): { bytesPerKey: number; heapBefore: number; heapAfter: number } {
  const script = fileURLToPath(new URL('./memory.ts', import.meta.url));
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, mode, String(SYNC_KEYS)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
  });
  const r = JSON.parse(out.trim().split('\n').pop()!);
  log(`  engine memory (${mode}): ${round(r.bytesPerKey, 1)} bytes/key`);
  return { bytesPerKey: round(r.bytesPerKey, 1), heapBefore: r.heapBefore, heapAfter: r.heapAfter };
}

async function realMemory(bin: { server: string }): Promise<{ bytesPerKey: number; before: number; after: number }> {
  const srv = await RealServer.start(bin.server, ['--enable-debug-command', 'yes']);
  try {
    const before = Number(await srv.info('memory', 'used_memory'));
    await srv.call('DEBUG', 'POPULATE', SYNC_KEYS);
    const after = Number(await srv.info('memory', 'used_memory'));
    const r = { bytesPerKey: round((after - before) / SYNC_KEYS, 1), before, after };
    log(`  redis-server memory: ${r.bytesPerKey} bytes/key`);
    return r;
  } finally {
    await srv.stop();
  }
}

// ------------------------------------------------------------------ main

/** Section 7 alone (`--bridge-only`). */
async function bridgeOnly(): Promise<void> {
  const redis = findRedis();
  if (!redis) {
    log('bench: redis-server / redis-benchmark not found: the bridge section needs both');
    return;
  }
  const runs = numArg('--runs', 3);
  log(`5. the TCP bridge (load ${round(loadavg()[0], 2)}, runs ${runs})`);
  const port = argv.includes('--bridge-port') ? numArg('--bridge-port', 0) : undefined;
  const res = await bridgeBench({ ...redis, runs, requests: numArg('--ops', 200_000), port, log });
  console.log(['', ...bridgeTable(res, runs)].join('\n'));
  console.log('');
  console.log(
    JSON.stringify(
      { command: `npm run bench -- ${argv.join(' ')}`, load: round(loadavg()[0], 2), bridge: res },
      null,
      2,
    ),
  );
}

async function main(): Promise<void> {
  if (argv.includes('--bridge-only')) return bridgeOnly();
  const redis = argv.includes('--no-real') || engineOnly ? null : findRedis();
  const cpu = cpus();
  const machine = {
    cpus: cpu.length,
    model: cpu[0]?.model ?? '?',
    memoryGB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    redisServer: redis?.version ?? null,
    /** 1-minute load average when the run started and ended: other work on the machine skews every column. */
    loadAverage: [round(loadavg()[0], 2)],
  };
  log(
    `bench: ${machine.cpus} cpus (${machine.model}), node ${machine.node}, load ${machine.loadAverage[0]}, runs ${RUNS}`,
  );
  if (!redis && !engineOnly && !argv.includes('--no-real')) {
    log('bench: redis-server / redis-benchmark not found: the real-redis columns are skipped');
  }

  log('1. pipelined commands (fixed keys, as redis-benchmark without -r)');
  const fixed = await pipelined(redis, 0, true);
  const { engine, ioredisMock: mock, redisServer: real, redisServerWithReplica: realRepl } = fixed;
  log(`1b. pipelined commands, random keys (-r ${RANDOM_KEYSPACE})`);
  const random = await pipelined(redis, RANDOM_KEYSPACE, false);
  const { engine: engineR, ioredisMock: mockR, redisServer: realR } = random;

  log(`2. full sync of ${SYNC_KEYS} keys`);
  const syncEngine = engineFullSync();
  const syncReal = redis ? await realFullSync(redis) : null;

  log(`3. memory per key (${SYNC_KEYS} keys)`);
  const memSet = engineMemory('set');
  const memSync = engineMemory('sync');
  const memReal = redis ? await realMemory(redis) : null;

  let page: Awaited<ReturnType<typeof pageBench>> = null;
  if (argv.includes('--no-page')) log('4. the page: skipped (--no-page)');
  else {
    log('4. the page in headless Chromium');
    page = await pageBench({ runs: quick ? 5 : 9, quick, log });
    if (!page) log('   no Chromium at /usr/bin/chromium (CHROMIUM_PATH): the page section is skipped');
  }

  let widget: Awaited<ReturnType<typeof widgetBench>> | null = null;
  if (argv.includes('--no-page')) log('5. the widget: skipped (--no-page)');
  else {
    log('5. the widget and the single-file build (tests/bench/widget.ts)');
    widget = await widgetBench({ runs: quick ? 3 : 5, keys: SYNC_KEYS, log });
  }
  log('6. a 200,000-argument command in 1 KB pieces');
  const chunked = await chunkedBench(redis?.server ?? null, RUNS);
  let bridge: Awaited<ReturnType<typeof bridgeBench>> | null = null;
  if (argv.includes('--no-bridge') || !redis) log('7. the TCP bridge: skipped');
  else {
    log('7. the TCP bridge');
    bridge = await bridgeBench({ ...redis, runs: quick ? 2 : 3, requests: quick ? 100_000 : 200_000, log });
  }

  machine.loadAverage.push(round(loadavg()[0], 2));
  const perOp = (f: (op: OpName) => boolean) => Object.fromEntries(OPS.map((op) => [op, f(op)]));
  const targets = {
    pipelined1M: {
      met: OPS.every((op) => engine[op].median >= 1_000_000),
      perCommand: perOp((op) => engine[op].median >= 1_000_000),
    },
    vsMock2x: mock
      ? {
          met: OPS.every((op) => engine[op].median >= 2 * mock[op].median),
          perCommand: perOp((op) => engine[op].median >= 2 * mock[op].median),
          ratios: Object.fromEntries(OPS.map((op) => [op, round(engine[op].median / mock[op].median, 2)])),
        }
      : null,
    fullSyncWithin2x: syncReal
      ? { met: syncEngine.median <= 2 * syncReal.median, ratio: round(syncEngine.median / syncReal.median, 2) }
      : null,
    memoryWithin2x: memReal
      ? {
          met: Math.max(memSet.bytesPerKey, memSync.bytesPerKey) <= 2 * memReal.bytesPerKey,
          ratioSet: round(memSet.bytesPerKey / memReal.bytesPerKey, 2),
          ratioSync: round(memSync.bytesPerKey / memReal.bytesPerKey, 2),
        }
      : null,
    chunkedWithin3x: chunked.ratio !== null ? { met: chunked.ratio <= 3, ratio: chunked.ratio } : null,
  };

  const result = {
    command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    machine,
    config: {
      runs: RUNS,
      pipeline: 16,
      opsN: OPS_N,
      mockN: MOCK_N,
      syncKeys: SYNC_KEYS,
      randomKeyspace: RANDOM_KEYSPACE,
    },
    pipelined: fixed,
    pipelinedRandomKeys: { engine: engineR, ioredisMock: mockR, redisServer: realR },
    fullSync: { engineMs: syncEngine, redisServerMs: syncReal },
    memory: { engineSetPath: memSet, engineFullSyncPath: memSync, redisServer: memReal },
    page,
    widget,
    chunkedCommand: chunked,
    bridge,
    targets,
  };

  const verdict = (per: Record<string, boolean>) => {
    const met = OPS.filter((op) => per[op]).map((op) => op.toUpperCase());
    const missed = OPS.filter((op) => !per[op]).map((op) => op.toUpperCase());
    return missed.length === 0
      ? 'MET'
      : met.length === 0
        ? 'MISSED'
        : `MET for ${met.join(', ')}, MISSED for ${missed.join(', ')}`;
  };
  const fmt = (x: number | undefined) => (x === undefined ? '—' : Math.round(x).toLocaleString('en-US'));
  const ratio = (a: number, b: number | undefined) => (b ? `${round(a / b, 2)}×` : '—');
  const lines: string[] = [];
  lines.push('');
  lines.push(`Pipelined commands/s (P=16; engine = master + 1 online replica applying the stream; median of ${RUNS})`);
  lines.push(
    '| keys | cmd | engine | ioredis-mock | engine ÷ mock | redis-server | redis-server + replica | engine ÷ redis |',
  );
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const op of OPS) {
    lines.push(
      `| fixed | ${op.toUpperCase()} | ${fmt(engine[op].median)} | ${fmt(mock?.[op].median)} | ${ratio(engine[op].median, mock?.[op].median)} | ${fmt(real?.[op].median)} | ${fmt(realRepl?.[op].median)} | ${ratio(engine[op].median, real?.[op].median)} |`,
    );
  }
  for (const op of OPS) {
    lines.push(
      `| -r ${RANDOM_KEYSPACE / 1000}k | ${op.toUpperCase()} | ${fmt(engineR[op].median)} | ${fmt(mockR?.[op].median)} | ${ratio(engineR[op].median, mockR?.[op].median)} | ${fmt(realR?.[op].median)} | — | ${ratio(engineR[op].median, realR?.[op].median)} |`,
    );
  }
  lines.push('');
  lines.push(`Full sync of ${SYNC_KEYS.toLocaleString('en-US')} keys, REPLICAOF → link up (median of ${RUNS})`);
  lines.push('| engine | redis-server | engine ÷ redis |');
  lines.push('| ---: | ---: | ---: |');
  lines.push(
    `| ${syncEngine.median} ms | ${syncReal ? `${syncReal.median} ms` : '—'} | ${ratio(syncEngine.median, syncReal?.median)} |`,
  );
  lines.push('');
  lines.push(`Memory per key (${SYNC_KEYS.toLocaleString('en-US')} keys key:N → value:N)`);
  lines.push('| engine, keys SET | engine, keys from full sync | redis-server used_memory | engine ÷ redis |');
  lines.push('| ---: | ---: | ---: | ---: |');
  lines.push(
    `| ${memSet.bytesPerKey} B | ${memSync.bytesPerKey} B | ${memReal ? `${memReal.bytesPerKey} B` : '—'} | ${memReal ? `${ratio(memSet.bytesPerKey, memReal.bytesPerKey)} / ${ratio(memSync.bytesPerKey, memReal.bytesPerKey)}` : '—'} |`,
  );
  lines.push('');
  lines.push(
    `Targets: ≥1M cmd/s ${verdict(targets.pipelined1M.perCommand)}; ≥2× ioredis-mock ${targets.vsMock2x ? verdict(targets.vsMock2x.perCommand) : 'n/a'}; ` +
      `full sync ≤2× redis ${targets.fullSyncWithin2x ? (targets.fullSyncWithin2x.met ? 'MET' : 'MISSED') : 'n/a'}; ` +
      `memory ≤2× redis ${targets.memoryWithin2x ? (targets.memoryWithin2x.met ? 'MET' : 'MISSED') : 'n/a'}`,
  );
  lines.push('');
  lines.push(`A 200,000-argument command in 1 KB pieces, first byte → reply (median of ${RUNS})`);
  lines.push('| engine | redis-server | engine ÷ redis |');
  lines.push('| ---: | ---: | ---: |');
  lines.push(
    `| ${chunked.engineMs.median} ms | ${chunked.redisServerMs ? `${chunked.redisServerMs.median} ms` : '—'} | ${chunked.ratio !== null ? `${chunked.ratio}×` : '—'} (target ≤3×) |`,
  );
  if (page) lines.push('', ...pageTable(page));
  if (widget) lines.push('', ...widgetTable(widget));
  if (bridge) lines.push('', ...bridgeTable(bridge, quick ? 2 : 3));
  console.log(lines.join('\n'));
  console.log('');
  console.log(JSON.stringify(result, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

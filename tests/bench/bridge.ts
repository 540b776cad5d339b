/**
 * Section 5 of `npm run bench`: the TCP bridge (src/bridge) against real redis-server, in the same
 * run with the same tool: `redis-benchmark -t set,get` pipelined (`-P 16`) and unpipelined
 * (`-P 1`, 50 clients) against a bridged playground node (one node, its worker serving the
 * sockets) and against a redis-server of our own, the runs interleaved so both see the same load.
 * Targets: at least 0.5× real with -P 16, at least 0.8× with -P 1. `npm run bench -- --bridge-only`
 * runs just this section; `--bridge-port N` puts the bridged node on N and the real server on N + 1.
 */
import { execFileSync } from 'node:child_process';
import { startServe } from '../../src/bridge';
import { freePort, RealServer } from './real';
import { median, round } from './stats';

export interface BridgeCase {
  /** e.g. "SET -P 16". */
  name: string;
  bridge: number[];
  real: number[];
  bridgeMedian: number;
  realMedian: number;
  ratio: number;
  target: number;
  met: boolean;
}

export interface BridgeResult {
  command: string;
  requests: number;
  cases: BridgeCase[];
}

/** requests/s per test of one redis-benchmark run. */
function bench(bin: string, port: number, args: string[]): Record<string, number> {
  const out = execFileSync(bin, ['-p', String(port), '-q', ...args], { encoding: 'utf8', maxBuffer: 16 << 20 });
  const res: Record<string, number> = {};
  for (const m of out.matchAll(/([A-Z]+): ([\d.]+) requests per second/g)) res[m[1]] = Number(m[2]);
  return res;
}

export async function bridgeBench(opts: {
  benchmark: string;
  server: string;
  runs: number;
  requests: number;
  port?: number;
  log: (s: string) => void;
}): Promise<BridgeResult> {
  const port = opts.port ?? (await freePort());
  const served = await startServe({ nodes: [6379], portOffset: port - 6379 });
  const real = await RealServer.start(opts.server, [], opts.port ? port + 1 : undefined);
  const shapes = [
    { label: '-P 16', args: ['-t', 'set,get', '-n', String(opts.requests), '-P', '16'], target: 0.5 },
    {
      label: '-P 1 -c 50',
      args: ['-t', 'set,get', '-n', String(Math.round(opts.requests / 4)), '-c', '50'],
      target: 0.8,
    },
  ];
  const runs = new Map<string, { bridge: number[]; real: number[]; target: number }>();
  try {
    for (let r = 0; r < opts.runs; r++) {
      for (const s of shapes) {
        const b = bench(opts.benchmark, port, s.args);
        const q = bench(opts.benchmark, real.port, s.args);
        for (const cmd of ['SET', 'GET']) {
          const key = `${cmd} ${s.label}`;
          const e = runs.get(key) ?? { bridge: [], real: [], target: s.target };
          e.bridge.push(b[cmd] ?? 0);
          e.real.push(q[cmd] ?? 0);
          runs.set(key, e);
        }
        opts.log(
          `   run ${r + 1} ${s.label}: bridge SET ${b.SET} GET ${b.GET}; redis-server SET ${q.SET} GET ${q.GET}`,
        );
      }
    }
  } finally {
    await real.stop();
    await served.close();
  }
  const cases = [...runs].map(([name, e]): BridgeCase => {
    const bm = median(e.bridge);
    const rm = median(e.real);
    const ratio = rm ? round(bm / rm, 2) : 0;
    return {
      name,
      bridge: e.bridge,
      real: e.real,
      bridgeMedian: round(bm),
      realMedian: round(rm),
      ratio,
      target: e.target,
      met: ratio >= e.target,
    };
  });
  return {
    command: `redis-benchmark -q ${shapes.map((s) => s.args.join(' ')).join(' | ')}`,
    requests: opts.requests,
    cases,
  };
}

/** The section as Markdown table lines. */
export function bridgeTable(r: BridgeResult, runs: number): string[] {
  const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
  const lines = [`The TCP bridge: redis-benchmark requests/s, bridged node vs redis-server (median of ${runs})`];
  lines.push('| test | bridge | redis-server | bridge ÷ redis | target |');
  lines.push('| --- | ---: | ---: | ---: | --- |');
  for (const c of r.cases) {
    lines.push(
      `| ${c.name} | ${fmt(c.bridgeMedian)} | ${fmt(c.realMedian)} | ${c.ratio}× | ≥ ${c.target}× ${c.met ? 'MET' : 'MISSED'} |`,
    );
  }
  return lines;
}

/**
 * `npm run --silent serve -- [--nodes 6379,6380,6381] [--redis 4.0|7.0] [--port-offset N]
 * [--scenario FILE] [--seed N] [--logs]`: runs a playground headless, each node on its own worker
 * thread, and puts every node on 127.0.0.1 (node P on P + N; N is 10000 by default) for real
 * clients and real servers. stdin is the control channel (bridge/control.ts). Ctrl-C or SIGTERM
 * stops it: listeners closed, workers ended, exit 0.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { CONTROL_HELP, DEFAULT_PORT_OFFSET, startServe } from './bridge';
import { formatParseErrors, parseScenario, type Scenario } from './scenario';

const USAGE =
  'usage: npm run --silent serve -- [--nodes 6379,6380,6381] [--redis 4.0|7.0] [--port-offset N] [--scenario FILE] [--seed N] [--logs]';

function usage(msg: string): never {
  process.stderr.write(`${msg}\n${USAGE}\n`);
  process.exit(2);
}

interface Args {
  nodes?: number[];
  version?: '4.0' | '7.0';
  portOffset: number;
  scenario?: Scenario;
  seed?: number;
  logs: boolean;
}

function parseArgs(args: string[]): Args {
  const out: Args = { portOffset: DEFAULT_PORT_OFFSET, logs: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    if (a === '--logs') out.logs = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n\n${CONTROL_HELP}`);
      process.exit(0);
    } else if (a === '--nodes') {
      const v = value();
      const ports = v.split(',').map((p) => p.trim());
      if (ports.some((p) => !/^\d{1,5}$/.test(p) || Number(p) < 1 || Number(p) > 65535))
        usage(`--nodes takes ports separated by commas (e.g. 6379,6380), not '${v}'`);
      out.nodes = ports.map(Number);
      if (new Set(out.nodes).size !== out.nodes.length) usage(`--nodes names a port twice: '${v}'`);
    } else if (a === '--redis') {
      const v = value();
      if (v !== '4.0' && v !== '7.0') usage(`--redis takes 4.0 or 7.0, not '${v}'`);
      out.version = v;
    } else if (a === '--port-offset') {
      const v = value();
      if (!/^-?\d+$/.test(v) || Math.abs(Number(v)) > 65535) usage(`--port-offset takes an integer, not '${v}'`);
      out.portOffset = Number(v);
    } else if (a === '--seed') {
      const v = value();
      if (!/^\d+$/.test(v)) usage(`--seed takes a non-negative integer, not '${v}'`);
      out.seed = Number(v);
    } else if (a === '--scenario') {
      const file = value();
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        usage(`cannot read ${file}: ${(e as Error).message}`);
      }
      const parsed = parseScenario(text);
      if (!parsed.ok) {
        process.stderr.write(`${formatParseErrors(parsed.errors).replace(/^/gm, `${file}:`)}\n`);
        process.exit(1);
      }
      out.scenario = parsed.scenario;
    } else usage(`unknown option ${a}`);
  }
  if (out.scenario && out.nodes) usage('--nodes and --scenario cannot go together: the scenario declares its nodes');
  return out;
}

async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const write = (s: string) => process.stdout.write(s);
  const served = await startServe({
    nodes: args.nodes,
    version: args.version,
    portOffset: args.portOffset,
    scenario: args.scenario,
    seed: args.seed,
    write,
    log: args.logs ? (node, line) => write(`[${node.slice(node.lastIndexOf(':') + 1)}] ${line}\n`) : undefined,
  });
  for (const [name, port] of served.ports) write(`${name} listening on 127.0.0.1:${port}\n`);
  write(`serving Redis ${served.pg.version}; type \`help\` for the control channel, Ctrl-C to stop\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await served.close();
    write('stopped\n');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  // Control lines run one after another, in the order typed.
  const rl = createInterface({ input: process.stdin, terminal: false });
  let chain = Promise.resolve();
  rl.on('line', (line) => {
    chain = chain
      .then(() => served.control(line))
      .catch((e: unknown) => {
        write(`${(e as Error).message}\n`);
      });
  });
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

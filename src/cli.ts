/**
 * `npm run --silent scenario -- FILE [--logs] [--redis 4.0|7.0] [--workers] [--seed N]`:
 * runs a scenario headless and prints its transcript (scenario-format.md). By default the nodes run
 * in the in-process simulator; `--workers` runs each node in its own worker thread (host/node),
 * with the same transcript.
 */
import { readFileSync } from 'node:fs';
import { createNodeWorkerPlayground } from './host/node';
import { formatParseErrors, parseScenario, runScenario } from './scenario';

function usage(msg: string): never {
  process.stderr.write(
    `${msg}\nusage: npm run --silent scenario -- FILE [--logs] [--redis 4.0|7.0] [--workers] [--seed N]\n`,
  );
  process.exit(2);
}

async function main(args: string[]): Promise<void> {
  let file: string | undefined;
  let logs = false;
  let version: '4.0' | '7.0' | undefined;
  let seed = 1;
  let workers = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--logs') logs = true;
    else if (a === '--workers') workers = true;
    else if (a === '--redis') {
      const v = args[++i];
      if (v !== '4.0' && v !== '7.0') usage(`--redis takes 4.0 or 7.0, not '${v ?? ''}'`);
      version = v;
    } else if (a === '--seed') {
      const v = args[++i];
      if (!v || !/^\d+$/.test(v)) usage(`--seed takes a non-negative integer, not '${v ?? ''}'`);
      seed = Number(v);
    } else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else if (file === undefined) file = a;
    else usage(`unexpected argument ${a}`);
  }
  if (!file) usage('missing FILE');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(`cannot read ${file}: ${(e as Error).message}\n`);
    process.exit(2);
  }
  const parsed = parseScenario(text);
  if (!parsed.ok) {
    process.stderr.write(`${formatParseErrors(parsed.errors).replace(/^/gm, `${file}:`)}\n`);
    process.exit(1);
  }
  let pg: Awaited<ReturnType<typeof runScenario>>;
  try {
    pg = await runScenario(
      parsed.scenario,
      {
        forceVersion: version,
        logs,
        seed,
        playground: workers ? (o) => createNodeWorkerPlayground(o) : undefined,
      },
      (s) => process.stdout.write(s),
    );
  } catch (e) {
    // A step the script cannot take where it stands (a command typed into a console in subscribe
    // mode): said like a parse error, naming the file and line.
    const message = e instanceof Error ? e.message : String(e);
    if (!/^line \d+: /.test(message)) throw e;
    process.stderr.write(`${file}:${message}\n`);
    process.exit(1);
  }
  pg.dispose();
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});

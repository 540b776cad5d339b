/**
 * The step runner: plays a parsed scenario on a playground — the in-process simulator by default,
 * or any `PlaygroundApi` a caller makes (the runner's `--workers` passes one whose nodes run in
 * worker threads) — and writes the transcript (each step line, then what redis-cli would print for
 * it), optionally with every node's log lines as `[PORT] LINE` in the order they happen. Every
 * playground prints the same transcript for the same script and seed.
 */
import { asApi, Playground, type PlaygroundApi } from '../playground';
import { parseConsoleLine } from './cli-args';
import { formatReply } from './cli-format';
import type { RedisVersion, Scenario, Step } from './parse';

export interface RunOptions {
  /** Overrides the script's version only when the script has no `redis` step. */
  version?: RedisVersion;
  /** Force a version even over the script's. */
  forceVersion?: RedisVersion;
  logs?: boolean;
  seed?: number;
  /** Make the playground to run on (default: the in-process simulator). */
  playground?: (opts: { version: RedisVersion; seed: number }) => PlaygroundApi;
}

/**
 * Run a scenario, calling `write` with transcript text as it is produced. Resolves to the
 * playground, which the caller disposes (a worker playground holds threads).
 */
export async function runScenario(sc: Scenario, opts: RunOptions, write: (s: string) => void): Promise<PlaygroundApi> {
  const version = opts.forceVersion ?? (sc.versionExplicit ? sc.version : (opts.version ?? sc.version));
  const seed = opts.seed ?? 1;
  const pg = opts.playground ? opts.playground({ version, seed }) : asApi(new Playground({ version, seed }));
  const byName = new Map<string, string>();
  const label = new Map<string, string>();
  if (opts.logs) {
    pg.on((ev) => {
      if (ev.type === 'log') write(`[${label.get(ev.node) ?? ev.node}] ${ev.line}\n`);
    });
  }
  const out = (step: string, reply = '') => {
    let body = reply.replace(/\r\n/g, '\n');
    if (body !== '' && !body.endsWith('\n')) body += '\n';
    write(`${step}\n${body}`);
  };
  const runStep = async (step: Step): Promise<void> => {
    switch (step.kind) {
      case 'redis':
        out(step.text);
        return;
      case 'nodes':
        out(step.text);
        for (const n of step.nodes) {
          const full = pg.addNode(n.host, n.port);
          byName.set(n.name, full);
          label.set(full, n.name);
        }
        for (const n of step.nodes) await pg.start(byName.get(n.name)!);
        return;
      case 'command': {
        const name = byName.get(step.node)!;
        out(step.text);
        const line = parseConsoleLine(step.input);
        if (line.kind === 'empty') return;
        if (line.kind === 'invalid') {
          write(`${line.message}\n`);
          return;
        }
        for (let i = 0; i < line.repeat; i++) {
          const wasRunning = pg.isRunning(name);
          const r = await pg.exec(name, line.argv);
          // redis-cli prints nothing when the server closes the connection on SHUTDOWN.
          if (r === null && wasRunning && line.argv[0].toLowerCase() === 'shutdown') return;
          if (r === null) {
            const [h, p] = [name.slice(0, name.lastIndexOf(':')), name.slice(name.lastIndexOf(':') + 1)];
            write(`Could not connect to Redis at ${h}:${p}: Connection refused\n`);
            return;
          }
          let text = formatReply(r, line.argv).replace(/\r\n/g, '\n');
          if (text !== '' && !text.endsWith('\n')) text += '\n';
          write(text);
        }
        return;
      }
      case 'settle':
        out(step.text);
        if (!(await pg.settle())) write('settle: not quiet after 60s\n');
        return;
      case 'sleep':
        out(step.text);
        await pg.advance(step.ms);
        return;
      case 'kill':
        out(step.text);
        await pg.kill(byName.get(step.node)!);
        return;
      case 'start':
        out(step.text);
        await pg.start(byName.get(step.node)!);
        return;
      case 'link':
        out(step.text);
        await pg.link(byName.get(step.a)!, byName.get(step.b)!, step.state === 'up');
        return;
    }
  };
  try {
    for (const step of sc.steps) await runStep(step);
  } catch (e) {
    pg.dispose();
    throw e;
  }
  return pg;
}

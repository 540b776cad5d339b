/**
 * The step runner: plays a parsed scenario on a Playground and writes the transcript (each step
 * line, then what redis-cli would print for it), optionally with every node's log lines as
 * `[PORT] LINE` in the order they happen.
 */
import { Playground } from '../playground';
import { parseConsoleLine } from './cli-args';
import { formatReply } from './cli-format';
import type { RedisVersion, Scenario } from './parse';

export interface RunOptions {
  /** Overrides the script's version only when the script has no `redis` step. */
  version?: RedisVersion;
  /** Force a version even over the script's. */
  forceVersion?: RedisVersion;
  logs?: boolean;
  seed?: number;
}

/** Run a scenario, calling `write` with transcript text as it is produced. */
export function runScenario(sc: Scenario, opts: RunOptions, write: (s: string) => void): Playground {
  const version = opts.forceVersion ?? (sc.versionExplicit ? sc.version : (opts.version ?? sc.version));
  const pg = new Playground({ version, seed: opts.seed ?? 1 });
  const byName = new Map<string, string>();
  const label = new Map<string, string>();
  if (opts.logs) {
    pg.events.on((ev) => {
      if (ev.type === 'log') write(`[${label.get(ev.node) ?? ev.node}] ${ev.line}\n`);
    });
  }
  const out = (step: string, reply = '') => {
    let body = reply.replace(/\r\n/g, '\n');
    if (body !== '' && !body.endsWith('\n')) body += '\n';
    write(`${step}\n${body}`);
  };
  for (const step of sc.steps) {
    switch (step.kind) {
      case 'redis':
        out(step.text);
        break;
      case 'nodes':
        out(step.text);
        for (const n of step.nodes) {
          const full = pg.addNode(n.host, n.port);
          byName.set(n.name, full);
          label.set(full, n.name);
        }
        for (const n of step.nodes) pg.start(byName.get(n.name)!);
        break;
      case 'command': {
        const name = byName.get(step.node)!;
        out(step.text);
        const line = parseConsoleLine(step.input);
        if (line.kind === 'empty') break;
        if (line.kind === 'invalid') {
          write(`${line.message}\n`);
          break;
        }
        for (let i = 0; i < line.repeat; i++) {
          const wasRunning = pg.isRunning(name);
          const r = pg.exec(name, line.argv);
          // redis-cli prints nothing when the server closes the connection on SHUTDOWN.
          if (r === null && wasRunning && line.argv[0].toLowerCase() === 'shutdown') break;
          if (r === null) {
            const [h, p] = [name.slice(0, name.lastIndexOf(':')), name.slice(name.lastIndexOf(':') + 1)];
            write(`Could not connect to Redis at ${h}:${p}: Connection refused\n`);
            break;
          }
          let text = formatReply(r, line.argv).replace(/\r\n/g, '\n');
          if (text !== '' && !text.endsWith('\n')) text += '\n';
          write(text);
        }
        break;
      }
      case 'settle':
        out(step.text);
        if (!pg.settle()) write('settle: not quiet after 60s\n');
        break;
      case 'sleep':
        out(step.text);
        pg.advance(step.ms);
        break;
      case 'kill':
        out(step.text);
        pg.kill(byName.get(step.node)!);
        break;
      case 'start':
        out(step.text);
        pg.start(byName.get(step.node)!);
        break;
      case 'link':
        out(step.text);
        pg.link(byName.get(step.a)!, byName.get(step.b)!, step.state === 'up');
        break;
    }
  }
  return pg;
}

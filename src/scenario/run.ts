/**
 * The step runner: plays a parsed scenario on a playground — the in-process simulator by default,
 * or any `PlaygroundApi` a caller makes (the runner's `--workers` passes one whose nodes run in
 * worker threads) — and writes the transcript (each step line, then what redis-cli would print for
 * it), optionally with every node's log lines as `[PORT] LINE` in the order they happen. Every
 * playground prints the same transcript for the same script and seed.
 */
import { asApi, Playground, type PlaygroundApi, type Reply } from '../playground';
import { parseConsoleLine } from './cli-args';
import { formatReply } from './cli-format';
import { ScenarioConsoles } from './consoles';
import type { NodeAddr, RedisVersion, Scenario, Step } from './parse';

type CommandStep = Extract<Step, { kind: 'command' }>;

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
 * What a scenario's steps act on. The headless runner acts on a PlaygroundApi (`apiTarget`); the
 * page acts through its session and types command steps into its consoles, so the same step logic
 * serves both and their transcripts agree.
 */
export interface StepTarget {
  /** Create and start the nodes of a `nodes` step; resolves to their full names, in order. */
  addNodes(nodes: readonly NodeAddr[]): Promise<string[]>;
  /** Run one console line on a node, calling `write` with what redis-cli prints (LF line ends). */
  command(name: string, input: string, write: (s: string) => void): Promise<void>;
  /** Let time pass until replication is quiet; false when it never got quiet. */
  settle(): Promise<boolean>;
  advance(ms: number): Promise<void>;
  kill(name: string): Promise<void>;
  start(name: string): Promise<void>;
  link(a: string, b: string, up: boolean): Promise<void>;
  /**
   * Several consoles per node (`PORT/N>`, `PORT&>`, `ctrl-c`, blocking commands bounded to 60 s,
   * pushed lines): a target that offers them runs every command step here instead of `command`.
   * `name` is the node's full name; the step names it as the script does.
   */
  consoleCommand?(name: string, step: CommandStep, write: (s: string) => void): Promise<void>;
  ctrlC?(name: string, label: string, con: number): Promise<void>;
  /** After every step: what consoles printed while it ran (other consoles' replies, pushed lines). */
  afterStep?(write: (s: string) => void): Promise<void>;
}

/** A console's connection to one node: what `execConsoleLine` sends through. */
export interface ConsoleConnection {
  exec(argv: string[]): Promise<Reply | null>;
  isRunning(): boolean;
}

/**
 * A console line on node `name` as redis-cli runs it: split, repeated (`3 INCR n`), each reply
 * formatted, `Connection refused` when the node is down. `write` gets LF-ended text.
 */
export async function execConsoleLine(
  conn: ConsoleConnection,
  name: string,
  input: string,
  write: (s: string) => void,
): Promise<void> {
  const line = parseConsoleLine(input);
  if (line.kind === 'empty') return;
  if (line.kind === 'invalid') {
    write(`${line.message}\n`);
    return;
  }
  for (let i = 0; i < line.repeat; i++) {
    const wasRunning = conn.isRunning();
    const r = await conn.exec(line.argv);
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
}

/** The headless runner's target: the steps act on the playground itself. */
export function apiTarget(pg: PlaygroundApi): StepTarget {
  const consoles = new ScenarioConsoles(pg);
  return {
    consoleCommand: (name, step, write) =>
      consoles.command(name, step.console, step.node, step.input, step.async, `line ${step.line}`, write),
    ctrlC: (name, label, con) => consoles.ctrlC(name, con, label),
    afterStep: (write) => consoles.afterStep(write),
    addNodes: async (nodes) => {
      const names = nodes.map((n) => pg.addNode(n.host, n.port));
      for (const n of names) await pg.start(n);
      return names;
    },
    command: (name, input, write) =>
      execConsoleLine({ exec: (argv) => pg.exec(name, argv), isRunning: () => pg.isRunning(name) }, name, input, write),
    settle: () => pg.settle(),
    advance: (ms) => pg.advance(ms),
    kill: (n) => pg.kill(n),
    start: (n) => pg.start(n),
    link: (a, b, up) => pg.link(a, b, up),
  };
}

/** Runs steps one by one on a target, writing the transcript. */
export interface StepRunner {
  run(step: Step): Promise<void>;
  /** The full name ("HOST:PORT") of a node as the script declared it, once its `nodes` step ran. */
  nameOf(declared: string): string | undefined;
}

/**
 * A step runner: each step's line, then what it prints (a command's replies as redis-cli prints
 * them, `settle: not quiet after 60s`). `known` names nodes that run already (declared name → full
 * name), for a script parsed with `live` nodes.
 */
export function stepRunner(
  target: StepTarget,
  write: (s: string) => void,
  known: Iterable<readonly [string, string]> = [],
): StepRunner {
  const byName = new Map<string, string>(known);
  const out = (step: string) => write(`${step}\n`);
  const name = (declared: string) => {
    const n = byName.get(declared);
    if (n === undefined) throw new Error(`node ${declared} is not declared`);
    return n;
  };
  const unsupported = 'this playground runs scripts with one console per node (no PORT/N>, PORT&> or ctrl-c)';
  const run = async (step: Step): Promise<void> => {
    out(step.text);
    await runStep(step);
    await target.afterStep?.(write);
  };
  const runStep = async (step: Step): Promise<void> => {
    switch (step.kind) {
      case 'redis':
        return;
      case 'nodes': {
        const names = await target.addNodes(step.nodes);
        for (const [i, n] of step.nodes.entries()) byName.set(n.name, names[i]);
        return;
      }
      case 'command':
        if (target.consoleCommand) await target.consoleCommand(name(step.node), step, write);
        else if (step.console !== 1 || step.async) throw new Error(`line ${step.line}: ${unsupported}`);
        else await target.command(name(step.node), step.input, write);
        return;
      case 'ctrl-c':
        if (!target.ctrlC) throw new Error(`line ${step.line}: ${unsupported}`);
        await target.ctrlC(name(step.node), step.node, step.console);
        return;
      case 'settle':
        if (!(await target.settle())) write('settle: not quiet after 60s\n');
        return;
      case 'sleep':
        await target.advance(step.ms);
        return;
      case 'kill':
        await target.kill(name(step.node));
        return;
      case 'start':
        await target.start(name(step.node));
        return;
      case 'link':
        await target.link(name(step.a), name(step.b), step.state === 'up');
        return;
    }
  };
  return { run, nameOf: (d) => byName.get(d) };
}

/**
 * Run a scenario, calling `write` with transcript text as it is produced. Resolves to the
 * playground, which the caller disposes (a worker playground holds threads).
 */
export async function runScenario(sc: Scenario, opts: RunOptions, write: (s: string) => void): Promise<PlaygroundApi> {
  const version = opts.forceVersion ?? (sc.versionExplicit ? sc.version : (opts.version ?? sc.version));
  const seed = opts.seed ?? 1;
  const pg = opts.playground ? opts.playground({ version, seed }) : asApi(new Playground({ version, seed }));
  // Log lines name a node as the script declared it; a node logs from its start, so the labels
  // are known before the `nodes` step runs.
  const label = new Map(sc.nodes.map((n) => [`${n.host}:${n.port}`, n.name]));
  if (opts.logs) {
    pg.on((ev) => {
      if (ev.type === 'log') write(`[${label.get(ev.node) ?? ev.node}] ${ev.line}\n`);
    });
  }
  const runner = stepRunner(apiTarget(pg), write);
  try {
    for (const step of sc.steps) await runner.run(step);
  } catch (e) {
    pg.dispose();
    throw e;
  }
  return pg;
}

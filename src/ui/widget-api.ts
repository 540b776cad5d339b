/**
 * What the `<redis-playground>` element's API does on a live session: name a node the way a
 * caller may (6380, "6380", "127.0.0.1:6380"), run one console line as redis-cli would print it,
 * and run a scenario through the scenario layer's own step runner — command steps typed into the
 * node's console (shown as if typed), the other steps through the session, as the controls do.
 */
import { PLAYGROUND_HOST } from '../content';
import { execConsoleLine, parseConsoleLine, type Scenario, type StepTarget, stepRunner } from '../scenario';
import { helpText, isHelpCommand } from './console/cli-help';
import type { NodePanelHandle } from './node-panel';
import type { Session } from './session';

/** The playground's nodes as `parseScenario`'s `live` option takes them. */
export function liveNodes(session: Session): { host: string; port: number }[] {
  return session.api.nodeNames().map((n) => ({
    host: n.slice(0, n.lastIndexOf(':')),
    port: Number(n.slice(n.lastIndexOf(':') + 1)),
  }));
}

/** The node's full name ("127.0.0.1:6380") for a port number, "6380" or "HOST:PORT"; throws for a node not in the playground. */
export function nodeNameOf(session: Session, node: string | number): string {
  const text = String(node).trim();
  const name = /^\d+$/.test(text) ? `${PLAYGROUND_HOST}:${text}` : text;
  const names = session.api.nodeNames();
  if (!names.includes(name))
    throw new Error(`No node ${name} in this playground (nodes: ${names.join(' ') || 'none'}).`);
  return name;
}

/**
 * One console line on a node, not shown in its console: resolves to what redis-cli prints. `help`
 * is answered as redis-cli answers it, locally (without its colours).
 */
export async function execLine(session: Session, name: string, line: string): Promise<string> {
  const parsed = parseConsoleLine(line);
  if (parsed.kind === 'command' && isHelpCommand(parsed.argv))
    return helpText(parsed.argv.slice(1))
      .replace(/\r\n/g, '\n')
      .replace(/\x1b\[[0-9;]*m/g, '');
  let text = '';
  await execConsoleLine(
    { exec: (argv) => session.exec(name, argv), isRunning: () => session.isRunning(name) },
    name,
    line,
    (s) => {
      text += s;
    },
  );
  return text;
}

/**
 * Run a parsed scenario on the session: resolves to its transcript (each step's line and what it
 * printed, as the headless runner prints it). `live()` turns false when the playground was
 * rebuilt meanwhile: the run stops there with an error.
 */
export async function runScenarioOn(
  session: Session,
  sc: Scenario,
  panels: ReadonlyMap<string, NodePanelHandle>,
  live: () => boolean,
): Promise<string> {
  const target: StepTarget = {
    addNodes: (nodes) => session.ensureNodes(nodes),
    command: async (name, input, write) => {
      const panel = panels.get(name);
      if (!panel) throw new Error(`No console for ${name}.`);
      write(await panel.console.run(input));
    },
    settle: () => session.settle(),
    advance: (ms) => session.advance(ms),
    kill: (n) => session.kill(n),
    start: (n) => session.start(n),
    link: (a, b, up) => session.setLinkCut(a, b, !up),
  };
  let transcript = '';
  // The nodes already running, as a script names them (parseScenario's `live`).
  const known = session.api.nodeNames().map((n) => {
    const [host, port] = [n.slice(0, n.lastIndexOf(':')), n.slice(n.lastIndexOf(':') + 1)];
    return [host === PLAYGROUND_HOST ? port : n, n] as const;
  });
  const runner = stepRunner(
    target,
    (s) => {
      transcript += s;
    },
    known,
  );
  for (const step of sc.steps) {
    if (!live()) throw new Error('The playground was rebuilt while the scenario ran.');
    await runner.run(step);
  }
  return transcript;
}

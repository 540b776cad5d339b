/**
 * Replaying a scenario on the page (a share link opened, a .scn imported): the playground is
 * rebuilt with the script's version and nodes, then every step runs as the headless runner runs
 * it — command lines typed into their node's console (so the reader sees them as typed, replies
 * and all), `sleep` and `settle` moving simulated time, `kill`, `start` and `link` through the
 * same actions as the page's buttons. The clock is held still meanwhile, and a command that
 * blocks lets time pass in 100 ms steps until its reply is there, exactly as the runner does, so
 * the page ends where the runner's transcript ends. What the replay does is recorded again like
 * anything typed, so a replayed session can be shared or exported in turn. What the recorder
 * wrote as comments because the format has no step for it — lines redis-cli answers itself
 * (`help SET`), a node removed, the network's latency and bandwidth — is done too, where it
 * happened: the page then ends as the recorded one did. `PORT/N>` lines are typed into the node's
 * console tab N (opened for them), `PORT&>` lines are typed and left waiting, and `ctrl-c` is
 * Ctrl-C pressed in that console.
 */
import type { RedisVersion } from '../../playground';
import type { Scenario } from '../../scenario';
import type { ConsoleHandle } from '../console/console-view';
import { consoleKey, type Session } from '../session';
import type { AppStore } from '../store';
import { pageNotes, RUNNER_STEP_MS } from './recorder';

/** The runner's bound on a blocking command: 60 s of simulated time. */
const BLOCK_LIMIT_MS = 60_000;

/** What a replay needs from the app. */
export interface ReplayTarget {
  readonly store: AppStore;
  /** Rebuild the playground with exactly these nodes, nothing typed, and this seed. */
  rebuild(o: { version: RedisVersion; ports: number[]; seed: number }): Promise<void>;
  /** The current session (after the rebuild). */
  session(): Session;
  /** Console `con` (default 1) of a node, opened if need be; undefined when the node has no panel. */
  console(node: string, con?: number): ConsoleHandle | undefined;
}

export interface ReplayResult {
  /** Steps run. */
  steps: number;
  /** Notes for the reader (a `settle` that never got quiet, a command that never answered). */
  notes: string[];
}

/**
 * Replay `sc` (parsed from `text`) on the page. `isCurrent` turns false when the reader starts
 * something else.
 */
export async function replayScenario(
  sc: Scenario,
  text: string,
  seed: number,
  t: ReplayTarget,
  isCurrent: () => boolean = () => true,
): Promise<ReplayResult> {
  const ports = sc.nodes.map((n) => n.port);
  const full = (name: string) => {
    const a = sc.nodes.find((n) => n.name === name);
    return a ? `${a.host}:${a.port}` : null;
  };
  const notes = [...pageNotes(text)].sort((a, b) => a[0] - b[0]);
  /** Act on the page notes written before script line `before`. */
  const typeLocals = async (before: number) => {
    while (notes.length && notes[0][0] < before) {
      const [, n] = notes.shift()!;
      const session = t.session();
      if (n.kind === 'network') {
        await session.setShape(n.latencyMs, n.bytesPerSec);
        continue;
      }
      const node = full(n.node);
      if (!node) continue;
      if (n.kind === 'removed') await session.removeNode(node);
      else await t.console(node)?.run(n.input);
    }
  };
  const wasPaused = t.store.getState().paused;
  t.store.getState().setPaused(true);
  const said: string[] = [];
  let steps = 0;
  try {
    await t.rebuild({ version: sc.version, ports, seed });
    const session = t.session();
    for (const step of sc.steps) {
      if (!isCurrent()) break;
      await typeLocals(step.line);
      steps++;
      switch (step.kind) {
        case 'redis':
        case 'nodes':
          break;
        case 'command': {
          const node = full(step.node)!;
          const c = t.console(node, step.console);
          if (!c) break;
          const key = consoleKey(node, step.console);
          if (step.async) {
            // Typed and left waiting: go on once it was sent (or answered at once).
            await Promise.race([c.run(step.input), session.whenBlocked(key)]);
            break;
          }
          if (!(await typeAndWait(session, key, c, step.input))) said.push(`line ${step.line}: no reply after 60s`);
          break;
        }
        case 'ctrl-c':
          t.console(full(step.node)!, step.console)?.input('\x03');
          break;
        case 'sleep':
          await session.advanceBy(step.ms);
          break;
        case 'settle':
          if (!(await session.settle())) said.push(`line ${step.line}: settle: not quiet after 60s`);
          break;
        case 'kill':
          await session.kill(full(step.node)!);
          break;
        case 'start':
          await session.start(full(step.node)!);
          break;
        case 'link':
          await session.setLinkCut(full(step.a)!, full(step.b)!, step.state === 'down');
          break;
      }
    }
    if (isCurrent()) await typeLocals(Number.POSITIVE_INFINITY);
  } finally {
    if (isCurrent()) t.store.getState().setPaused(wasPaused);
  }
  return { steps, notes: said };
}

/**
 * Type one line and wait until it ran. While its command waits for a reply, time passes in the
 * runner's 100 ms steps. Returns false when no reply came within the runner's bound.
 */
async function typeAndWait(session: Session, node: string, c: ConsoleHandle, line: string): Promise<boolean> {
  let done = false;
  const ran = c.run(line).then(() => {
    done = true;
  });
  for (let waited = 0; ; waited += RUNNER_STEP_MS) {
    await Promise.race([ran, session.whenBlocked(node)]);
    if (done) return true;
    if (waited >= BLOCK_LIMIT_MS) return false;
    await session.advanceBy(RUNNER_STEP_MS);
  }
}

/**
 * The session log: what was done to a playground since it was set up — lines typed into the
 * consoles, and kill / start / link actions — each stamped with the simulated instant it took
 * effect, in the order it happened. It is kept in scenario terms so it can be written out as a
 * .scn (shared/scenario-format.md) that the headless runner replays to the same transcript:
 * simulated time that passed between two steps becomes a `sleep MS` step.
 *
 * The runner moves time only in `sleep` steps and while a command blocks — then in 100 ms
 * (serverCron) steps from the moment it was sent until its reply is there — so the writer keeps
 * the runner's clock as it goes and sleeps only for the difference. A node's other consoles are
 * `PORT/N>`; a command still waiting when something else was done (another console typed into,
 * Ctrl-C) is written `PORT&>` (left waiting, its reply printed when it comes), and Ctrl-C as a
 * `ctrl-c` step when it happened. What the format cannot say (nodes added or removed on the page, the network's latency and bandwidth) is
 * written as a comment at the point it happened, so a reader knows where the replay may part
 * from the page.
 */
import { parseConsoleLine } from '../../scenario';
import { isHelpCommand } from '../console/cli-help';

/** The runner's step while a command blocks (one serverCron tick). */
export const RUNNER_STEP_MS = 100;

export type LogEntry =
  | {
      kind: 'command';
      node: string;
      /** The node's console it was typed into (1: its first; N: `PORT/N>`). */
      con: number;
      /** The line as typed (redis-cli quoting, repeat count). */
      line: string;
      /** When it was sent (or, for a line the console answered itself, typed). */
      at: number;
      /** The time the runner spends on it: per command sent, its blocking rounded up to 100 ms steps. */
      blockedMs: number;
      /** When its last reply arrived on the page (it blocked the console until then). */
      answeredAt: number;
      /** The line was interrupted with Ctrl-C before its reply came. */
      interrupted: boolean;
    }
  | { kind: 'kill' | 'start' | 'added' | 'removed'; node: string; at: number }
  /** Ctrl-C in console `con` of a node. */
  | { kind: 'ctrl-c'; node: string; con: number; at: number }
  | { kind: 'link'; a: string; b: string; up: boolean; at: number }
  | { kind: 'network'; latencyMs: number; bytesPerSec: number; at: number };

/** The playground's set-up the log starts from. */
export interface RecordingStart {
  version: '4.0' | '7.0';
  /** Node names ("127.0.0.1:6379") the playground started with. */
  nodes: readonly string[];
  /** Simulated instant of the start. */
  at: number;
  /** Seed of the playground's randomness. */
  seed: number;
}

/**
 * What a console line is to the runner: nothing (an empty line), a step, or a line redis-cli
 * answers itself (`help`, `clear`, `:set hints`, `quit`) — which the runner would send to the
 * server, so it is written as a comment.
 */
export function lineKind(line: string): 'empty' | 'step' | 'local' {
  const p = parseConsoleLine(line);
  if (p.kind === 'empty') return 'empty';
  if (p.kind === 'invalid') return 'step';
  const c = p.argv[0].toLowerCase();
  return isHelpCommand(p.argv) || c === 'clear' || c === ':set' || c === 'quit' || c === 'exit' ? 'local' : 'step';
}

/** How a line redis-cli answers itself is written: a comment the page's replay still types. */
export const LOCAL_SUFFIX = '   (answered by redis-cli itself)';
const localComment = (node: string, line: string) => `# ${node}> ${line}${LOCAL_SUFFIX}`;

/**
 * What the page did that the format has no step for, written as a comment the runner skips but
 * the page's own replay acts on: a line redis-cli answered itself, a node removed from the page,
 * the network's latency and bandwidth.
 */
export type PageNote =
  | { kind: 'local'; node: string; input: string }
  | { kind: 'removed'; node: string }
  | { kind: 'network'; latencyMs: number; bytesPerSec: number };

const removedComment = (node: string) => `# ${node} was removed from the page here`;
const networkComment = (latencyMs: number, bytesPerSec: number) =>
  `# network: latency ${latencyMs} ms, bandwidth ${bytesPerSec ? `${bytesPerSec} B/s` : 'unlimited'} (the runner's links are loopback)`;

/** The page notes of a recorded script, by script line number (1-based). */
export function pageNotes(text: string): Map<number, PageNote> {
  const out = new Map<number, PageNote>();
  text.split(/\r?\n/).forEach((l, i) => {
    if (!l.startsWith('# ')) return;
    if (l.endsWith(LOCAL_SUFFIX)) {
      const m = /^# ([^\s>]+)> (.*)$/s.exec(l.slice(0, -LOCAL_SUFFIX.length));
      if (m && lineKind(m[2]) === 'local') out.set(i + 1, { kind: 'local', node: m[1], input: m[2] });
      return;
    }
    const removed = /^# (\d{1,5}) was removed from the page here$/.exec(l);
    if (removed) {
      out.set(i + 1, { kind: 'removed', node: removed[1] });
      return;
    }
    const net =
      /^# network: latency (\d{1,7}) ms, bandwidth (?:(\d{1,12}) B\/s|unlimited) \(the runner's links are loopback\)$/.exec(
        l,
      );
    if (net) out.set(i + 1, { kind: 'network', latencyMs: Number(net[1]), bytesPerSec: Number(net[2] ?? 0) });
  });
  return out;
}

const portOf = (name: string) => name.slice(name.lastIndexOf(':') + 1);
/** How a node is named in a script: its port on the page's host, else HOST:PORT. */
const scnName = (name: string) => (name.startsWith('127.0.0.1:') ? portOf(name) : name);
/** How a script names console `con` of a node: `6379`, `6379/2`. */
const scnConsole = (name: string, con: number) => `${scnName(name)}${con === 1 ? '' : `/${con}`}`;

/** Records one playground's session. */
export class SessionRecorder {
  readonly entries: LogEntry[] = [];
  /** Nodes added after the start, in order. */
  private readonly added: string[] = [];

  constructor(readonly start: RecordingStart) {}

  /** A line submitted at a console; the console updates it as its commands are sent and answered. */
  command(node: string, line: string, at: number, con = 1): Extract<LogEntry, { kind: 'command' }> {
    const e: Extract<LogEntry, { kind: 'command' }> = {
      kind: 'command',
      node,
      con,
      line,
      at,
      blockedMs: 0,
      answeredAt: at,
      interrupted: false,
    };
    this.entries.push(e);
    return e;
  }

  /** One command of a recorded line was sent at `sentAt` and answered at `answeredAt`. */
  sent(e: Extract<LogEntry, { kind: 'command' }>, first: boolean, sentAt: number, answeredAt: number | undefined) {
    if (first) e.at = sentAt;
    if (answeredAt !== undefined && answeredAt > sentAt) {
      e.blockedMs += Math.ceil((answeredAt - sentAt) / RUNNER_STEP_MS) * RUNNER_STEP_MS;
      e.answeredAt = Math.max(e.answeredAt, answeredAt);
    }
  }

  ctrlC(node: string, con: number, at: number): void {
    this.entries.push({ kind: 'ctrl-c', node, con, at });
  }

  action(kind: 'kill' | 'start' | 'added' | 'removed', node: string, at: number): void {
    if (kind === 'added') this.added.push(node);
    this.entries.push({ kind, node, at });
  }

  link(a: string, b: string, up: boolean, at: number): void {
    this.entries.push({ kind: 'link', a, b, up, at });
  }

  network(latencyMs: number, bytesPerSec: number, at: number): void {
    this.entries.push({ kind: 'network', latencyMs, bytesPerSec, at });
  }

  /** Whether anything was done since the start. */
  get empty(): boolean {
    return this.entries.length === 0;
  }

  /** The session as a scenario script. */
  toScenario(): string {
    const { version, nodes, seed } = this.start;
    const all = [...nodes, ...this.added.filter((n) => !nodes.includes(n))];
    const out: string[] = [
      '# A session recorded in the Redis replication playground.',
      `# Replay it with: npm run --silent scenario -- FILE --seed ${seed}`,
      `redis ${version}`,
      `nodes ${all.map(scnName).join(' ')}`,
    ];
    let clock = this.start.at;
    /** The instant until which a console waited for its last command's reply on the page. */
    const busyUntil = new Map<string, number>();
    /** Nodes killed and not started again (a removed node needs no second `kill`). */
    const down = new Set<string>();
    for (const [i, e] of this.entries.entries()) {
      if (e.at > clock) {
        out.push(`sleep ${e.at - clock}`);
        clock = e.at;
      } else if (e.at < clock) {
        // Up to 100 ms early is the runner's rounding of a blocking command; earlier than the
        // reply on the page means this was typed while another console still waited.
        const waiting = [...busyUntil].filter(([n, until]) => until > e.at && n !== ('node' in e ? e.node : ''));
        if (waiting.length)
          out.push(
            `# typed ${clock - e.at} ms earlier on the page, while ${waiting.map(([n]) => scnName(n)).join(', ')} waited for a reply`,
          );
      }
      switch (e.kind) {
        case 'command': {
          const kind = lineKind(e.line);
          if (kind === 'empty') break;
          if (kind === 'local') {
            out.push(localComment(scnName(e.node), e.line));
            break;
          }
          // A line left waiting while something else happened (another console typed into, a
          // Ctrl-C) is written `&>`: the runner types it and goes on, as the page did.
          const leftWaiting =
            e.interrupted ||
            (e.blockedMs > 0 &&
              this.entries
                .slice(i + 1)
                .some((x) => x.at < e.answeredAt && !(x.kind === 'command' && x.node === e.node && x.con === e.con)));
          out.push(`${scnConsole(e.node, e.con)}${leftWaiting ? '&' : ''}> ${e.line}`);
          if (e.blockedMs > 0 && !leftWaiting) {
            clock += e.blockedMs;
            busyUntil.set(e.node, e.answeredAt);
          }
          break;
        }
        case 'ctrl-c':
          out.push(`ctrl-c ${scnConsole(e.node, e.con)}`);
          break;
        case 'kill':
        case 'start':
          out.push(`${e.kind} ${scnName(e.node)}`);
          if (e.kind === 'kill') down.add(e.node);
          else down.delete(e.node);
          break;
        case 'added':
          out.push(`# ${scnName(e.node)} was added here (the runner starts it with the others)`);
          break;
        case 'removed':
          if (!down.has(e.node)) out.push(`kill ${scnName(e.node)}`);
          out.push(removedComment(scnName(e.node)));
          down.add(e.node);
          break;
        case 'link':
          out.push(`link ${scnName(e.a)} ${scnName(e.b)} ${e.up ? 'up' : 'down'}`);
          break;
        case 'network':
          out.push(networkComment(e.latencyMs, e.bytesPerSec));
          break;
      }
    }
    return `${out.join('\n')}\n`;
  }
}

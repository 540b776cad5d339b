/**
 * The headless runner's consoles: every `PORT>` / `PORT/N>` of a script is a redis-cli of its own
 * on a PlaygroundApi console (own connection, db, MULTI state, subscriptions), and this module
 * does what a person at several terminals sees (scenario-format.md, "Commands that block, and
 * replies that are pushed"):
 * - a command that blocks lets simulated time pass, 100 ms at a time as redis-cli waits, for at
 *   most 60 s; then `(no reply after 60s)` and the console goes on waiting;
 * - `PORT&>` sends and goes on; a reply that arrives later, and what the server pushes to a
 *   console in subscribe mode or MONITOR, is printed between the steps during which it arrived,
 *   in arrival order, each line prefixed `[PORT] ` / `[PORT/N] ` — except while that console's own
 *   step runs, where it follows the step's reply unprefixed, as on its terminal;
 * - `ctrl-c` is redis-cli 7.0's SIGINT handler: in subscribe mode or MONITOR it closes the socket
 *   and reconnects at once (re-selecting the db), otherwise the console drops its connection and
 *   the next command reconnects, re-selecting the db.
 * Arrival order comes from the playground's `push` and `reply` events, which fire at the instant
 * a reply arrives, so the simulator and the worker playgrounds print the same transcript.
 */
import type { PlaygroundApi, Reply } from '../playground';
import { parseConsoleLine } from './cli-args';
import { formatReply } from './cli-format';

/** How long a typed command may block before the step gives up on it (simulated). */
export const BLOCK_LIMIT_MS = 60_000;
/** The step by which the runner lets time pass while a console waits (one serverCron tick). */
const WAIT_STEP_MS = 100;
export const NO_REPLY_LINE = '(no reply after 60s)';
export const READING_MESSAGES_LINE = 'Reading messages... (press Ctrl-C to quit)';

type Mode = 'normal' | 'subscribe' | 'monitor';

/** Each line of `text` (LF-ended) prefixed with its console, `[6379/2] ` (a blank line: `[6379/2]`). */
export function prefixLines(text: string, prefix: string): string {
  return text.replace(/^(?=.)/gm, prefix).replace(/^$(?=\n)/gm, prefix.trimEnd());
}

/** Which mode a command puts redis-cli in once the server accepts it. */
export function consoleModeOf(argv: readonly string[]): Mode {
  const cmd = argv[0]?.toLowerCase();
  if (cmd === 'subscribe' || cmd === 'psubscribe' || cmd === 'ssubscribe') return 'subscribe';
  return cmd === 'monitor' ? 'monitor' : 'normal';
}

interface Con {
  readonly node: string;
  readonly num: number;
  /** `[6379] ` or `[6379/2] `. */
  readonly prefix: string;
  mode: Mode;
  /** The command whose reply has not arrived yet. */
  waiting: string[] | null;
  /** Repeats (`3 BLPOP q 0`) still to send after the one waited for. */
  rest: string[][];
  /** The command that put it in subscribe mode or MONITOR (formats what is pushed). */
  modeArgv: string[];
  /**
   * Pushed text held back while a command is being sent: what the server pushes after a reply
   * (a SUBSCRIBE's further confirmations) arrives in the same instant, before the runner has the
   * reply itself in hand, and is printed after it.
   */
  held: string[] | null;
}

/** A script's consoles on one playground (see the module comment). */
export class ScenarioConsoles {
  private readonly cons = new Map<string, Con>();
  /** The console whose step runs now: what arrives for it is that step's output. */
  private fg: Con | null = null;
  private fgOut = '';
  /** Lines of the other consoles, printed once the step ends. */
  private bgOut = '';

  constructor(private readonly pg: PlaygroundApi) {
    pg.on((ev) => {
      if (ev.type === 'push' || ev.type === 'reply') {
        const con = this.cons.get(`${ev.node}#${ev.console}`);
        if (!con) return;
        if (ev.type !== 'push') {
          if (con.waiting) this.finish(con, con.waiting, ev.reply, true);
          return;
        }
        const text = formatReply(ev.reply, con.modeArgv);
        if (con.held) con.held.push(text);
        else this.print(con, text);
      } else if (ev.type === 'node' && !ev.running) {
        // redis-cli in subscribe mode or MONITOR exits when the server goes away.
        for (const con of this.cons.values()) {
          if (con.node !== ev.node || con.mode === 'normal') continue;
          con.mode = 'normal';
          this.print(con, 'Error: Server closed the connection\n');
        }
      }
    });
  }

  private con(node: string, num: number, label: string): Con {
    const key = `${node}#${num}`;
    let con = this.cons.get(key);
    if (!con) {
      const prefix = `[${label}${num === 1 ? '' : `/${num}`}] `;
      con = { node, num, prefix, mode: 'normal', waiting: null, rest: [], modeArgv: [], held: null };
      this.cons.set(key, con);
    }
    return con;
  }

  /** Text a console prints: its step's output while it runs, else prefixed lines for later. */
  private print(con: Con, text: string): void {
    if (text === '') return;
    if (!text.endsWith('\n')) text += '\n';
    if (con === this.fg) this.fgOut += text;
    else this.bgOut += prefixLines(text, con.prefix);
  }

  /** A reply arrived for `argv` (null: no connection, or it went away). */
  private finish(con: Con, argv: string[], r: Reply | null, late: boolean): void {
    con.waiting = null;
    if (r === null) {
      con.rest = [];
      // redis-cli prints nothing when the server closes the connection on SHUTDOWN (also when
      // the SHUTDOWN waited for lagging replicas first).
      if (argv[0].toLowerCase() === 'shutdown') return;
      if (late) this.print(con, 'Error: Server closed the connection\n');
      else {
        const [h, p] = [con.node.slice(0, con.node.lastIndexOf(':')), con.node.slice(con.node.lastIndexOf(':') + 1)];
        this.print(con, `Could not connect to Redis at ${h}:${p}: Connection refused\n`);
      }
      return;
    }
    this.print(con, formatReply(r, argv).replace(/\r\n/g, '\n'));
    const mode = consoleModeOf(argv);
    if (mode !== 'normal' && r.t !== 'error') {
      con.mode = mode;
      con.modeArgv = argv;
    }
  }

  /** Send a console's next command; false when it is left waiting for the reply. */
  private async sendNext(con: Con): Promise<boolean> {
    const argv = con.rest.shift()!;
    if (consoleModeOf(argv) === 'subscribe') this.print(con, `${READING_MESSAGES_LINE}\n`);
    const wasRunning = this.pg.isRunning(con.node);
    con.waiting = argv;
    if (!this.pg.send) {
      this.finish(con, argv, await this.pg.exec(con.node, argv, con.num), false);
      return true;
    }
    con.held = [];
    try {
      const sent = await this.pg.send(con.node, argv, con.num);
      if (sent.answeredAt !== undefined || sent.sentAt === undefined) {
        const r = await sent.reply;
        this.finish(con, argv, r === null && !wasRunning ? null : r, false);
        return true;
      }
      return con.waiting === null;
    } finally {
      const held = con.held;
      con.held = null;
      for (const text of held) this.print(con, text);
    }
  }

  /** Consoles with repeats left and nothing outstanding send their next command. */
  private async pump(): Promise<void> {
    for (const con of this.cons.values()) {
      while (con !== this.fg && !con.waiting && con.rest.length && con.mode === 'normal') await this.sendNext(con);
    }
  }

  /** Let time pass while `con` waits, up to the limit; whether its reply came. */
  private async waitFor(con: Con): Promise<boolean> {
    for (let waited = 0; con.waiting; waited += WAIT_STEP_MS) {
      if (waited >= BLOCK_LIMIT_MS) return false;
      await this.pg.advance(WAIT_STEP_MS);
      await this.pump();
    }
    return true;
  }

  /**
   * A command step typed into console `num` of `node` (`label`: the node as the script names it);
   * `where` names the step in an error. Writes what the step prints.
   */
  async command(
    node: string,
    num: number,
    label: string,
    input: string,
    async: boolean,
    where: string,
    write: (s: string) => void,
  ): Promise<void> {
    const con = this.con(node, num, label);
    // A reply still awaited from an earlier step comes first (printed as it arrives, prefixed).
    if (con.waiting && !(await this.waitFor(con))) {
      write(`${NO_REPLY_LINE}\n`);
      return;
    }
    if (con.mode !== 'normal') {
      const ref = `${label}${num === 1 ? '' : `/${num}`}`;
      throw new Error(
        `${where}: console ${ref} is in ${con.mode === 'monitor' ? 'MONITOR' : 'subscribe mode'}, where redis-cli takes no commands until Ctrl-C: add \`ctrl-c ${ref}\` before this step`,
      );
    }
    const line = parseConsoleLine(input);
    if (line.kind === 'empty') return;
    if (line.kind === 'invalid') {
      write(`${line.message}\n`);
      return;
    }
    con.rest = Array.from({ length: line.repeat }, () => line.argv);
    if (async) {
      await this.pump();
      return;
    }
    this.fg = con;
    try {
      while (con.rest.length && con.mode === 'normal') {
        if ((await this.sendNext(con)) || (await this.waitFor(con))) continue;
        this.fgOut += `${NO_REPLY_LINE}\n`;
        break;
      }
    } finally {
      this.fg = null;
      write(this.fgOut);
      this.fgOut = '';
    }
  }

  /** `ctrl-c`: what redis-cli's SIGINT handler does to that console. */
  async ctrlC(node: string, num: number, label: string): Promise<void> {
    const con = this.con(node, num, label);
    const reconnect = con.mode !== 'normal';
    con.mode = 'normal';
    con.waiting = null;
    con.rest = [];
    await this.pg.closeConsole?.(node, num, { keepDb: true, reconnect });
  }

  /** After every step: what other consoles printed during it, in arrival order. */
  async afterStep(write: (s: string) => void): Promise<void> {
    await this.pump();
    write(this.bgOut);
    this.bgOut = '';
  }
}

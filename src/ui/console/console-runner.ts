/**
 * What a redis-cli session does with one line typed at its prompt (redis-cli.c repl() and
 * issueCommandRepeat()), independent of any terminal: split it by redis-cli's rules, answer
 * `help` locally, refuse when the server is down ("Could not connect to Redis at …"), send the
 * command (repeated when it starts with a count), print each reply exactly as redis-cli formats
 * it, and keep the prompt's state — the selected db (`[5]`) and `(TX)` inside MULTI — by
 * redis-cli's own rules. After SUBSCRIBE / PSUBSCRIBE / SSUBSCRIBE (preceded by redis-cli's
 * `Reading messages... (press Ctrl-C to quit)`) or MONITOR, once the server accepted it, the line
 * does not end: redis-cli only prints what the server pushes until Ctrl-C.
 */
import type { Reply } from '../../playground';
import { consoleModeOf, formatReply, parseConsoleLine, READING_MESSAGES_LINE } from '../../scenario';
import { helpText, isHelpCommand } from './cli-help';

/** The console's connection and prompt state. */
export interface ConsoleState {
  host: string;
  port: number;
  /** Whether the server is reachable (the page knows when a node is down). */
  connected: boolean;
  db: number;
  inMulti: boolean;
  preMultiDb: number;
  /** redis-cli's `:set hints` preference. */
  hints: boolean;
  /** Subscribe mode or MONITOR: no prompt, pushed replies printed until Ctrl-C. */
  mode: 'normal' | 'subscribe' | 'monitor';
  /** The command that entered that mode (pushed replies are formatted for it). */
  modeArgv: string[];
}

/** A fresh state for a console on host:port. */
export function newConsoleState(host: string, port: number, connected: boolean): ConsoleState {
  return { host, port, connected, db: 0, inMulti: false, preMultiDb: 0, hints: true, mode: 'normal', modeArgv: [] };
}

/** The prompt redis-cli shows: `127.0.0.1:6379[5](TX)> `, or `not connected> `. */
export function promptOf(s: ConsoleState): string {
  if (!s.connected) return 'not connected> ';
  return `${s.host}:${s.port}${s.db !== 0 ? `[${s.db}]` : ''}${s.inMulti ? '(TX)' : ''}> `;
}

/**
 * The console's connection went away (the node went down, or closed it) or is back. The db is
 * kept: redis-cli re-selects it when it reconnects (cliConnect → cliSelect), which the
 * playground's console connection does before the next command, so the prompt keeps `[5]`.
 */
export function setConnected(s: ConsoleState, connected: boolean): void {
  if (s.connected === connected) return;
  s.connected = connected;
  // The server forgets the transaction with the connection.
  if (!connected) s.inMulti = false;
}

/** What the runner needs from its console. */
export interface ConsoleIo {
  /**
   * Send argv over the console's connection (reconnecting, and re-selecting the db, when the
   * connection was closed); null when the server is not running or closed the connection.
   */
  exec(argv: string[]): Promise<Reply | null>;
  /** Whether the node runs: a console that lost its connection reconnects to a running node. */
  running(): boolean;
  /** Write terminal text (CRLF line ends). */
  write(text: string): void;
  /** Clear the screen (redis-cli's `clear`). */
  clear(): void;
  /** A reply was printed: what the server pushed after it may follow now. */
  replied?(): void;
  /** In subscribe mode or MONITOR: resolves when the console leaves it (Ctrl-C, the server gone). */
  reading?(): Promise<void>;
}

const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

/** Whether a reply counts as an error or nil for redis-cli's prompt bookkeeping (last_cmd_type). */
const isError = (r: Reply) => r.t === 'error';
const isNil = (r: Reply) => (r.t === 'bulk' && r.s === null) || (r.t === 'array' && r.items === null);

/** redis-cli's after-reply bookkeeping for SELECT, MULTI, EXEC, DISCARD, RESET (cliSendCommand). */
function track(s: ConsoleState, argv: string[], r: Reply): void {
  const cmd = argv[0].toLowerCase();
  const argc = argv.length;
  if (cmd === 'select' && argc === 2 && !isError(r)) {
    s.db = Number.parseInt(argv[1], 10) || 0;
  } else if (cmd === 'multi' && argc === 1 && !isError(r)) {
    s.inMulti = true;
    s.preMultiDb = s.db;
  } else if (cmd === 'exec' && argc === 1 && s.inMulti) {
    s.inMulti = false;
    if (isError(r) || isNil(r)) s.db = s.preMultiDb;
  } else if (cmd === 'discard' && argc === 1 && !isError(r)) {
    s.inMulti = false;
    s.db = s.preMultiDb;
  } else if (cmd === 'reset' && argc === 1 && !isError(r)) {
    s.inMulti = false;
    s.db = 0;
  }
}

/** Run one typed line. Resolves when every reply was printed. */
export async function runConsoleLine(line: string, s: ConsoleState, io: ConsoleIo): Promise<void> {
  const parsed = parseConsoleLine(line);
  if (parsed.kind === 'empty') return;
  if (parsed.kind === 'invalid') {
    io.write(`${parsed.message}\r\n`);
    return;
  }
  const argv = parsed.argv;
  const cmd = argv[0].toLowerCase();
  if (isHelpCommand(argv)) {
    io.write(helpText(argv.slice(1)));
    return;
  }
  if (cmd === 'clear') {
    io.clear();
    return;
  }
  if (cmd === ':set' && argv.length === 2) {
    if (argv[1].toLowerCase() === 'hints') s.hints = true;
    else if (argv[1].toLowerCase() === 'nohints') s.hints = false;
    return;
  }
  if (cmd === 'quit' || cmd === 'exit') {
    io.write('\x1b[90m(redis-cli would exit here; this console stays open)\x1b[0m\r\n');
    return;
  }
  if (!s.connected) {
    // `not connected>`: redis-cli tries to connect first (and re-selects its db when it can).
    if (!io.running()) {
      io.write(`Could not connect to Redis at ${s.host}:${s.port}: Connection refused\r\n`);
      return;
    }
    s.connected = true;
  }
  const mode = consoleModeOf(argv);
  for (let i = 0; i < parsed.repeat; i++) {
    if (mode === 'subscribe') io.write(`${READING_MESSAGES_LINE}\r\n`);
    const reply = await io.exec(argv);
    if (reply === null) {
      // SHUTDOWN: redis-cli 7.0 prints nothing and shows `not connected>`; anything else found
      // the server gone mid-command.
      if (cmd !== 'shutdown') io.write('Error: Server closed the connection\r\n');
      setConnected(s, false);
      return;
    }
    let out = formatReply(reply, argv);
    if (out !== '' && !out.endsWith('\n')) out += '\n';
    io.write(crlf(out));
    io.replied?.();
    track(s, argv, reply);
    if (mode !== 'normal' && !isError(reply) && io.reading) {
      s.mode = mode;
      s.modeArgv = argv;
      await io.reading();
      s.mode = 'normal';
      return;
    }
  }
}

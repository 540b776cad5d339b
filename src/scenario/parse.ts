/**
 * Parsing a scenario script (.scn, see /work/shared/scenario-format.md) into typed steps.
 *
 * Choices the format leaves open, made here:
 * - Comments: a line whose first non-blank character is `#` is a comment. On a non-command step
 *   (`settle`, `sleep 100`, `kill 6379`, ...) a `#` preceded by whitespace also starts a trailing
 *   comment. A command line (`6379> ...`) never has a comment: the whole rest of the line is what is
 *   typed into redis-cli, which would send a `#` as (part of) an argument.
 * - Step keywords are lower case, as in the format's table; leading and trailing blanks are ignored.
 * - A node is PORT (meaning 127.0.0.1:PORT) or HOST:PORT; steps may name a node either way, so
 *   `127.0.0.1:6379> PING` addresses the node declared as `6379`. A step's `node` is the name the
 *   node was declared with.
 * - A command line's text after `>` is kept as typed; splitting it into arguments is the console's
 *   job (`parseConsoleLine`), because an unbalanced quote is not a script error: redis-cli prints
 *   `Invalid argument(s)`. An empty command (`6379>`) is allowed and prints nothing, as in redis-cli.
 * - Consoles: `PORT>` is console 1, `PORT/N>` console N (N from 2; `PORT/1>` is refused: console 1
 *   is written `PORT>`), `PORT&>` / `PORT/N&>` types the command without waiting for its reply;
 *   `ctrl-c PORT` / `ctrl-c PORT/N` names a console the same way.
 * - A script must have exactly one `nodes` step (with at least one node), before any step that names
 *   a node; `redis` is optional, at most once, and must come before `nodes`.
 * Every problem found is reported (not just the first), each as `{ line, message }` where the
 * message starts with `line N: `.
 */

export type RedisVersion = '4.0' | '7.0';
export const REDIS_VERSIONS: readonly RedisVersion[] = ['4.0', '7.0'];
export const DEFAULT_REDIS_VERSION: RedisVersion = '7.0';

export interface NodeAddr {
  /** As declared: `6379` or `10.0.0.1:6379`. */
  readonly name: string;
  readonly host: string;
  readonly port: number;
}

interface StepBase {
  /** 1-based line number in the script. */
  readonly line: number;
  /** The step as written (trimmed, trailing comment removed): what the transcript prints. */
  readonly text: string;
}

export type Step =
  | (StepBase & { readonly kind: 'redis'; readonly version: RedisVersion })
  | (StepBase & { readonly kind: 'nodes'; readonly nodes: readonly NodeAddr[] })
  | (StepBase & {
      readonly kind: 'command';
      readonly node: string;
      /** The console's number: 1 for `PORT>`, N for `PORT/N>`. */
      readonly console: number;
      /** `PORT&>`: type it and go on, its reply printed when it arrives. */
      readonly async: boolean;
      readonly input: string;
    })
  | (StepBase & { readonly kind: 'ctrl-c'; readonly node: string; readonly console: number })
  | (StepBase & { readonly kind: 'settle' })
  | (StepBase & { readonly kind: 'sleep'; readonly ms: number })
  | (StepBase & { readonly kind: 'kill'; readonly node: string })
  | (StepBase & { readonly kind: 'start'; readonly node: string })
  | (StepBase & { readonly kind: 'link'; readonly a: string; readonly b: string; readonly state: 'up' | 'down' });

export interface Scenario {
  /** The `redis` step's version, or the default 7.0. */
  readonly version: RedisVersion;
  /** Whether the script said `redis ...` itself (a runner option may override only the default). */
  readonly versionExplicit: boolean;
  readonly nodes: readonly NodeAddr[];
  /** Every step in order, including `redis` and `nodes`. */
  readonly steps: readonly Step[];
}

export interface ParseError {
  readonly line: number;
  readonly message: string;
}

export type ParseResult =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly errors: ParseError[] };

export const DEFAULT_HOST = '127.0.0.1';
/** `sleep` accepts up to one simulated day. */
export const MAX_SLEEP_MS = 86_400_000;

/** Parse a node address token: `6379` or `HOST:6379`. */
export function parseNodeAddr(token: string): NodeAddr | { error: string } {
  const colon = token.lastIndexOf(':');
  const host = colon < 0 ? DEFAULT_HOST : token.slice(0, colon);
  const portText = colon < 0 ? token : token.slice(colon + 1);
  if (colon >= 0 && host === '') return { error: `"${token}" has an empty host (expected PORT or HOST:PORT)` };
  if (!/^\d{1,5}$/.test(portText)) return { error: `"${token}" is not a node address (expected PORT or HOST:PORT)` };
  const port = Number(portText);
  if (port < 1 || port > 65535) return { error: `port ${portText} in "${token}" is out of range (1-65535)` };
  return { name: token, host, port };
}

const addrKey = (host: string, port: number) => `${host}:${port}`;

const KEYWORDS = ['redis', 'nodes', 'settle', 'sleep', 'kill', 'start', 'link', 'ctrl-c'];
/** Console numbers go up to this (a playground holds at most 32 nodes; this bounds a script's connections). */
export const MAX_CONSOLE = 64;

/**
 * Split a console reference `NODE` or `NODE/N` (N ≥ 2) into the node token and the console number,
 * or say what is wrong with it.
 */
export function parseConsoleRef(token: string): { node: string; console: number } | { error: string } {
  const slash = token.indexOf('/');
  if (slash < 0) return { node: token, console: 1 };
  const num = token.slice(slash + 1);
  if (!/^\d+$/.test(num)) return { error: `"${token}" names no console (expected PORT or PORT/N, N a number from 2)` };
  const n = Number(num);
  if (n === 1) return { error: `"${token}": console 1 is the node's own, written ${token.slice(0, slash)}` };
  if (n < 1 || n > MAX_CONSOLE) return { error: `"${token}": console numbers go from 2 to ${MAX_CONSOLE}` };
  return { node: token.slice(0, slash), console: n };
}

/** How to read a script. */
export interface ParseOptions {
  /**
   * Nodes that already run (a script sent to a live playground): steps may name them without a
   * `nodes` step, and a `nodes` step may list them again besides new ones.
   */
  readonly live?: readonly { readonly host: string; readonly port: number }[];
}

/** Parse a whole script. Never throws. */
export function parseScenario(text: string, opts: ParseOptions = {}): ParseResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const errors: ParseError[] = [];
  const steps: Step[] = [];
  let version: RedisVersion = DEFAULT_REDIS_VERSION;
  let versionLine = 0;
  let nodesLine = 0;
  let nodes: NodeAddr[] = [];
  const byAddr = new Map<string, NodeAddr>();
  const live = new Set<string>();
  for (const { host, port } of opts.live ?? []) {
    const a: NodeAddr = { name: host === DEFAULT_HOST ? String(port) : `${host}:${port}`, host, port };
    byAddr.set(addrKey(host, port), a);
    live.add(addrKey(host, port));
    nodes.push(a);
  }

  const fail = (line: number, message: string) => {
    errors.push({ line, message: `line ${line}: ${message}` });
  };

  /** Resolve a node reference; reports and returns null when it cannot. */
  const node = (line: number, token: string, what: string): string | null => {
    const a = parseNodeAddr(token);
    if ('error' in a) {
      fail(line, `${what}: ${a.error}`);
      return null;
    }
    if (!nodesLine && live.size === 0) {
      fail(
        line,
        `${what} names node ${token} before the \`nodes\` step; declare the nodes first (e.g. \`nodes 6379 6380\`)`,
      );
      return null;
    }
    const found = byAddr.get(addrKey(a.host, a.port));
    if (!found) {
      fail(line, `${what}: node ${token} is not declared (nodes: ${nodes.map((n) => n.name).join(' ')})`);
      return null;
    }
    return found.name;
  };

  for (let idx = 0; idx < lines.length; idx++) {
    const line = idx + 1;
    const trimmed = lines[idx].trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;

    // A command step: NODE> what is typed (NODE/N> on another console, NODE&> without waiting).
    const cmd = /^([^\s>]+?)(&?)>(.*)$/s.exec(trimmed);
    if (cmd && !KEYWORDS.includes(cmd[1])) {
      const ref = parseConsoleRef(cmd[1]);
      if ('error' in ref) {
        fail(line, `command: ${ref.error}`);
        continue;
      }
      const name = node(line, ref.node, 'command');
      if (name !== null)
        steps.push({
          kind: 'command',
          line,
          text: trimmed,
          node: name,
          console: ref.console,
          async: cmd[2] === '&',
          input: cmd[3].replace(/^[ \t]+/, ''),
        });
      continue;
    }

    const stepText = trimmed.replace(/\s+#.*$/s, '');
    const words = stepText.split(/\s+/);
    const kw = words[0];
    const args = words.slice(1);
    const usage = (u: string) => fail(line, `\`${kw}\` expects ${u}, got "${stepText}"`);

    switch (kw) {
      case 'redis': {
        if (args.length !== 1) {
          usage('one version (`redis 4.0` or `redis 7.0`)');
          break;
        }
        if (nodesLine) {
          fail(line, `\`redis\` must come before \`nodes\` (line ${nodesLine})`);
          break;
        }
        if (versionLine) {
          fail(line, `\`redis\` given twice (first on line ${versionLine})`);
          break;
        }
        if (!(REDIS_VERSIONS as readonly string[]).includes(args[0])) {
          fail(line, `unknown Redis version "${args[0]}" (expected ${REDIS_VERSIONS.join(' or ')})`);
          break;
        }
        version = args[0] as RedisVersion;
        versionLine = line;
        steps.push({ kind: 'redis', line, text: stepText, version });
        break;
      }
      case 'nodes': {
        if (nodesLine) {
          fail(line, `\`nodes\` given twice (first on line ${nodesLine})`);
          break;
        }
        if (args.length === 0) {
          usage('at least one node (e.g. `nodes 6379 6380`)');
          break;
        }
        const declared: NodeAddr[] = [];
        let bad = false;
        for (const tok of args) {
          const a = parseNodeAddr(tok);
          if ('error' in a) {
            fail(line, `nodes: ${a.error}`);
            bad = true;
            continue;
          }
          const key = addrKey(a.host, a.port);
          if (live.has(key) && !declared.some((d) => addrKey(d.host, d.port) === key)) {
            // Already running: listed again, under the name this script gives it.
            byAddr.set(key, a);
            declared.push(a);
            continue;
          }
          if (byAddr.has(key)) {
            fail(line, `nodes: ${tok} is declared twice`);
            bad = true;
            continue;
          }
          byAddr.set(key, a);
          declared.push(a);
        }
        nodesLine = line;
        nodes = live.size
          ? [...nodes.filter((n) => !declared.some((d) => d.port === n.port && d.host === n.host)), ...declared]
          : declared;
        if (!bad) steps.push({ kind: 'nodes', line, text: stepText, nodes: declared });
        break;
      }
      case 'settle':
        if (args.length !== 0) usage('no arguments');
        else steps.push({ kind: 'settle', line, text: stepText });
        break;
      case 'sleep': {
        if (args.length !== 1) {
          usage('one number of milliseconds (e.g. `sleep 1000`)');
          break;
        }
        if (!/^\d+$/.test(args[0]) || Number(args[0]) > MAX_SLEEP_MS) {
          fail(line, `\`sleep\` needs a whole number of milliseconds from 0 to ${MAX_SLEEP_MS}, got "${args[0]}"`);
          break;
        }
        steps.push({ kind: 'sleep', line, text: stepText, ms: Number(args[0]) });
        break;
      }
      case 'kill':
      case 'start': {
        if (args.length !== 1) {
          usage(`one node (e.g. \`${kw} 6379\`)`);
          break;
        }
        const name = node(line, args[0], kw);
        if (name !== null) steps.push({ kind: kw, line, text: stepText, node: name });
        break;
      }
      case 'ctrl-c': {
        if (args.length !== 1) {
          usage('one console (e.g. `ctrl-c 6379` or `ctrl-c 6379/2`)');
          break;
        }
        const ref = parseConsoleRef(args[0]);
        if ('error' in ref) {
          fail(line, `ctrl-c: ${ref.error}`);
          break;
        }
        const name = node(line, ref.node, kw);
        if (name !== null) steps.push({ kind: 'ctrl-c', line, text: stepText, node: name, console: ref.console });
        break;
      }
      case 'link': {
        if (args.length !== 3) {
          usage('two nodes and `up` or `down` (e.g. `link 6379 6380 down`)');
          break;
        }
        const state = args[2];
        const a = node(line, args[0], 'link');
        const b = node(line, args[1], 'link');
        if (state !== 'up' && state !== 'down') {
          fail(line, `\`link\` state must be \`up\` or \`down\`, got "${state}"`);
          break;
        }
        if (a === null || b === null) break;
        if (a === b) {
          fail(line, `\`link\` needs two different nodes, got ${args[0]} twice`);
          break;
        }
        steps.push({ kind: 'link', line, text: stepText, a, b, state });
        break;
      }
      default:
        fail(
          line,
          `unknown step "${stepText}" (expected PORT> COMMAND, PORT/N> COMMAND, PORT&> COMMAND, redis, nodes, settle, sleep, kill, start, link or ctrl-c)`,
        );
    }
  }

  if (!nodesLine && live.size === 0 && errors.length === 0) {
    const last = Math.max(1, lines.length - (lines[lines.length - 1] === '' ? 1 : 0));
    fail(last, 'the script has no `nodes` step (e.g. `nodes 6379 6380`)');
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, scenario: { version, versionExplicit: versionLine > 0, nodes, steps } };
}

/** All errors, one per line, for printing. */
export function formatParseErrors(errors: readonly ParseError[]): string {
  return errors.map((e) => e.message).join('\n');
}

/**
 * The control channel of `npm run serve`: one line at a time (from stdin, or a test), in the words
 * of scenario steps — `kill P`, `start P`, `link A B down|up`, `P> COMMAND` — parsed by the
 * scenario parser itself, so a line means exactly what it means in a .scn file; plus what only a
 * live playground needs: `latency MS` and `bandwidth BYTES_PER_SEC` (every node-to-node link),
 * `sleep MS` (wait that long in wall time before the next line: scripts piped into stdin) and
 * `help`. A console command is sent without moving the clock: a blocking one (WAIT, DEBUG SLEEP)
 * answers when the wall clock has let its time pass, as in a real redis-cli.
 */
import type { PlaygroundApi } from '../playground';
import { formatParseErrors, formatReply, parseConsoleLine, parseScenario } from '../scenario';

export const CONTROL_HELP = `control lines (serve's stdin):
  PORT> COMMAND ARGS...        run a command on a node, print the reply as redis-cli does
  kill PORT | start PORT       crash a node (kill -9) | start it from its config and last RDB
  link PORT PORT down|up       cut or heal the network between two nodes
  latency MS                   one-way latency of every node-to-node link (0: none)
  bandwidth BYTES_PER_SEC      bandwidth of every node-to-node link (0: unlimited)
  sleep MS                     wait MS of wall time before the next line
  help                         this text
`;

/** The name a scenario line uses for a node: its port on 127.0.0.1, else HOST:PORT. */
function stepName(name: string): string {
  return name.startsWith('127.0.0.1:') ? name.slice('127.0.0.1:'.length) : name;
}

/** Runs control lines one at a time; it remembers the network shape the lines have set. */
export type Control = (line: string) => Promise<void>;

/**
 * A control channel on `pg`; what a line prints goes to `write` (each piece ends with a newline).
 * Bad input never throws: the problem is printed.
 */
export function createControl(pg: PlaygroundApi, write: (s: string) => void): Control {
  const shape = { latencyMs: 0, bytesPerSec: 0 };
  return (line) => runControlLine(pg, shape, line, write);
}

async function runControlLine(
  pg: PlaygroundApi,
  shape: { latencyMs: number; bytesPerSec: number },
  line: string,
  write: (s: string) => void,
): Promise<void> {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return;
  const words = text.split(/\s+/);
  const number = (what: string): number | null => {
    if (words.length !== 2 || !/^\d+$/.test(words[1])) {
      write(`\`${words[0]}\` expects one whole number of ${what}, got "${text}"\n`);
      return null;
    }
    return Number(words[1]);
  };
  switch (words[0]) {
    case 'help':
      write(CONTROL_HELP);
      return;
    case 'latency':
    case 'bandwidth': {
      const v = number(words[0] === 'latency' ? 'milliseconds' : 'bytes per second');
      if (v === null) return;
      if (!pg.setNetwork) {
        write('this playground cannot shape its network\n');
        return;
      }
      if (words[0] === 'latency') shape.latencyMs = v;
      else shape.bytesPerSec = v;
      await pg.setNetwork({ ...shape });
      write('OK\n');
      return;
    }
    case 'sleep': {
      const v = number('milliseconds');
      if (v !== null) await new Promise((r) => setTimeout(r, v));
      return;
    }
    case 'settle':
    case 'nodes':
    case 'redis':
      write(`\`${words[0]}\` is a scenario step only: while serving, time follows the wall clock\n`);
      return;
  }
  const names = pg.nodeNames();
  const parsed = parseScenario(`nodes ${names.map(stepName).join(' ')}\n${text}\n`);
  if (!parsed.ok) {
    const message = formatParseErrors(parsed.errors).replace(/^line \d+: /gm, '');
    if (message.startsWith('unknown step')) write(`\`${words[0]}\` is not a control line (try \`help\`)\n`);
    else write(`${message}\n`);
    return;
  }
  const step = parsed.scenario.steps[parsed.scenario.steps.length - 1];
  const byStep = new Map(names.map((n) => [stepName(n), n]));
  const nodeOf = (s: string) => byStep.get(s) ?? s;
  switch (step.kind) {
    case 'kill':
      await pg.kill(nodeOf(step.node));
      write('OK\n');
      return;
    case 'start':
      await pg.start(nodeOf(step.node));
      write('OK\n');
      return;
    case 'link':
      await pg.link(nodeOf(step.a), nodeOf(step.b), step.state === 'up');
      write('OK\n');
      return;
    case 'ctrl-c':
      await pg.closeConsole?.(nodeOf(step.node), step.console, { keepDb: true });
      write('OK\n');
      return;
    case 'command': {
      const name = nodeOf(step.node);
      if (step.async) {
        write('a control line waits for its reply: use PORT> or PORT/N>, not PORT&>\n');
        return;
      }
      const cl = parseConsoleLine(step.input);
      if (cl.kind === 'empty') return;
      if (cl.kind === 'invalid') {
        write(`${cl.message}\n`);
        return;
      }
      for (let i = 0; i < cl.repeat; i++) {
        const reply = pg.send
          ? await (await pg.send(name, cl.argv, step.console)).reply
          : await pg.exec(name, cl.argv, step.console);
        if (reply === null) {
          if (cl.argv[0].toLowerCase() === 'shutdown') return;
          write(`Could not connect to Redis at ${name}: Connection refused\n`);
          return;
        }
        let out = formatReply(reply, cl.argv).replace(/\r\n/g, '\n');
        if (out !== '' && !out.endsWith('\n')) out += '\n';
        write(out);
      }
      return;
    }
    default:
      write(`\`${words[0]}\` is not a control line (try \`help\`)\n`);
  }
}

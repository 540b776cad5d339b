/**
 * redis-cli's own helpers around the prompt, reproduced from redis-cli 7.0.15: Tab completion of
 * command names (completionCallback), the grey argument hints (hintsCallback) and the output of
 * `help`, `help <command>` and `help @<group>` (cliOutputHelp). They read the help table in
 * content/, never the server.
 */
import { COMMAND_GROUPS, COMMAND_HELP, type CommandHelp, REDIS_CLI_VERSION } from '../../content';
import { splitCliArgs } from '../../scenario';

/** ASCII case-insensitive equality (strcasecmp). */
function same(a: string, b: string): boolean {
  return a.length === b.length && a.toLowerCase() === b.toLowerCase();
}

function startsWithCi(s: string, prefix: string): boolean {
  return s.slice(0, prefix.length).toLowerCase() === prefix.toLowerCase();
}

/**
 * Completions for a whole typed line: command names starting with it; after `help `, command
 * names and `@group` topics. Each candidate is the complete new line.
 */
export function completeLine(buf: string): string[] {
  let start = 0;
  let withGroups = false;
  if (startsWithCi(buf, 'help ')) {
    start = 5;
    while (start < buf.length && /\s/.test(buf[start])) start++;
    withGroups = true;
  }
  const head = buf.slice(0, start);
  const typed = buf.slice(start);
  const out: string[] = [];
  const topics = withGroups
    ? [...COMMAND_HELP.map((c) => c.name), ...COMMAND_GROUPS.map((g) => `@${g}`)].sort()
    : COMMAND_HELP.map((c) => c.name);
  for (const name of topics) if (startsWithCi(name, typed)) out.push(head + name);
  return out;
}

/**
 * The grey hint after the typed text: the longest help entry whose name words match the first
 * arguments, with the parameters already typed removed (an optional `[...]` part stops the
 * removal), and a leading space unless the line already ends with one.
 */
export function hintFor(buf: string): string | null {
  const split = splitCliArgs(buf);
  if (!split.ok || split.argv.length === 0) return null;
  const argv = split.argv;
  let entry: CommandHelp | null = null;
  let matchlen = 0;
  for (const h of COMMAND_HELP) {
    const words = h.name.split(' ');
    if (words.length > argv.length) continue;
    if (words.every((w, j) => same(w, argv[j])) && words.length > matchlen) {
      matchlen = words.length;
      entry = h;
    }
  }
  if (!entry) return null;
  let hint = entry.params;
  let toremove = argv.length - matchlen;
  while (toremove > 0 && hint.length) {
    if (hint[0] === '[') break;
    if (hint[0] === ' ') toremove--;
    hint = hint.slice(1);
  }
  const endspace = buf.length > 0 && /\s/.test(buf[buf.length - 1]);
  return endspace ? hint : ` ${hint}`;
}

/** Whether a console line is redis-cli's local `help` (or `?`) rather than a server command. */
export function isHelpCommand(argv: readonly string[]): boolean {
  return argv.length > 0 && (same(argv[0], 'help') || argv[0] === '?');
}

function commandHelpText(h: CommandHelp, withGroup: boolean): string {
  let s = `\r\n  \x1b[1m${h.name}\x1b[0m \x1b[90m${h.params}\x1b[0m\r\n`;
  s += `  \x1b[33msummary:\x1b[0m ${h.summary}\r\n`;
  s += `  \x1b[33msince:\x1b[0m ${h.since}\r\n`;
  if (withGroup) s += `  \x1b[33mgroup:\x1b[0m ${h.group}\r\n`;
  return s;
}

/**
 * What redis-cli prints for `help ...` (argv without the word help): the generic help, or every
 * entry whose name starts with the given words, or every entry of an `@group`.
 */
export function helpText(args: readonly string[]): string {
  if (args.length === 0) {
    return [
      `redis-cli ${REDIS_CLI_VERSION}`,
      'To get help about Redis commands type:',
      '      "help @<group>" to get a list of commands in <group>',
      '      "help <command>" for help on <command>',
      '      "help <tab>" to get a list of possible help topics',
      '      "quit" to exit',
      '',
      'To set redis-cli preferences:',
      '      ":set hints" enable online hints',
      '      ":set nohints" disable online hints',
      'Set your preferences in ~/.redisclirc',
      '',
    ].join('\r\n');
  }
  let out = '';
  if (args[0].startsWith('@')) {
    const group = args[0].slice(1);
    for (const h of COMMAND_HELP) if (same(h.group, group)) out += commandHelpText(h, false);
  } else {
    for (const h of COMMAND_HELP) {
      const words = h.name.split(' ');
      if (args.length <= words.length && args.every((a, j) => same(a, words[j]))) out += commandHelpText(h, true);
    }
  }
  return `${out}\r\n`;
}

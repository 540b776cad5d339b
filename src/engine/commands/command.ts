// COMMAND | COMMAND COUNT | COMMAND INFO [name ...] | COMMAND DOCS [name ...] | COMMAND HELP
// COMMAND LIST [FILTERBY MODULE m | ACLCAT c | PATTERN p] | COMMAND GETKEYS[ANDFLAGS] cmd arg ...
//
// The commands this server runs, described as redis-server 7.0.15 (or 4.0.14) describes them; the
// descriptions come from each command's definition (util/cmdinfo.ts). 7.0 is a container command
// (the server checks the subcommand and its arity); 4.0 knows COMMAND, INFO, COUNT and GETKEYS.
//
// The command table is the engine's own: COMMAND, COUNT, LIST and INFO / DOCS without names cover
// only the commands the engine implements (COUNT: 233 in 7.0, 167 in 4.0, where real 7.0.15 says 240
// and 4.0.14 180), and a command real Redis has but the engine lacks is unknown here as it is to
// the dispatcher (INFO: nil, DOCS: left out, GETKEYS: "Invalid command specified"). Describing
// commands this server would answer with "unknown command" would mislead the clients that ask
// COMMAND what they may send. Real Redis lists commands (and a container's subcommands) in the
// order of a hash table seeded at random per process; the engine lists them in table order.

import { arityOk } from '../dispatch';
import { array, bulk, ERR, error, int, map, type Reply } from '../resp';
import { commandSubcommands } from './command-subcommands';
import { allCommands, findCommand } from './index';
import type { Command, Ctx } from './types';
import {
  aclCategories,
  aclCategoryByName,
  docsReply70,
  type Introspected,
  infoReply40,
  infoReply70,
  introspect,
  keyFlagsReply,
} from './util/cmdinfo';
import { getKeys40, getKeys70, hasKeys70 } from './util/getkeys';
import { globMatch } from './util/glob';
import { helpReply } from './util/help';

/** A command by name, any case, as COMMAND sees it. */
function introspected(name: string): Introspected | undefined {
  const cmd = findCommand(name.toLowerCase(), '7.0');
  return cmd === undefined ? undefined : introspect(cmd);
}

/** A container's subcommand by name, any case. */
function subcommandOf(c: Introspected, sub: string): Introspected | undefined {
  const full = `${c.fullName}|${sub.toLowerCase()}`;
  return c.subs.find((s) => s.fullName === full);
}

/** A command or subcommand by the name COMMAND INFO / DOCS take (`get`, `config|get`), any case. */
function lookupByName(name: string): Introspected | undefined {
  const parts = name.split('|');
  if (parts.length > 2) return undefined;
  const c = introspected(parts[0]);
  return c === undefined || parts.length === 1 ? c : subcommandOf(c, parts[1]);
}

/** The command an argv runs (lookupCommand): a container's subcommand when there is one. */
function lookupByArgv(argv: readonly string[]): Introspected | undefined {
  const c = introspected(argv[0]);
  return c === undefined || argv.length === 1 || c.subs.length === 0 ? c : subcommandOf(c, argv[1]);
}

const INVALID_ARGC = 'ERR Invalid number of arguments specified for command';

/** COMMAND GETKEYS / GETKEYSANDFLAGS (getKeysSubcommandImpl). */
function getkeys70(argv: readonly string[], withFlags: boolean): Reply {
  const line = argv.slice(2);
  const c = lookupByArgv(line);
  if (c === undefined) return error('ERR Invalid command specified');
  if (!hasKeys70(c.spec)) return error('ERR The command has no key arguments');
  if (!arityOk(c.spec.arity, line.length)) return error(INVALID_ARGC);
  const keys = getKeys70(c.spec, line);
  if (keys.length === 0) {
    return c.spec.flags.includes('no-mandatory-keys')
      ? array([])
      : error('ERR Invalid arguments specified for command');
  }
  return array(keys.map((k) => (withFlags ? array([bulk(line[k.pos]), keyFlagsReply(k.flags)]) : bulk(line[k.pos]))));
}

/** COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern]. */
function list70(argv: readonly string[]): Reply {
  let keep: (c: Introspected) => boolean = () => true;
  for (let i = 2; i < argv.length; i++) {
    const moreargs = argv.length - 1 - i;
    if (argv[i].toLowerCase() !== 'filterby' || moreargs !== 2) return ERR.syntax;
    const type = argv[i + 1].toLowerCase();
    const arg = argv[i + 2];
    if (type === 'module') {
      keep = () => false; // no modules are loaded
    } else if (type === 'aclcat') {
      const cat = aclCategoryByName(arg);
      keep = (c) => cat !== undefined && aclCategories(c.spec).includes(cat);
    } else if (type === 'pattern') {
      keep = (c) => globMatch(arg, c.fullName, true);
    } else {
      return ERR.syntax;
    }
    i += 2;
  }
  const out: Reply[] = [];
  const walk = (cs: readonly Introspected[]) => {
    for (const c of cs) {
      if (keep(c)) out.push(bulk(c.fullName));
      walk(c.subs);
    }
  };
  walk(allCommands('7.0').map(introspect));
  return array(out);
}

function command70(ctx: Ctx): Reply {
  const argv = ctx.argv;
  const all = () => allCommands('7.0').map(introspect);
  if (argv.length === 1) return array(all().map(infoReply70));
  switch (argv[1].toLowerCase()) {
    case 'count':
      return int(allCommands('7.0').length);
    case 'list':
      return list70(argv);
    case 'info': {
      const cs = argv.length === 2 ? all() : argv.slice(2).map(lookupByName);
      return array(cs.map(infoReply70));
    }
    case 'docs': {
      const out: Reply[] = [];
      const cs = argv.length === 2 ? all() : argv.slice(2).map(lookupByName);
      for (const c of cs) if (c !== undefined) out.push(bulk(c.fullName), docsReply70(c));
      return map(out);
    }
    case 'getkeys':
      return getkeys70(argv, false);
    case 'getkeysandflags':
      return getkeys70(argv, true);
    case 'help':
      return helpReply(argv[0], '7.0')!;
    default:
      // Not reached: the server refuses an unknown subcommand before running COMMAND.
      return error(`ERR unknown subcommand '${argv[1]}'. Try COMMAND HELP.`);
  }
}

/** 4.0's commandCommand: COMMAND, INFO, COUNT and GETKEYS; anything else is one error. */
function command40(ctx: Ctx): Reply {
  const argv = ctx.argv;
  if (argv.length === 1) return array(allCommands('4.0').map(infoReply40));
  const sub = argv[1].toLowerCase();
  if (sub === 'info') return array(argv.slice(2).map((n) => infoReply40(findCommand(n.toLowerCase(), '4.0'))));
  if (sub === 'count' && argv.length === 2) return int(allCommands('4.0').length);
  if (sub === 'getkeys' && argv.length >= 3) {
    const line = argv.slice(2);
    const cmd = findCommand(line[0].toLowerCase(), '4.0');
    if (cmd === undefined) return error('ERR Invalid command specified');
    if (!arityOk(cmd.arity40 ?? cmd.arity, line.length)) return error(INVALID_ARGC);
    return array(getKeys40(cmd, line).map((pos) => bulk(line[pos])));
  }
  return error('ERR Unknown subcommand or wrong number of arguments.');
}

export const commandCommand: Command = {
  name: 'command',
  arity: -1,
  arity40: 0,
  flags: ['loading', 'stale'],
  acl: ['connection'],
  tips: ['nondeterministic_output_order'],
  subcommands: commandSubcommands,
  docs: { complexity: 'O(N) where N is the total number of Redis commands' },
  run(ctx) {
    return ctx.version === '7.0' ? command70(ctx) : command40(ctx);
  },
};

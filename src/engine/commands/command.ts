// COMMAND | COMMAND COUNT | COMMAND INFO name... | COMMAND DOCS name... | COMMAND LIST | COMMAND HELP
// 7.0 is a container command (the server checks the subcommand and its arity).
import { array, bulk, bulkArray, error, int, type Reply, status } from '../resp';
import { allCommands, findCommand } from './index';
import type { Command } from './types';
import { helpReply } from './util/help';

function describe(cmd: Command, version: '4.0' | '7.0'): Reply {
  // CMD_PROTECTED is not among the flags COMMAND INFO prints.
  const flags = (version === '7.0' ? cmd.flags : (cmd.flags40 ?? cmd.flags)).filter((f) => f !== 'protected');
  const arity = version === '7.0' ? cmd.arity : (cmd.arity40 ?? cmd.arity);
  return array([bulk(cmd.name), int(arity), array(flags.map((f) => status(f))), int(0), int(0), int(0)]);
}

export const commandCommand: Command = {
  name: 'command',
  arity: -1,
  flags: ['loading', 'stale'],
  subcommands: {
    count: { arity: 2 },
    docs: { arity: -2 },
    getkeys: { arity: -4 },
    getkeysandflags: { arity: -4 },
    help: { arity: 2 },
    info: { arity: -2 },
    list: { arity: -2 },
  },
  run(ctx) {
    const v = ctx.version;
    if (ctx.argv.length === 1) return array(allCommands(v).map((c) => describe(c, v)));
    const sub = ctx.argv[1].toLowerCase();
    if (v === '7.0' && sub === 'help' && ctx.argv.length === 2) return helpReply(ctx.argv[0], v)!;
    if (v === '7.0' && sub === 'list' && ctx.argv.length === 2) return bulkArray(allCommands(v).map((c) => c.name));
    if (sub === 'count' && ctx.argv.length === 2) return int(allCommands(v).length);
    if (sub === 'info') {
      return array(
        ctx.argv.slice(2).map((n) => {
          const c = findCommand(n.toLowerCase(), v);
          return c ? describe(c, v) : { t: 'array', items: null };
        }),
      );
    }
    if (sub === 'docs' && v === '7.0') {
      const out: Reply[] = [];
      const names = ctx.argv.length > 2 ? ctx.argv.slice(2) : allCommands(v).map((c) => c.name);
      for (const n of names) {
        const c = findCommand(n.toLowerCase(), v);
        if (!c) continue;
        out.push(
          bulk(c.name),
          array([
            bulk('summary'),
            bulk(`${c.name.toUpperCase()} command`),
            bulk('since'),
            bulk('1.0.0'),
            bulk('group'),
            bulk('generic'),
          ]),
        );
      }
      return array(out);
    }
    if (v === '4.0') return error('ERR Unknown subcommand or wrong number of arguments.');
    if (sub === 'count') return error("ERR wrong number of arguments for 'command|count' command");
    return error(`ERR unknown subcommand '${ctx.argv[1]}'. Try COMMAND HELP.`);
  },
};

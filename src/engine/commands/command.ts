// COMMAND | COMMAND COUNT | COMMAND INFO name... | COMMAND DOCS name...
import { array, bulk, error, int, type Reply, status } from '../resp';
import { allCommands, findCommand } from './index';
import type { Command } from './types';

function describe(cmd: Command, version: '4.0' | '7.0'): Reply {
  const flags = version === '7.0' ? cmd.flags : (cmd.flags40 ?? cmd.flags);
  return array([bulk(cmd.name), int(cmd.arity), array(flags.map((f) => status(f))), int(0), int(0), int(0)]);
}

export const commandCommand: Command = {
  name: 'command',
  arity: -1,
  flags: ['loading', 'stale'],
  run(ctx) {
    const v = ctx.version;
    if (ctx.argv.length === 1) return array(allCommands(v).map((c) => describe(c, v)));
    const sub = ctx.argv[1].toLowerCase();
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
    if (sub === 'count') return error("ERR wrong number of arguments for 'command|count' command");
    return error(`ERR unknown subcommand '${ctx.argv[1]}'. Try COMMAND HELP.`);
  },
};

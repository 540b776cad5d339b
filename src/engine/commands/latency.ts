// LATENCY DOCTOR | LATENCY GRAPH event | LATENCY HISTORY event | LATENCY LATEST |
// LATENCY RESET [event ...] | LATENCY HISTOGRAM [command ...] | LATENCY HELP
//
// The monitor's samples, report and graph are latency.ts. HISTOGRAM reports the per-command
// latency histograms of INFO latencystats: every call takes the modelled 1 µs, so all of a
// command's calls fall in the first bucket. 7.0 only here.
import { resolveCommand } from '../dispatch';
import { latencyGraph, latencyReport } from '../latency';
import { array, bulk, error, int, map, type Reply, verbatim } from '../resp';
import type { Server } from '../server';
import type { Command, Subcommand } from './types';
import { container7, HELP_SUBCOMMAND } from './util/container';
import { helpReply, subcommandSyntaxError } from './util/help';

const TIPS = ['nondeterministic_output', 'request_policy:all_nodes', 'response_policy:special'];
const about = (arity: number, complexity = 'O(1)', args?: Subcommand['args']): Subcommand => ({
  arity,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  acl: [],
  tips: TIPS,
  ...(args ? { args } : {}),
  docs: { complexity },
});
const event = [{ name: 'event', type: 'string' as const }];

/** One command's histogram: its calls, all in the 1 µs bucket. */
function histogram(calls: number): Reply {
  return map([bulk('calls'), int(calls), bulk('histogram_usec'), map([int(1), int(calls)])]);
}

/** The commands (and subcommands, `config|get`) with measured calls, as `name histogram` pairs. */
function histograms(srv: Server, names: string[] | null): Reply {
  const items: Reply[] = [];
  const stats = srv.stats.cmd;
  const add = (full: string) => {
    const s = stats.get(full);
    if (s?.measured && s.calls > 0) items.push(bulk(full), histogram(s.calls));
  };
  if (names === null) {
    for (const full of [...stats.keys()].sort()) add(full);
  } else {
    for (const typed of names) {
      const r = resolveCommand(typed, srv.opts.version);
      if (r === null) continue;
      add(r.name);
      for (const full of [...stats.keys()].sort()) if (full.startsWith(`${r.name}|`)) add(full);
    }
  }
  return map(items);
}

export const latencyCommand: Command = container7(
  'latency',
  {
    reset: {
      ...about(-2, 'O(1)', [{ name: 'event', type: 'string', optional: true, multiple: true }]),
      tips: ['request_policy:all_nodes', 'response_policy:all_succeeded'],
    },
    latest: about(2),
    help: HELP_SUBCOMMAND,
    graph: about(3, 'O(1)', event),
    histogram: about(-2, 'O(N) where N is the number of commands with latency information being retrieved.', [
      { name: 'command', type: 'string', optional: true, multiple: true },
    ]),
    doctor: about(2),
    history: about(3, 'O(1)', event),
  },
  (ctx) => {
    const { argv, srv } = ctx;
    const sub = argv[1].toLowerCase();
    const n = argv.length;
    if (sub === 'history' && n === 3) {
      const ts = srv.latency.get(argv[2]);
      return array((ts?.samples ?? []).map((s) => array([int(s.time), int(s.latency)])));
    }
    if (sub === 'graph' && n === 3) {
      const ts = srv.latency.get(argv[2]);
      if (ts === undefined) return error(`ERR No samples available for event '${argv[2]}'`);
      return verbatim(latencyGraph(srv, argv[2], ts));
    }
    if (sub === 'latest' && n === 2) {
      const rows: Reply[] = [];
      for (const [name, ts] of srv.latency) {
        const last = ts.samples[ts.samples.length - 1];
        rows.push(array([bulk(name), int(last.time), int(last.latency), int(ts.max)]));
      }
      return array(rows);
    }
    if (sub === 'doctor' && n === 2) return verbatim(latencyReport(srv));
    if (sub === 'reset') {
      let resets = 0;
      for (const name of [...srv.latency.keys()]) {
        if (n === 2 || argv.slice(2).some((e) => e.toLowerCase() === name.toLowerCase())) {
          srv.latency.delete(name);
          resets++;
        }
      }
      return int(resets);
    }
    if (sub === 'histogram') return histograms(srv, n === 2 ? null : argv.slice(2));
    if (sub === 'help' && n === 2) return helpReply(argv[0], '7.0')!;
    return subcommandSyntaxError(argv);
  },
);

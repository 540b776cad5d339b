// SLOWLOG GET [count] | SLOWLOG LEN | SLOWLOG RESET | SLOWLOG HELP
//
// The slow log itself (what is logged, the duration model) is slowlog.ts. 7.0 only here.
import { array, bulk, bulkArray, error, int, OK } from '../resp';
import type { Command, Subcommand } from './types';
import { container7, HELP_SUBCOMMAND } from './util/container';
import { helpReply, subcommandSyntaxError } from './util/help';

const admin: Subcommand = {
  arity: 2,
  flags: ['admin', 'loading', 'stale'],
  acl: [],
  tips: ['request_policy:all_nodes', 'response_policy:all_succeeded'],
  docs: { complexity: 'O(N) where N is the number of entries in the slowlog' },
};

export const slowlogCommand: Command = container7(
  'slowlog',
  {
    reset: admin,
    help: HELP_SUBCOMMAND,
    get: {
      ...admin,
      arity: -2,
      tips: ['request_policy:all_nodes', 'nondeterministic_output'],
      args: [{ name: 'count', type: 'integer', optional: true }],
      docs: {
        complexity: 'O(N) where N is the number of entries returned',
        history: [['4.0.0', 'Added client IP address, port and name to the reply.']],
      },
    },
    len: {
      ...admin,
      tips: ['request_policy:all_nodes', 'response_policy:agg_sum', 'nondeterministic_output'],
      docs: { complexity: 'O(1)' },
    },
  },
  (ctx) => {
    const { argv, srv } = ctx;
    const sub = argv[1].toLowerCase();
    const log = srv.slowlog;
    if (sub === 'help' && argv.length === 2) return helpReply(argv[0], '7.0')!;
    if (sub === 'reset' && argv.length === 2) {
      log.entries = [];
      return OK;
    }
    if (sub === 'len' && argv.length === 2) return int(log.entries.length);
    if (sub === 'get' && argv.length <= 3) {
      let count = 10;
      if (argv.length === 3) {
        const n = /^-?\d+$/.test(argv[2]) ? Number(argv[2]) : Number.NaN;
        if (!Number.isSafeInteger(n) || n < -1) return error('ERR count should be greater than or equal to -1');
        count = n === -1 ? log.entries.length : n;
      }
      return array(
        log.entries
          .slice(0, count)
          .map((e) =>
            array([int(e.id), int(e.time), int(e.durationUs), bulkArray(e.argv), bulk(e.peer), bulk(e.name)]),
          ),
      );
    }
    return subcommandSyntaxError(argv);
  },
);

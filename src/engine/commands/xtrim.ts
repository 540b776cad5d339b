// XTRIM key <MAXLEN | MINID> [= | ~] threshold [LIMIT count]
import { int } from '../resp';
import type { Arg, Command } from './types';
import { existingStreamForWrite, isReply, nodeLimits, parseTrimArgs, rewriteTrim, trimStream } from './util/stream';

/** The trimming block XADD and XTRIM share (COMMAND DOCS). */
export const TRIM_ARG: Arg = {
  name: 'trim',
  type: 'block',
  args: [
    {
      name: 'strategy',
      type: 'oneof',
      args: [
        { name: 'maxlen', type: 'pure-token', token: 'MAXLEN' },
        { name: 'minid', type: 'pure-token', token: 'MINID', since: '6.2.0' },
      ],
    },
    {
      name: 'operator',
      type: 'oneof',
      optional: true,
      args: [
        { name: 'equal', type: 'pure-token', token: '=' },
        { name: 'approximately', type: 'pure-token', token: '~' },
      ],
    },
    { name: 'threshold', type: 'string' },
    { name: 'count', type: 'integer', token: 'LIMIT', optional: true, since: '6.2.0' },
  ],
};

/**
 * XTRIM: trim by length or by minimum ID; replies how many entries went. `~` only drops whole
 * listpack nodes (and at most LIMIT entries), and is then propagated as the exact `=` form.
 */
export const xtrimCommand: Command = {
  name: 'xtrim',
  versions: ['7.0'],
  arity: -4,
  flags: ['write'],
  acl: ['stream'],
  tips: ['nondeterministic_output'],
  keySpecs: [{ flags: ['RW', 'delete'], index: 1, range: [0, 1, 0] }],
  args: [{ name: 'key', type: 'key', keySpec: 0 }, TRIM_ARG],
  docs: {
    complexity:
      'O(N), with N being the number of evicted entries. Constant times are very small however, since entries are organized in macro nodes containing multiple entries that can be released with a single deallocation.',
    history: [['6.2.0', 'Added the `MINID` trimming strategy and the `LIMIT` option.']],
  },
  run(ctx) {
    const parsed = parseTrimArgs(ctx, false);
    if (isReply(parsed)) return parsed;
    const s = existingStreamForWrite(ctx, ctx.argv[1]);
    if (s === undefined) return int(0);
    if (isReply(s)) return s;
    const limits = nodeLimits(ctx);
    const deleted = trimStream(s, parsed.args, limits);
    if (deleted > 0n) {
      if (parsed.args.approx) {
        const argv = ctx.argv.slice();
        rewriteTrim(argv, s, parsed.args, limits);
        ctx.rewrite(argv);
      }
      ctx.dirty(Number(deleted));
    }
    return int(Number(deleted));
  },
};

/** What FLUSHALL and FLUSHDB share: the [ASYNC | SYNC] argument, its history, and its check. */
import type { Arg, Ctx } from '../types';
import { eqi } from './args';

export const FLUSH_MODE_ARGS: readonly Arg[] = [
  {
    name: 'async',
    type: 'oneof',
    optional: true,
    args: [
      { name: 'async', type: 'pure-token', token: 'ASYNC', since: '4.0.0' },
      { name: 'sync', type: 'pure-token', token: 'SYNC', since: '6.2.0' },
    ],
  },
];

export const FLUSH_MODE_HISTORY: readonly (readonly [string, string])[] = [
  ['4.0.0', 'Added the `ASYNC` flushing mode modifier.'],
  ['6.2.0', 'Added the `SYNC` flushing mode modifier.'],
];

/** At most one argument, ASYNC (either version) or SYNC (7.0 only, 6.2+); anything else is a syntax error. */
export function flushModeOk(ctx: Ctx): boolean {
  const argv = ctx.argv;
  if (argv.length > 2) return false;
  return argv.length === 1 || eqi(argv[1], 'async') || (ctx.version === '7.0' && eqi(argv[1], 'sync'));
}

// TIME / LASTSAVE
import { array, bulk, int } from '../resp';
import type { Command } from './types';

export const timeCommand: Command = {
  name: 'time',
  arity: 1,
  flags: ['loading', 'stale', 'fast'],
  flags40: ['random', 'fast'],
  tips: ['nondeterministic_output'],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const ms = ctx.srv.opts.clock.now();
    return array([bulk(String(Math.floor(ms / 1000))), bulk(String((ms % 1000) * 1000))]);
  },
};

export const lastsaveCommand: Command = {
  name: 'lastsave',
  arity: 1,
  flags: ['loading', 'stale', 'fast'],
  flags40: ['random', 'fast'],
  acl: ['admin', 'dangerous'],
  tips: ['nondeterministic_output'],
  docs: { complexity: 'O(1)' },
  run: (ctx) => int(ctx.srv.lastsave),
};

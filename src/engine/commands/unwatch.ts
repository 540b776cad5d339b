// UNWATCH
import { OK } from '../resp';
import type { Command } from './types';

/** UNWATCH: forget every watched key, and that one of them was touched. */
export const unwatchCommand: Command = {
  name: 'unwatch',
  arity: 1,
  flags: ['noscript', 'loading', 'stale', 'fast', 'allow-busy'],
  flags40: ['noscript', 'fast'],
  acl: ['transaction'],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    ctx.srv.unwatch(ctx.client);
    return OK;
  },
};

// INFO [section [section ...]]

import { infoReply } from '../info';
import type { Command } from './types';

export const infoCommand: Command = {
  name: 'info',
  arity: -1,
  flags: ['loading', 'stale'],
  run: (ctx) => infoReply(ctx.srv, ctx.argv.slice(1)),
};

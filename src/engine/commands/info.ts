// INFO [section [section ...]]

import { infoString } from '../info';
import { bulk } from '../resp';
import type { Command } from './types';

export const infoCommand: Command = {
  name: 'info',
  arity: -1,
  flags: ['loading', 'stale'],
  run: (ctx) => bulk(infoString(ctx.srv, ctx.argv.slice(1))),
};

// INFO [section [section ...]]

import { infoReply } from '../info';
import type { Command } from './types';

export const infoCommand: Command = {
  name: 'info',
  arity: -1,
  flags: ['loading', 'stale'],
  acl: ['dangerous'],
  tips: ['nondeterministic_output', 'request_policy:all_shards', 'response_policy:special'],
  args: [{ name: 'section', type: 'string', optional: true, multiple: true }],
  docs: { complexity: 'O(1)', history: [['7.0.0', 'Added support for taking multiple section arguments.']] },
  run: (ctx) => infoReply(ctx.srv, ctx.argv.slice(1)),
};

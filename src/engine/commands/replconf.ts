// REPLCONF <option> <value> ... / PSYNC replicationid offset / SYNC — the replication handshake.
import { replconf, syncCommand } from '../replication/master';
import type { Command } from './types';

export const replconfCommand: Command = {
  name: 'replconf',
  arity: -1,
  flags: ['admin', 'noscript', 'loading', 'stale', 'allow-busy'],
  flags40: ['admin', 'noscript', 'loading', 'stale'],
  docs: { complexity: 'O(1)', docFlags: ['syscmd'] },
  run: (ctx) => replconf(ctx.srv, ctx.client, ctx.argv),
};
export const psyncCommand: Command = {
  name: 'psync',
  arity: -3,
  arity40: 3,
  flags: ['admin', 'noscript', 'no-multi', 'no-async-loading'],
  flags40: ['readonly', 'admin', 'noscript', 'no-multi'],
  args: [
    { name: 'replicationid', type: 'string' },
    { name: 'offset', type: 'integer' },
  ],
  docs: {},
  run: (ctx) => syncCommand(ctx.srv, ctx.client, ctx.argv),
};
export const syncCommandSpec: Command = {
  name: 'sync',
  arity: 1,
  flags: ['admin', 'noscript', 'no-multi', 'no-async-loading'],
  flags40: ['readonly', 'admin', 'noscript', 'no-multi'],
  docs: {},
  run: (ctx) => syncCommand(ctx.srv, ctx.client, ctx.argv),
};

// REPLCONF <option> <value> ... / PSYNC replicationid offset / SYNC — the replication handshake.
import { replconf, syncCommand } from '../replication/master';
import type { Command } from './types';

export const replconfCommand: Command = {
  name: 'replconf',
  arity: -1,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  run: (ctx) => replconf(ctx.srv, ctx.client, ctx.argv),
};
export const psyncCommand: Command = {
  name: 'psync',
  arity: -3,
  flags: ['admin', 'noscript', 'no-multi'],
  run: (ctx) => syncCommand(ctx.srv, ctx.client, ctx.argv),
};
export const syncCommandSpec: Command = {
  name: 'sync',
  arity: 1,
  flags: ['admin', 'noscript', 'no-multi'],
  run: (ctx) => syncCommand(ctx.srv, ctx.client, ctx.argv),
};

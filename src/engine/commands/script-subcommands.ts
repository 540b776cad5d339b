/**
 * SCRIPT's 7.0 subcommands (commands/script-<sub>.json): arity, flags, ACL categories, arguments
 * and docs, as COMMAND INFO and COMMAND DOCS print them (Redis 7.0.15, BSD-3-Clause, Copyright (c)
 * Salvatore Sanfilippo and Redis contributors). The server checks a subcommand's arity before
 * script.ts runs it.
 */
import type { Subcommand } from './types';

export const scriptSubcommands: Readonly<Record<string, Subcommand>> = {
  debug: {
    arity: 3,
    flags: ['noscript'],
    acl: ['scripting'],
    args: [
      {
        name: 'mode',
        type: 'oneof',
        args: [
          { name: 'yes', type: 'pure-token', token: 'YES' },
          { name: 'sync', type: 'pure-token', token: 'SYNC' },
          { name: 'no', type: 'pure-token', token: 'NO' },
        ],
      },
    ],
    docs: { complexity: 'O(1)' },
  },
  exists: {
    arity: -3,
    flags: ['noscript'],
    acl: ['scripting'],
    tips: ['request_policy:all_shards', 'response_policy:agg_logical_and'],
    args: [{ name: 'sha1', type: 'string', multiple: true }],
    docs: {
      complexity:
        'O(N) with N being the number of scripts to check (so checking a single script is an O(1) operation).',
    },
  },
  flush: {
    arity: -2,
    flags: ['noscript'],
    acl: ['scripting'],
    tips: ['request_policy:all_nodes', 'response_policy:all_succeeded'],
    args: [
      {
        name: 'async',
        type: 'oneof',
        optional: true,
        since: '6.2.0',
        args: [
          { name: 'async', type: 'pure-token', token: 'ASYNC' },
          { name: 'sync', type: 'pure-token', token: 'SYNC' },
        ],
      },
    ],
    docs: {
      complexity: 'O(N) with N being the number of scripts in cache',
      history: [['6.2.0', 'Added the `ASYNC` and `SYNC` flushing mode modifiers.']],
    },
  },
  help: { arity: 2, flags: ['loading', 'stale'], acl: ['scripting'], docs: { complexity: 'O(1)' } },
  kill: {
    arity: 2,
    flags: ['noscript', 'allow-busy'],
    acl: ['scripting'],
    tips: ['request_policy:all_shards', 'response_policy:one_succeeded'],
    docs: { complexity: 'O(1)' },
  },
  load: {
    arity: 3,
    flags: ['noscript', 'stale'],
    acl: ['scripting'],
    tips: ['request_policy:all_nodes', 'response_policy:all_succeeded'],
    args: [{ name: 'script', type: 'string' }],
    docs: { complexity: 'O(N) with N being the length in bytes of the script body.' },
  },
};

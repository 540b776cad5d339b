/**
 * CONFIG's 7.0 subcommands (commands/config-<sub>.json): arity, flags, ACL categories, tips, key specs,
 * argument tree and docs, as COMMAND INFO and COMMAND DOCS print them (Redis 7.0.15, BSD-3-Clause,
 * Copyright (c) Salvatore Sanfilippo and Redis contributors). The server checks a subcommand's
 * arity before config.ts runs it.
 */
import type { Subcommand } from './types';

export const configSubcommands: Readonly<Record<string, Subcommand>> = {
  get: {
    arity: -3,
    flags: ['admin', 'noscript', 'loading', 'stale'],
    args: [{ name: 'parameter', type: 'block', multiple: true, args: [{ name: 'parameter', type: 'string' }] }],
    docs: {
      complexity: 'O(N) when N is the number of configuration parameters provided',
      history: [['7.0.0', 'Added the ability to pass multiple pattern parameters in one call']],
    },
  },
  set: {
    arity: -4,
    flags: ['admin', 'noscript', 'loading', 'stale'],
    tips: ['request_policy:all_nodes', 'response_policy:all_succeeded'],
    args: [
      {
        name: 'parameter_value',
        type: 'block',
        multiple: true,
        args: [
          { name: 'parameter', type: 'string' },
          { name: 'value', type: 'string' },
        ],
      },
    ],
    docs: {
      complexity: 'O(N) when N is the number of configuration parameters provided',
      history: [['7.0.0', 'Added the ability to set multiple parameters in one call.']],
    },
  },
  resetstat: {
    arity: 2,
    flags: ['admin', 'noscript', 'loading', 'stale'],
    docs: { complexity: 'O(1)' },
  },
  rewrite: {
    arity: 2,
    flags: ['admin', 'noscript', 'loading', 'stale'],
    docs: { complexity: 'O(1)' },
  },
  help: {
    arity: 2,
    flags: ['loading', 'stale'],
    docs: { complexity: 'O(1)' },
  },
};

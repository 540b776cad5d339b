/**
 * COMMAND's 7.0 subcommands (commands/command-<sub>.json): arity, flags, ACL categories, tips, key specs,
 * argument tree and docs, as COMMAND INFO and COMMAND DOCS print them (Redis 7.0.15, BSD-3-Clause,
 * Copyright (c) Salvatore Sanfilippo and Redis contributors). The server checks a subcommand's
 * arity before command.ts runs it.
 */
import type { Subcommand } from './types';

/** GETKEYS and GETKEYSANDFLAGS: a full command line to extract keys from, O(N) in its arguments. */
const keysOf: Subcommand = {
  arity: -4,
  flags: ['loading', 'stale'],
  acl: ['connection'],
  docs: { complexity: 'O(N) where N is the number of arguments to the command' },
};

export const commandSubcommands: Readonly<Record<string, Subcommand>> = {
  count: {
    arity: 2,
    flags: ['loading', 'stale'],
    acl: ['connection'],
    docs: { complexity: 'O(1)' },
  },
  docs: {
    arity: -2,
    flags: ['loading', 'stale'],
    acl: ['connection'],
    tips: ['nondeterministic_output_order'],
    args: [{ name: 'command-name', type: 'string', optional: true, multiple: true }],
    docs: { complexity: 'O(N) where N is the number of commands to look up' },
  },
  getkeys: keysOf,
  getkeysandflags: keysOf,
  help: {
    arity: 2,
    flags: ['loading', 'stale'],
    acl: ['connection'],
    docs: { complexity: 'O(1)' },
  },
  info: {
    arity: -2,
    flags: ['loading', 'stale'],
    acl: ['connection'],
    tips: ['nondeterministic_output_order'],
    args: [{ name: 'command-name', type: 'string', optional: true, multiple: true }],
    docs: {
      complexity: 'O(N) where N is the number of commands to look up',
      history: [['7.0.0', 'Allowed to be called with no argument to get info on all commands.']],
    },
  },
  list: {
    arity: -2,
    flags: ['loading', 'stale'],
    acl: ['connection'],
    tips: ['nondeterministic_output_order'],
    args: [
      {
        name: 'filterby',
        type: 'oneof',
        token: 'FILTERBY',
        optional: true,
        args: [
          { name: 'module-name', type: 'string', token: 'MODULE' },
          { name: 'category', type: 'string', token: 'ACLCAT' },
          { name: 'pattern', type: 'pattern', token: 'PATTERN' },
        ],
      },
    ],
    docs: { complexity: 'O(N) where N is the total number of Redis commands' },
  },
};

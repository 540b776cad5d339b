/**
 * ACL's 7.0 subcommands (commands/acl-<sub>.json): arity, flags and docs as COMMAND INFO and
 * COMMAND DOCS print them (Redis 7.0.15, BSD-3-Clause, Copyright (c) Salvatore Sanfilippo and
 * Redis contributors). The server checks a subcommand's arity before acl.ts runs it.
 */
import type { CommandFlag, Subcommand } from './types';

const ADMIN: readonly CommandFlag[] = ['admin', 'noscript', 'loading', 'stale'];
const PLAIN: readonly CommandFlag[] = ['noscript', 'loading', 'stale'];

export const aclSubcommands: Readonly<Record<string, Subcommand>> = {
  cat: {
    arity: -2,
    flags: PLAIN,
    args: [{ name: 'categoryname', type: 'string', optional: true }],
    docs: { complexity: 'O(1) since the categories and commands are a fixed set.' },
  },
  deluser: {
    arity: -3,
    flags: ADMIN,
    args: [{ name: 'username', type: 'string', multiple: true }],
    docs: { complexity: 'O(1) amortized time considering the typical user.' },
  },
  dryrun: {
    arity: -4,
    flags: ADMIN,
    args: [
      { name: 'username', type: 'string' },
      { name: 'command', type: 'string' },
      { name: 'arg', type: 'string', optional: true, multiple: true },
    ],
    docs: { complexity: 'O(1).' },
  },
  genpass: {
    arity: -2,
    flags: PLAIN,
    args: [{ name: 'bits', type: 'integer', optional: true }],
    docs: { complexity: 'O(N)' },
  },
  getuser: {
    arity: 3,
    flags: ADMIN,
    args: [{ name: 'username', type: 'string' }],
    docs: {
      complexity: 'O(N). Where N is the number of password, command and pattern rules that the user has.',
      history: [
        ['6.2.0', 'Added Pub/Sub channel patterns.'],
        [
          '7.0.0',
          'Added selectors and changed the format of key and channel patterns from a list to their rule representation.',
        ],
      ],
    },
  },
  help: { arity: 2, flags: ['loading', 'stale'], docs: { complexity: 'O(1)' } },
  list: { arity: 2, flags: ADMIN, docs: { complexity: 'O(N). Where N is the number of configured users.' } },
  load: { arity: 2, flags: ADMIN, docs: { complexity: 'O(N). Where N is the number of configured users.' } },
  log: {
    arity: -2,
    flags: ADMIN,
    args: [
      {
        name: 'operation',
        type: 'oneof',
        optional: true,
        args: [
          { name: 'count', type: 'integer' },
          { name: 'reset', type: 'pure-token', token: 'RESET' },
        ],
      },
    ],
    docs: { complexity: 'O(N) with N being the number of entries shown.' },
  },
  save: { arity: 2, flags: ADMIN, docs: { complexity: 'O(N). Where N is the number of configured users.' } },
  setuser: {
    arity: -3,
    flags: ADMIN,
    args: [
      { name: 'username', type: 'string' },
      { name: 'rule', type: 'string', optional: true, multiple: true },
    ],
    docs: {
      complexity: 'O(N). Where N is the number of rules provided.',
      history: [
        ['6.2.0', 'Added Pub/Sub channel patterns.'],
        ['7.0.0', 'Added selectors and key based permissions.'],
      ],
    },
  },
  users: { arity: 2, flags: ADMIN, docs: { complexity: 'O(N). Where N is the number of configured users.' } },
  whoami: { arity: 2, flags: PLAIN, docs: { complexity: 'O(1)' } },
};

/**
 * XINFO's 7.0 subcommands (commands/xinfo-<sub>.json): arity, flags, ACL categories, tips, key
 * specs, argument tree and docs, as COMMAND INFO and COMMAND DOCS print them (Redis 7.0.15,
 * BSD-3-Clause, Copyright (c) Salvatore Sanfilippo and Redis contributors). The server checks a
 * subcommand's arity before xinfo.ts runs it.
 */
import type { Arg, KeySpec, Subcommand } from './types';

const KEY_SPECS: KeySpec[] = [{ flags: ['RO', 'access'], index: 2, range: [0, 1, 0] }];
const KEY: Arg = { name: 'key', type: 'key', keySpec: 0 };

export const xinfoSubcommands: Readonly<Record<string, Subcommand>> = {
  consumers: {
    arity: 4,
    flags: ['readonly'],
    acl: ['stream'],
    tips: ['nondeterministic_output'],
    keySpecs: KEY_SPECS,
    args: [KEY, { name: 'groupname', type: 'string' }],
    docs: { complexity: 'O(1)' },
  },
  groups: {
    arity: 3,
    flags: ['readonly'],
    acl: ['stream'],
    keySpecs: KEY_SPECS,
    args: [KEY],
    docs: { complexity: 'O(1)', history: [['7.0.0', 'Added the `entries-read` and `lag` fields']] },
  },
  help: {
    arity: 2,
    flags: ['loading', 'stale'],
    acl: ['stream'],
    docs: { complexity: 'O(1)' },
  },
  stream: {
    arity: -3,
    flags: ['readonly'],
    acl: ['stream'],
    keySpecs: KEY_SPECS,
    args: [
      KEY,
      {
        name: 'full',
        type: 'block',
        token: 'FULL',
        optional: true,
        args: [{ name: 'count', type: 'integer', token: 'COUNT', optional: true }],
      },
    ],
    docs: {
      complexity: 'O(1)',
      history: [
        ['6.0.0', 'Added the `FULL` modifier.'],
        [
          '7.0.0',
          'Added the `max-deleted-entry-id`, `entries-added`, `recorded-first-entry-id`, `entries-read` and `lag` fields',
        ],
      ],
    },
  },
};

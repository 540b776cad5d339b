/**
 * OBJECT's 7.0 subcommands (commands/object-<sub>.json): arity, flags, ACL categories, tips, key specs,
 * argument tree and docs, as COMMAND INFO and COMMAND DOCS print them (Redis 7.0.15, BSD-3-Clause,
 * Copyright (c) Salvatore Sanfilippo and Redis contributors). The server checks a subcommand's
 * arity before object.ts runs it.
 */
import type { Subcommand } from './types';

export const objectSubcommands: Readonly<Record<string, Subcommand>> = {
  encoding: {
    arity: 3,
    flags: ['readonly'],
    acl: ['keyspace'],
    keySpecs: [{ flags: ['RO'], index: 2, range: [0, 1, 0] }],
    tips: ['nondeterministic_output'],
    args: [{ name: 'key', type: 'key', keySpec: 0 }],
    docs: { complexity: 'O(1)' },
  },
  freq: {
    arity: 3,
    flags: ['readonly'],
    acl: ['keyspace'],
    keySpecs: [{ flags: ['RO'], index: 2, range: [0, 1, 0] }],
    tips: ['nondeterministic_output'],
    args: [{ name: 'key', type: 'key', keySpec: 0 }],
    docs: { complexity: 'O(1)' },
  },
  idletime: {
    arity: 3,
    flags: ['readonly'],
    acl: ['keyspace'],
    keySpecs: [{ flags: ['RO'], index: 2, range: [0, 1, 0] }],
    tips: ['nondeterministic_output'],
    args: [{ name: 'key', type: 'key', keySpec: 0 }],
    docs: { complexity: 'O(1)' },
  },
  refcount: {
    arity: 3,
    flags: ['readonly'],
    acl: ['keyspace'],
    keySpecs: [{ flags: ['RO'], index: 2, range: [0, 1, 0] }],
    tips: ['nondeterministic_output'],
    args: [{ name: 'key', type: 'key', keySpec: 0 }],
    docs: { complexity: 'O(1)' },
  },
  help: {
    arity: 2,
    flags: ['loading', 'stale'],
    acl: ['keyspace'],
    docs: { complexity: 'O(1)' },
  },
};

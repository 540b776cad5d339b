/**
 * OBJECT's 7.0 subcommands (commands/object-<sub>.json): arity, flags, ACL categories, tips, key specs,
 * argument tree and docs, as COMMAND INFO and COMMAND DOCS print them (Redis 7.0.15, BSD-3-Clause,
 * Copyright (c) Salvatore Sanfilippo and Redis contributors). The server checks a subcommand's
 * arity before object.ts runs it.
 */
import type { Subcommand } from './types';

/** ENCODING, FREQ, IDLETIME and REFCOUNT: one key read, O(1), an answer that depends on the server. */
const aboutKey: Subcommand = {
  arity: 3,
  flags: ['readonly'],
  acl: ['keyspace'],
  keySpecs: [{ flags: ['RO'], index: 2, range: [0, 1, 0] }],
  tips: ['nondeterministic_output'],
  args: [{ name: 'key', type: 'key', keySpec: 0 }],
  docs: { complexity: 'O(1)' },
};

export const objectSubcommands: Readonly<Record<string, Subcommand>> = {
  encoding: aboutKey,
  freq: aboutKey,
  idletime: aboutKey,
  refcount: aboutKey,
  help: {
    arity: 2,
    flags: ['loading', 'stale'],
    acl: ['keyspace'],
    docs: { complexity: 'O(1)' },
  },
};

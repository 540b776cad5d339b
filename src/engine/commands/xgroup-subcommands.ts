/**
 * XGROUP's 7.0 subcommands (commands/xgroup-<sub>.json): arity, flags, ACL categories, key specs,
 * argument tree and docs, as COMMAND INFO and COMMAND DOCS print them (Redis 7.0.15, BSD-3-Clause,
 * Copyright (c) Salvatore Sanfilippo and Redis contributors). The server checks a subcommand's
 * arity before xgroup.ts runs it.
 */
import type { Arg, KeySpec, Subcommand } from './types';

const key = (flags: KeySpec['flags']): KeySpec[] => [{ flags, index: 2, range: [0, 1, 0] }];
const KEY: Arg = { name: 'key', type: 'key', keySpec: 0 };
const GROUP: Arg = { name: 'groupname', type: 'string' };
const CONSUMER: Arg = { name: 'consumername', type: 'string' };
const ID: Arg = {
  name: 'id',
  type: 'oneof',
  args: [
    { name: 'id', type: 'string' },
    { name: 'new_id', type: 'pure-token', token: '$' },
  ],
};

export const xgroupSubcommands: Readonly<Record<string, Subcommand>> = {
  create: {
    arity: -5,
    flags: ['write', 'denyoom'],
    acl: ['stream'],
    keySpecs: key(['RW', 'insert']),
    args: [
      KEY,
      GROUP,
      ID,
      { name: 'mkstream', type: 'pure-token', token: 'MKSTREAM', optional: true },
      { name: 'entries_read', type: 'integer', token: 'ENTRIESREAD', optional: true },
    ],
    docs: { complexity: 'O(1)', history: [['7.0.0', 'Added the `entries_read` named argument.']] },
  },
  createconsumer: {
    arity: 5,
    flags: ['write', 'denyoom'],
    acl: ['stream'],
    keySpecs: key(['RW', 'insert']),
    args: [KEY, GROUP, CONSUMER],
    docs: { complexity: 'O(1)' },
  },
  delconsumer: {
    arity: 5,
    flags: ['write'],
    acl: ['stream'],
    keySpecs: key(['RW', 'delete']),
    args: [KEY, GROUP, CONSUMER],
    docs: { complexity: 'O(1)' },
  },
  destroy: {
    arity: 4,
    flags: ['write'],
    acl: ['stream'],
    keySpecs: key(['RW', 'delete']),
    args: [KEY, GROUP],
    docs: { complexity: "O(N) where N is the number of entries in the group's pending entries list (PEL)." },
  },
  setid: {
    arity: -5,
    flags: ['write'],
    acl: ['stream'],
    keySpecs: key(['RW', 'update']),
    args: [KEY, GROUP, ID, { name: 'entries_read', type: 'integer', token: 'ENTRIESREAD', optional: true }],
    docs: { complexity: 'O(1)', history: [['7.0.0', 'Added the optional `entries_read` argument.']] },
  },
  help: {
    arity: 2,
    flags: ['loading', 'stale'],
    acl: ['stream'],
    docs: { complexity: 'O(1)' },
  },
};

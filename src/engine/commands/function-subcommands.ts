/**
 * FUNCTION's subcommands (commands/function-<sub>.json): arity, flags, ACL categories, tips,
 * arguments and docs, as COMMAND INFO and COMMAND DOCS print them (Redis 7.0.15, BSD-3-Clause,
 * Copyright (c) Salvatore Sanfilippo and Redis contributors). The server checks a subcommand's
 * arity before function.ts runs it.
 */
import type { Subcommand } from './types';

const ALL_SHARDS = ['request_policy:all_shards', 'response_policy:all_succeeded'];
const token = (name: string) => ({ name, type: 'pure-token', token: name.toUpperCase() }) as const;

export const functionSubcommands: Readonly<Record<string, Subcommand>> = {
  delete: {
    arity: 3,
    flags: ['noscript', 'write'],
    acl: ['scripting'],
    tips: ALL_SHARDS,
    args: [{ name: 'library-name', type: 'string' }],
    docs: { complexity: 'O(1)' },
  },
  dump: {
    arity: 2,
    flags: ['noscript'],
    acl: ['scripting'],
    docs: { complexity: 'O(N) where N is the number of functions' },
  },
  flush: {
    arity: -2,
    flags: ['noscript', 'write'],
    acl: ['scripting'],
    tips: ALL_SHARDS,
    args: [{ name: 'async', type: 'oneof', optional: true, args: [token('async'), token('sync')] }],
    docs: { complexity: 'O(N) where N is the number of functions deleted' },
  },
  help: { arity: 2, flags: ['loading', 'stale'], acl: ['scripting'], docs: { complexity: 'O(1)' } },
  kill: {
    arity: 2,
    flags: ['noscript', 'allow-busy'],
    acl: ['scripting'],
    tips: ['request_policy:all_shards', 'response_policy:one_succeeded'],
    docs: { complexity: 'O(1)' },
  },
  list: {
    arity: -2,
    flags: ['noscript'],
    acl: ['scripting'],
    tips: ['nondeterministic_output_order'],
    args: [
      { name: 'library-name-pattern', type: 'string', token: 'LIBRARYNAME', optional: true },
      { ...token('withcode'), optional: true },
    ],
    docs: { complexity: 'O(N) where N is the number of functions' },
  },
  load: {
    arity: -3,
    flags: ['noscript', 'write', 'denyoom'],
    acl: ['scripting'],
    tips: ALL_SHARDS,
    args: [
      { ...token('replace'), optional: true },
      { name: 'function-code', type: 'string' },
    ],
    docs: { complexity: 'O(1) (considering compilation time is redundant)' },
  },
  restore: {
    arity: -3,
    flags: ['noscript', 'write', 'denyoom'],
    acl: ['scripting'],
    tips: ALL_SHARDS,
    args: [
      { name: 'serialized-value', type: 'string' },
      { name: 'policy', type: 'oneof', optional: true, args: [token('flush'), token('append'), token('replace')] },
    ],
    docs: { complexity: 'O(N) where N is the number of functions on the payload' },
  },
  stats: {
    arity: 2,
    flags: ['noscript', 'allow-busy'],
    acl: ['scripting'],
    tips: ['nondeterministic_output', 'request_policy:all_shards', 'response_policy:special'],
    docs: { complexity: 'O(1)' },
  },
};

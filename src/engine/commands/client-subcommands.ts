/**
 * CLIENT's 7.0 subcommands (commands/client-<sub>.json): arity, flags, ACL categories, tips, key specs,
 * argument tree and docs, as COMMAND INFO and COMMAND DOCS print them (Redis 7.0.15, BSD-3-Clause,
 * Copyright (c) Salvatore Sanfilippo and Redis contributors). The server checks a subcommand's
 * arity before client.ts runs it.
 */
import type { Subcommand } from './types';

/** GETNAME, GETREDIR, ID and TRACKINGINFO: no arguments, O(1), about the calling connection. */
const connectionQuery: Subcommand = {
  arity: 2,
  flags: ['noscript', 'loading', 'stale'],
  acl: ['connection'],
  docs: { complexity: 'O(1)' },
};

export const clientSubcommands: Readonly<Record<string, Subcommand>> = {
  caching: {
    arity: 3,
    flags: ['noscript', 'loading', 'stale'],
    acl: ['connection'],
    args: [
      {
        name: 'mode',
        type: 'oneof',
        args: [
          { name: 'yes', type: 'pure-token', token: 'YES' },
          { name: 'no', type: 'pure-token', token: 'NO' },
        ],
      },
    ],
    docs: { complexity: 'O(1)' },
  },
  getname: connectionQuery,
  getredir: connectionQuery,
  help: {
    arity: 2,
    flags: ['loading', 'stale'],
    acl: ['connection'],
    docs: { complexity: 'O(1)' },
  },
  id: connectionQuery,
  info: {
    arity: 2,
    flags: ['noscript', 'loading', 'stale'],
    acl: ['connection'],
    tips: ['nondeterministic_output'],
    docs: { complexity: 'O(1)' },
  },
  kill: {
    arity: -3,
    flags: ['admin', 'noscript', 'loading', 'stale'],
    acl: ['connection'],
    args: [
      {
        name: 'filter',
        type: 'oneof',
        args: [
          { name: 'ip:port', type: 'string', deprecatedSince: '2.8.12' },
          {
            name: 'new-format',
            type: 'oneof',
            multiple: true,
            args: [
              { name: 'client-id', type: 'integer', token: 'ID', since: '2.8.12', optional: true },
              {
                name: 'normal_master_slave_pubsub',
                type: 'oneof',
                token: 'TYPE',
                since: '2.8.12',
                optional: true,
                args: [
                  { name: 'normal', type: 'pure-token', token: 'NORMAL' },
                  { name: 'master', type: 'pure-token', token: 'MASTER', since: '3.2.0' },
                  { name: 'slave', type: 'pure-token', token: 'SLAVE' },
                  { name: 'replica', type: 'pure-token', token: 'REPLICA', since: '5.0.0' },
                  { name: 'pubsub', type: 'pure-token', token: 'PUBSUB' },
                ],
              },
              { name: 'username', type: 'string', token: 'USER', optional: true },
              { name: 'ip:port', type: 'string', token: 'ADDR', optional: true },
              { name: 'ip:port', type: 'string', token: 'LADDR', since: '6.2.0', optional: true },
              { name: 'yes/no', type: 'string', token: 'SKIPME', optional: true },
            ],
          },
        ],
      },
    ],
    docs: {
      complexity: 'O(N) where N is the number of client connections',
      history: [
        ['2.8.12', 'Added new filter format.'],
        ['2.8.12', '`ID` option.'],
        ['3.2.0', 'Added `master` type in for `TYPE` option.'],
        ['5.0.0', 'Replaced `slave` `TYPE` with `replica`. `slave` still supported for backward compatibility.'],
        ['6.2.0', '`LADDR` option.'],
      ],
    },
  },
  list: {
    arity: -2,
    flags: ['admin', 'noscript', 'loading', 'stale'],
    acl: ['connection'],
    tips: ['nondeterministic_output'],
    args: [
      {
        name: 'normal_master_replica_pubsub',
        type: 'oneof',
        token: 'TYPE',
        since: '5.0.0',
        optional: true,
        args: [
          { name: 'normal', type: 'pure-token', token: 'NORMAL' },
          { name: 'master', type: 'pure-token', token: 'MASTER' },
          { name: 'replica', type: 'pure-token', token: 'REPLICA' },
          { name: 'pubsub', type: 'pure-token', token: 'PUBSUB' },
        ],
      },
      {
        name: 'id',
        type: 'block',
        token: 'ID',
        since: '6.2.0',
        optional: true,
        args: [{ name: 'client-id', type: 'integer', multiple: true }],
      },
    ],
    docs: {
      complexity: 'O(N) where N is the number of client connections',
      history: [
        ['2.8.12', 'Added unique client `id` field.'],
        ['5.0.0', 'Added optional `TYPE` filter.'],
        ['6.0.0', 'Added `user` field.'],
        ['6.2.0', 'Added `argv-mem`, `tot-mem`, `laddr` and `redir` fields and the optional `ID` filter.'],
        ['7.0.0', 'Added `resp`, `multi-mem`, `rbs` and `rbp` fields.'],
        ['7.0.3', 'Added `ssub` field.'],
      ],
    },
  },
  'no-evict': {
    arity: 3,
    flags: ['admin', 'noscript', 'loading', 'stale'],
    acl: ['connection'],
    args: [
      {
        name: 'enabled',
        type: 'oneof',
        args: [
          { name: 'on', type: 'pure-token', token: 'ON' },
          { name: 'off', type: 'pure-token', token: 'OFF' },
        ],
      },
    ],
    docs: { complexity: 'O(1)' },
  },
  pause: {
    arity: -3,
    flags: ['admin', 'noscript', 'loading', 'stale'],
    acl: ['connection'],
    args: [
      { name: 'timeout', type: 'integer' },
      {
        name: 'mode',
        type: 'oneof',
        since: '6.2.0',
        optional: true,
        args: [
          { name: 'write', type: 'pure-token', token: 'WRITE' },
          { name: 'all', type: 'pure-token', token: 'ALL' },
        ],
      },
    ],
    docs: { complexity: 'O(1)', history: [['6.2.0', '`CLIENT PAUSE WRITE` mode added along with the `mode` option.']] },
  },
  reply: {
    arity: 3,
    flags: ['noscript', 'loading', 'stale'],
    acl: ['connection'],
    args: [
      {
        name: 'on_off_skip',
        type: 'oneof',
        args: [
          { name: 'on', type: 'pure-token', token: 'ON' },
          { name: 'off', type: 'pure-token', token: 'OFF' },
          { name: 'skip', type: 'pure-token', token: 'SKIP' },
        ],
      },
    ],
    docs: { complexity: 'O(1)' },
  },
  setname: {
    arity: 3,
    flags: ['noscript', 'loading', 'stale'],
    acl: ['connection'],
    args: [{ name: 'connection-name', type: 'string' }],
    docs: { complexity: 'O(1)' },
  },
  tracking: {
    arity: -3,
    flags: ['noscript', 'loading', 'stale'],
    acl: ['connection'],
    args: [
      {
        name: 'status',
        type: 'oneof',
        args: [
          { name: 'on', type: 'pure-token', token: 'ON' },
          { name: 'off', type: 'pure-token', token: 'OFF' },
        ],
      },
      { name: 'client-id', type: 'integer', token: 'REDIRECT', optional: true },
      { name: 'prefix', type: 'string', token: 'PREFIX', optional: true, multiple: true, multipleToken: true },
      { name: 'bcast', type: 'pure-token', token: 'BCAST', optional: true },
      { name: 'optin', type: 'pure-token', token: 'OPTIN', optional: true },
      { name: 'optout', type: 'pure-token', token: 'OPTOUT', optional: true },
      { name: 'noloop', type: 'pure-token', token: 'NOLOOP', optional: true },
    ],
    docs: { complexity: 'O(1). Some options may introduce additional complexity.' },
  },
  trackinginfo: connectionQuery,
  unblock: {
    arity: -3,
    flags: ['admin', 'noscript', 'loading', 'stale'],
    acl: ['connection'],
    args: [
      { name: 'client-id', type: 'integer' },
      {
        name: 'timeout_error',
        type: 'oneof',
        optional: true,
        args: [
          { name: 'timeout', type: 'pure-token', token: 'TIMEOUT' },
          { name: 'error', type: 'pure-token', token: 'ERROR' },
        ],
      },
    ],
    docs: { complexity: 'O(log N) where N is the number of client connections' },
  },
  unpause: {
    arity: 2,
    flags: ['admin', 'noscript', 'loading', 'stale'],
    acl: ['connection'],
    docs: { complexity: 'O(N) Where N is the number of paused clients' },
  },
};

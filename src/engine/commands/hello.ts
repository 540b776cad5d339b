// HELLO [protover [AUTH username password] [SETNAME clientname]]
//
// 7.0's handshake: authenticates (AUTH), names the connection (SETNAME), switches the protocol
// (2 or 3: RESP3's maps, sets, doubles and nulls from then on, see resp/encode.ts) and answers
// with the server's description as a map — a flat array in RESP2. 4.0 has no HELLO.

import { array, bulk, error, int, map, type Reply } from '../resp';
import { authenticate, WRONGPASS } from './auth';
import { clientNameError } from './client';
import type { Command } from './types';

export const helloCommand: Command = {
  name: 'hello',
  arity: -1,
  versions: ['7.0'],
  // 7.0 hello.json: NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, SENTINEL, ALLOW_BUSY.
  flags: ['noscript', 'loading', 'stale', 'fast', 'no-auth', 'allow-busy'],
  acl: ['connection'],
  args: [
    {
      name: 'arguments',
      type: 'block',
      optional: true,
      args: [
        { name: 'protover', type: 'integer' },
        {
          name: 'username_password',
          type: 'block',
          token: 'AUTH',
          optional: true,
          args: [
            { name: 'username', type: 'string' },
            { name: 'password', type: 'string' },
          ],
        },
        { name: 'clientname', type: 'string', token: 'SETNAME', optional: true },
      ],
    },
  ],
  docs: {
    complexity: 'O(1)',
    history: [
      [
        '6.2.0',
        "`protover` made optional; when called without arguments the command reports the current connection's context.",
      ],
    ],
  },
  run(ctx): Reply {
    const { srv, client, argv } = ctx;
    let ver = 0;
    let next = 1;
    if (argv.length >= 2) {
      const v = argv[next++];
      // getLongLongFromObject: a whole decimal number that fits a long long.
      if (
        !/^-?\d+$/.test(v) ||
        (v.length > 1 && /^-?0/.test(v)) ||
        BigInt(v) > 2n ** 63n - 1n ||
        BigInt(v) < -(2n ** 63n)
      )
        return error('ERR Protocol version is not an integer or out of range');
      const n = Number(v);
      if (n < 2 || n > 3) return error('NOPROTO unsupported protocol version');
      ver = n;
    }
    let user: string | null = null;
    let pass: string | null = null;
    let name: string | null = null;
    for (let j = next; j < argv.length; j++) {
      const more = argv.length - 1 - j;
      const opt = argv[j].toLowerCase();
      if (opt === 'auth' && more >= 2) {
        user = argv[j + 1];
        pass = argv[j + 2];
        j += 2;
      } else if (opt === 'setname' && more >= 1) {
        name = argv[j + 1];
        j++;
      } else {
        return error(`ERR Syntax error in HELLO option '${argv[j]}'`);
      }
    }
    if (user !== null && pass !== null && !authenticate(srv, client, argv, user, pass)) return error(WRONGPASS);
    if (!client.authenticated) {
      return error(
        'NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time',
      );
    }
    if (name !== null) {
      const err = clientNameError(name);
      if (err !== null) return err;
      client.name = name;
    }
    if (ver !== 0) client.resp = ver as 2 | 3;
    return map([
      bulk('server'),
      bulk('redis'),
      bulk('version'),
      bulk(srv.d.redisVer),
      bulk('proto'),
      int(client.resp),
      bulk('id'),
      int(client.id),
      bulk('mode'),
      bulk('standalone'),
      bulk('role'),
      bulk(srv.isReplica ? 'replica' : 'master'),
      bulk('modules'),
      array([]),
    ]);
  },
};

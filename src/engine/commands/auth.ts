// AUTH [username] password
//
// 7.0: the password of a user (the two-argument form means the default user, and is refused when
// that user has nopass, as Redis warns about a likely misconfiguration); a failure answers
// WRONGPASS and is recorded in ACL LOG. Users other than `default` do not exist in the playground,
// so they always fail as an unknown user does. 4.0 (arity 2) compares with requirepass.
import { aclLogAdd } from '../acl';
import type { Client } from '../client';
import { clientInfoString } from '../clientinfo';
import { ERR, error, OK, type Reply } from '../resp';
import type { Server } from '../server';
import type { Command } from './types';

export const WRONGPASS = 'WRONGPASS invalid username-password pair or user is disabled.';

/**
 * ACLAuthenticateUser: let the client in as `username` if the password fits, else record the
 * failure in ACL LOG (object: the command as typed). Returns whether it succeeded.
 */
export function authenticate(srv: Server, c: Client, argv: string[], username: string, password: string): boolean {
  if (username === 'default' && srv.acl.check(password)) {
    c.authenticated = true;
    return true;
  }
  aclLogAdd(
    srv.aclLog,
    {
      reason: 'auth',
      context: c.multi ? 'multi' : 'toplevel',
      object: argv[0],
      username,
      clientInfo: clientInfoString(srv, c, argv),
    },
    srv.mstime,
    srv.config.int('acllog-max-len'),
  );
  return false;
}

export const authCommand: Command = {
  name: 'auth',
  arity: -2,
  arity40: 2,
  // 7.0 auth.json: NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, SENTINEL, ALLOW_BUSY; 4.0 "sltF".
  flags: ['noscript', 'loading', 'stale', 'fast', 'no-auth', 'allow-busy'],
  flags40: ['noscript', 'loading', 'stale', 'fast'],
  acl: ['connection'],
  args: [
    { name: 'username', type: 'string', since: '6.0.0', optional: true },
    { name: 'password', type: 'string' },
  ],
  docs: {
    complexity: 'O(N) where N is the number of passwords defined for the user',
    history: [['6.0.0', 'Added ACL style (username and password).']],
  },
  run(ctx): Reply {
    const { srv, client, argv } = ctx;
    if (!srv.d.is7) {
      const pass = srv.config.get('requirepass');
      if (pass === '') return error('ERR Client sent AUTH, but no password is set');
      client.authenticated = argv[1] === pass;
      return client.authenticated ? OK : error('ERR invalid password');
    }
    if (argv.length > 3) return ERR.syntax;
    if (argv.length === 2 && srv.acl.nopass) {
      return error(
        'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?',
      );
    }
    const [username, password] = argv.length === 2 ? ['default', argv[1]] : [argv[1], argv[2]];
    return authenticate(srv, client, argv, username, password) ? OK : error(WRONGPASS);
  },
};

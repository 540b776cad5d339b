/**
 * requirepass, AUTH, the NOAUTH refusals, masterauth/masteruser in the replica's handshake, and
 * HELLO with RESP3 replies, byte for byte on a bare engine (the texts are redis-server 7.0.15's
 * and 4.0.14's; tests/diff/scenarios/ compares the console-visible part with real 7.0.15).
 */
import { describe, expect, it } from 'vitest';
import { encodeCommand } from '../../src/engine';
import { Wire } from './wire';

const NOAUTH = '-NOAUTH Authentication required.\r\n';
const WRONGPASS = '-WRONGPASS invalid username-password pair or user is disabled.\r\n';

describe('AUTH and requirepass (7.0)', () => {
  it('refuses every command but AUTH, HELLO and QUIT until the password is given', () => {
    const w = new Wire('7.0', 6379, { requirepass: 'foo' });
    w.srv.onAccept(1, '127.0.0.1:40001');
    w.send(1, 'PING');
    w.send(1, 'GET', 'x');
    expect(w.take(1)).toBe(NOAUTH + NOAUTH);
    // Unknown commands and wrong arity are judged first, as 7.0 does.
    w.send(1, 'NOPE');
    w.send(1, 'GET');
    expect(w.take(1)).toBe(
      "-ERR unknown command 'NOPE', with args beginning with: \r\n-ERR wrong number of arguments for 'get' command\r\n",
    );
    w.send(1, 'AUTH', 'bar');
    w.send(1, 'AUTH', 'a', 'b', 'c');
    w.send(1, 'AUTH', 'bob', 'foo');
    expect(w.take(1)).toBe(`${WRONGPASS}-ERR syntax error\r\n${WRONGPASS}`);
    w.send(1, 'AUTH', 'foo');
    w.send(1, 'PING');
    expect(w.take(1)).toBe('+OK\r\n+PONG\r\n');
    w.srv.onAccept(2, '127.0.0.1:40002');
    w.send(2, 'AUTH', 'default', 'foo');
    w.send(2, 'ACL', 'WHOAMI');
    expect(w.take(2)).toBe('+OK\r\n$7\r\ndefault\r\n');
  });

  it('a NOAUTH inside MULTI makes EXEC abort', () => {
    const w = new Wire('7.0', 6379, { requirepass: 'foo' });
    w.srv.onAccept(1, '127.0.0.1:40001');
    w.send(1, 'MULTI');
    expect(w.take(1)).toBe(NOAUTH);
  });

  it('without a password AUTH warns about the configuration', () => {
    const w = new Wire('7.0', 6379);
    w.srv.onAccept(1, '127.0.0.1:40001');
    w.send(1, 'AUTH', 'x');
    expect(w.take(1)).toBe(
      '-ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?\r\n',
    );
    w.send(1, 'AUTH', 'default', 'anything');
    expect(w.take(1)).toBe('+OK\r\n');
  });

  it('CONFIG SET requirepass keeps connected clients in and asks new ones', () => {
    const w = new Wire('7.0', 6379);
    w.srv.onAccept(1, '127.0.0.1:40001');
    w.send(1, 'CONFIG', 'SET', 'requirepass', 'pw');
    w.send(1, 'PING');
    expect(w.take(1)).toBe('+OK\r\n+PONG\r\n');
    w.srv.onAccept(2, '127.0.0.1:40002');
    w.send(2, 'PING');
    expect(w.take(2)).toBe(NOAUTH);
    w.send(1, 'CONFIG', 'SET', 'requirepass', '');
    w.take(1);
    w.send(2, 'PING');
    expect(w.take(2)).toBe('+PONG\r\n');
  });

  it('failed authentications are in ACL LOG', () => {
    const w = new Wire('7.0', 6379, { requirepass: 'foo' });
    w.srv.onAccept(1, '127.0.0.1:40001');
    w.send(1, 'AUTH', 'x');
    w.send(1, 'AUTH', 'y'); // the same failure again: counted in one entry
    w.send(1, 'auth', 'z'); // the object is the command as typed: another entry, first
    w.send(1, 'AUTH', 'foo');
    w.take(1);
    w.run(500);
    w.send(1, 'ACL', 'LOG');
    const log = w.take(1);
    expect(log).toContain('$5\r\ncount\r\n:2\r\n');
    expect(log).toMatch(
      /^\*2\r\n\*14\r\n\$5\r\ncount\r\n:1\r\n\$6\r\nreason\r\n\$4\r\nauth\r\n\$7\r\ncontext\r\n\$8\r\ntoplevel\r\n\$6\r\nobject\r\n\$4\r\nauth\r\n\$8\r\nusername\r\n\$7\r\ndefault\r\n\$11\r\nage-seconds\r\n\$3\r\n0.5\r\n\$11\r\nclient-info\r\n\$\d+\r\nid=3 addr=127.0.0.1:40001 /,
    );
  });
});

describe('AUTH and requirepass (4.0)', () => {
  it('answers with 4.0 texts, and every client must AUTH once a password is set', () => {
    const w = new Wire('4.0', 6379);
    w.srv.onAccept(1, '127.0.0.1:40001');
    w.send(1, 'AUTH', 'x');
    expect(w.take(1)).toBe('-ERR Client sent AUTH, but no password is set\r\n');
    w.send(1, 'CONFIG', 'SET', 'requirepass', 'pw');
    w.send(1, 'PING');
    expect(w.take(1)).toBe(`+OK\r\n${NOAUTH}`);
    w.send(1, 'AUTH', 'nope');
    w.send(1, 'AUTH', 'a', 'b');
    w.send(1, 'HELLO', '3');
    expect(w.take(1)).toBe(
      "-ERR invalid password\r\n-ERR wrong number of arguments for 'auth' command\r\n-ERR unknown command `HELLO`, with args beginning with: `3`, \r\n",
    );
    w.send(1, 'AUTH', 'pw');
    w.send(1, 'PING');
    expect(w.take(1)).toBe('+OK\r\n+PONG\r\n');
  });
});

describe('HELLO and RESP3', () => {
  it('answers a map (a flat array in RESP2) and switches the protocol', () => {
    const w = new Wire('7.0', 6379);
    w.srv.onAccept(1, '127.0.0.1:40001');
    const body = (proto: number) =>
      '$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n' +
      `:${proto}\r\n$2\r\nid\r\n:3\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n`;
    w.send(1, 'HELLO');
    expect(w.take(1)).toBe(`*14\r\n${body(2)}`);
    w.send(1, 'HELLO', '3');
    expect(w.take(1)).toBe(`%7\r\n${body(3)}`);
    w.send(1, 'GET', 'nope');
    w.send(1, 'LPOP', 'nope', '2');
    w.send(1, 'CONFIG', 'GET', 'maxmemory');
    expect(w.take(1)).toBe('_\r\n_\r\n%1\r\n$9\r\nmaxmemory\r\n$1\r\n0\r\n');
    w.send(1, 'CLIENT', 'INFO');
    expect(w.take(1)).toMatch(/^=\d+\r\ntxt:id=3 .* resp=3\n\r\n$/);
    w.send(1, 'HELLO', '2');
    w.take(1);
    w.send(1, 'GET', 'nope');
    expect(w.take(1)).toBe('$-1\r\n');
  });

  it('refuses bad versions and options, and needs authentication', () => {
    const w = new Wire('7.0', 6380, { requirepass: 'pw' });
    w.srv.onAccept(1, '127.0.0.1:40001');
    w.send(1, 'HELLO', '4');
    w.send(1, 'HELLO', 'x');
    w.send(1, 'HELLO', '3', 'BOGUS');
    w.send(1, 'HELLO', '3', 'AUTH', 'default');
    w.send(1, 'HELLO', '3');
    w.send(1, 'HELLO', '3', 'AUTH', 'default', 'bad');
    expect(w.take(1)).toBe(
      '-NOPROTO unsupported protocol version\r\n' +
        '-ERR Protocol version is not an integer or out of range\r\n' +
        "-ERR Syntax error in HELLO option 'BOGUS'\r\n" +
        "-ERR Syntax error in HELLO option 'AUTH'\r\n" +
        '-NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time\r\n' +
        WRONGPASS,
    );
    w.send(1, 'HELLO', '3', 'AUTH', 'default', 'pw', 'SETNAME', 'bad name');
    expect(w.take(1)).toBe('-ERR Client names cannot contain spaces, newlines or special characters.\r\n');
    // The AUTH part took effect even though SETNAME failed.
    w.send(1, 'HELLO', '3', 'setname', 'app');
    expect(w.take(1)).toMatch(/^%7\r\n/);
    w.send(1, 'CLIENT', 'GETNAME');
    expect(w.take(1)).toBe('$3\r\napp\r\n');
  });
});

describe.each(['7.0', '4.0'] as const)('masterauth in the handshake (%s)', (v) => {
  function replica(config: Record<string, string>) {
    const w = new Wire(v, 6380, { replicaof: '127.0.0.1 6379', ...config });
    w.runTo(1000);
    const link = w.connects[0].conn;
    w.srv.onConnected(link, '127.0.0.1:50000');
    w.take(link);
    w.raw(link, '-NOAUTH Authentication required.\r\n');
    return { w, link };
  }

  it('sends AUTH after PING (with masteruser in 7.0) and goes on when it is accepted', () => {
    const { w, link } = replica({ masterauth: 'pw', ...(v === '7.0' ? { masteruser: 'repl' } : {}) });
    expect(w.logs).toContain('* Master replied to PING, replication can continue...');
    const sent = w.take(link);
    if (v === '7.0')
      expect(
        sent.startsWith(encodeCommand(['AUTH', 'repl', 'pw']) + encodeCommand(['REPLCONF', 'listening-port', '6380'])),
      ).toBe(true);
    else expect(sent).toBe('AUTH pw\r\n');
    w.raw(link, '+OK\r\n');
    if (v === '4.0') expect(w.take(link)).toBe('REPLCONF listening-port 6380\r\n');
    expect(w.srv.rs.state).toBe('receive_port');
  });

  it('logs a refused AUTH, drops the link and tries again a second later', () => {
    const { w, link } = replica({ masterauth: 'bad' });
    w.take(link);
    w.raw(link, WRONGPASS);
    expect(w.logs).toContain(
      '# Unable to AUTH to MASTER: -WRONGPASS invalid username-password pair or user is disabled.',
    );
    expect(w.closed.has(link)).toBe(true);
    expect(w.srv.rs.state).toBe('connect');
    w.run(1000);
    expect(w.connects.length).toBe(2);
  });
});

describe('ACL for the default user', () => {
  it('manages the default user passwords as real Redis 7.0.15 answers', () => {
    const w = new Wire('7.0', 6379);
    w.srv.onAccept(1, '127.0.0.1:40001');
    const H_FOO = '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae';
    const cmd = (...argv: string[]) => {
      w.send(1, ...argv);
      return w.take(1);
    };
    expect(cmd('ACL', 'LIST')).toBe('*1\r\n$34\r\nuser default on nopass ~* &* +@all\r\n');
    expect(cmd('ACL', 'SETUSER', 'default', '>foo')).toBe('+OK\r\n');
    expect(cmd('ACL', 'LIST')).toBe(`*1\r\n$93\r\nuser default on #${H_FOO} ~* &* +@all\r\n`);
    expect(cmd('ACL', 'SETUSER', 'default', '<zzz')).toBe(
      "-ERR Error in ACL SETUSER modifier '<zzz': The password you are trying to remove from the user does not exist\r\n",
    );
    expect(cmd('ACL', 'SETUSER', 'default', 'bogus')).toBe(
      "-ERR Error in ACL SETUSER modifier 'bogus': Syntax error\r\n",
    );
    expect(cmd('ACL', 'SETUSER', 'default', 'allkeys', 'allcommands', '~*', '+@all')).toBe('+OK\r\n');
    expect(cmd('ACL', 'SETUSER', 'default', '-get')).toMatch(
      /^-ERR the playground's default user keeps every permission/,
    );
    expect(cmd('ACL', 'SETUSER', 'bob')).toMatch(/^-ERR the playground has only the 'default' user/);
    expect(cmd('ACL', 'GETUSER', 'default')).toBe(
      `*12\r\n$5\r\nflags\r\n*1\r\n$2\r\non\r\n$9\r\npasswords\r\n*1\r\n$64\r\n${H_FOO}\r\n$8\r\ncommands\r\n$5\r\n+@all\r\n$4\r\nkeys\r\n$2\r\n~*\r\n$8\r\nchannels\r\n$2\r\n&*\r\n$9\r\nselectors\r\n*0\r\n`,
    );
    expect(cmd('ACL', 'GETUSER', 'nope')).toBe('$-1\r\n');
    // This connection stays in; a new one must AUTH.
    w.srv.onAccept(2, '127.0.0.1:40002');
    w.send(2, 'PING');
    expect(w.take(2)).toBe(NOAUTH);
    expect(cmd('ACL', 'DELUSER', 'bob', 'default')).toBe("-ERR The 'default' user cannot be removed\r\n");
    expect(cmd('ACL', 'DELUSER', 'bob')).toBe(':0\r\n');
    expect(cmd('ACL', 'USERS')).toBe('*1\r\n$7\r\ndefault\r\n');
    expect(cmd('ACL', 'DRYRUN', 'default', 'get', 'x')).toBe('+OK\r\n');
    expect(cmd('ACL', 'DRYRUN', 'default', 'bogus')).toBe("-ERR Command 'bogus' not found\r\n");
    expect(cmd('ACL', 'DRYRUN', 'nouser', 'get')).toBe("-ERR User 'nouser' not found\r\n");
    expect(cmd('ACL', 'DRYRUN', 'default', 'get')).toBe("-ERR wrong number of arguments for 'get' command\r\n");
    expect(cmd('ACL', 'GENPASS', '0')).toBe(
      '-ERR ACL GENPASS argument must be the number of bits for the output password, a positive number up to 4096\r\n',
    );
    expect(cmd('ACL', 'GENPASS')).toMatch(/^\$64\r\n[0-9a-f]{64}\r\n$/);
    expect(cmd('ACL', 'GENPASS', '5')).toMatch(/^\$2\r\n[0-9a-f]{2}\r\n$/);
    expect(cmd('ACL', 'CAT', 'nope')).toBe("-ERR Unknown category 'nope'\r\n");
    expect(cmd('ACL', 'CAT', 'connection')).toContain('$5\r\nhello\r\n');
    expect(cmd('ACL', 'LOAD')).toMatch(/^-ERR This Redis instance is not configured to use an ACL file\./);
    expect(cmd('ACL', 'SETUSER', 'default', 'off')).toBe('+OK\r\n');
    w.srv.onAccept(3, '127.0.0.1:40003');
    w.send(3, 'AUTH', 'foo');
    expect(w.take(3)).toBe(WRONGPASS);
    expect(cmd('ACL', 'SETUSER', 'default', 'on', 'nopass')).toBe('+OK\r\n');
    expect(cmd('ACL', 'BOGUS')).toBe("-ERR unknown subcommand 'BOGUS'. Try ACL HELP.\r\n");
  });
});

describe('RESP3 replies of data commands', () => {
  it('HGETALL is a map, SMEMBERS and SPOP with a count sets, ZSCORE a double, ZRANGE WITHSCORES pairs', () => {
    const w = new Wire('7.0', 6379);
    w.srv.onAccept(1, '127.0.0.1:40001');
    w.send(1, 'HSET', 'h', 'a', '1');
    w.send(1, 'SADD', 's', 'x');
    w.send(1, 'ZADD', 'z', '1.5', 'm');
    w.take(1);
    const both = (...argv: string[]) => {
      w.send(1, 'HELLO', '2');
      w.take(1);
      w.send(1, ...argv);
      const two = w.take(1);
      w.send(1, 'HELLO', '3');
      w.take(1);
      w.send(1, ...argv);
      return [two, w.take(1)];
    };
    expect(both('HGETALL', 'h')).toEqual(['*2\r\n$1\r\na\r\n$1\r\n1\r\n', '%1\r\n$1\r\na\r\n$1\r\n1\r\n']);
    expect(both('HGETALL', 'nope')).toEqual(['*0\r\n', '%0\r\n']);
    expect(both('SMEMBERS', 's')).toEqual(['*1\r\n$1\r\nx\r\n', '~1\r\n$1\r\nx\r\n']);
    expect(both('SPOP', 'nope', '2')).toEqual(['*0\r\n', '~0\r\n']);
    expect(both('ZSCORE', 'z', 'm')).toEqual(['$3\r\n1.5\r\n', ',1.5\r\n']);
    expect(both('ZRANGE', 'z', '0', '-1', 'WITHSCORES')).toEqual([
      '*2\r\n$1\r\nm\r\n$3\r\n1.5\r\n',
      '*1\r\n*2\r\n$1\r\nm\r\n,1.5\r\n',
    ]);
  });
});

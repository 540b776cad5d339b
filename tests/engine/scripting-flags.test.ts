/**
 * Scripting beyond the script itself: 7.0's shebang flags on EVAL scripts (`#!lua
 * flags=no-writes,allow-stale`) as real 7.0.15 applies them (errors, read-only runs, what a
 * read-only or stale replica lets through), cjson.encode's object key order (Lua 5.1's table
 * order, as real Redis writes it), EVAL's key spec in COMMAND GETKEYS, and 4.0's replication
 * script cache, forgotten when a full sync starts so the next EVALSHA goes out as EVAL.
 */
import { describe, expect, it } from 'vitest';
import { Playground, type Reply } from '../../src/playground';
import { Wire } from './wire';

const M = '127.0.0.1:6379';
const R = '127.0.0.1:6380';

function pair(version: '7.0' | '4.0' = '7.0', replicaConfig: Record<string, string> = {}): Playground {
  const pg = new Playground({ version, seed: 3 });
  const ping = version === '7.0' ? 'repl-ping-replica-period' : 'repl-ping-slave-period';
  pg.addNode('127.0.0.1', 6379, { [ping]: '3600', 'repl-diskless-sync-delay': '0' });
  pg.addNode('127.0.0.1', 6380, { [ping]: '3600', ...replicaConfig });
  pg.start(M);
  pg.start(R);
  pg.exec(R, ['SLAVEOF', '127.0.0.1', '6379']);
  expect(pg.settle()).toBe(true);
  pg.exec(M, ['SET', 'warm', '1']);
  expect(pg.settle()).toBe(true);
  return pg;
}

const err = (s: string): Reply => ({ t: 'error', s });
const bulk = (s: string | null): Reply => ({ t: 'bulk', s });
const int = (n: number): Reply => ({ t: 'int', n });

describe('EVAL shebang flags (7.0)', () => {
  it('parses the shebang as real 7.0.15 and keeps the line numbers', () => {
    const pg = pair();
    const ev = (body: string, ...rest: string[]) => pg.exec(M, ['EVAL', body, '0', ...rest]);
    expect(ev('#!lua\nreturn 1')).toEqual(int(1));
    expect(ev('#!lua flags=no-writes,allow-stale\nreturn 2')).toEqual(int(2));
    expect(ev('#!lua flags=\nreturn 3')).toEqual(int(3));
    expect(ev('#!lua flags=no-writes flags=allow-oom\nreturn 4')).toEqual(int(4));
    expect(ev('#!lua flags=bad\nreturn 2')).toEqual(err('ERR Unexpected flag in script shebang: bad'));
    expect(ev('#!lua flags=no-writes,,allow-oom\nreturn 2')).toEqual(err('ERR Unexpected flag in script shebang: '));
    expect(ev('#!lua name=x\nreturn 2')).toEqual(err('ERR Unknown lua shebang option: name=x'));
    expect(ev('#!js\nreturn 2')).toEqual(err('ERR Unexpected engine in script shebang: #!js'));
    expect(ev('#!lua')).toEqual(err('ERR Invalid script shebang'));
    expect(pg.exec(M, ['SCRIPT', 'LOAD', '#!lua flags=bad\nreturn 1'])).toEqual(
      err('ERR Unexpected flag in script shebang: bad'),
    );
    expect(ev('#!lua\nerror("x")')).toEqual(
      err('ERR user_script:2: x script: 23ade40b599317f18975e8cce62f1fabc797480f, on @user_script:2.'),
    );
    expect(ev('#!lua\nreturn 1 +')).toEqual(
      err("ERR Error compiling script (new function): user_script:2: unexpected symbol near '<eof>'"),
    );
    expect(ev('return redis.REDIS_VERSION')).toEqual(bulk('7.0.15'));
  });

  it('refuses writes without no-writes in EVAL_RO and inside scripts with it', () => {
    const pg = pair();
    expect(pg.exec(M, ['EVAL_RO', '#!lua\nreturn 1', '0'])).toEqual(
      err('ERR Can not execute a script with write flag using *_ro command.'),
    );
    expect(pg.exec(M, ['EVAL_RO', '#!lua flags=no-writes\nreturn 1', '0'])).toEqual(int(1));
    expect(pg.exec(M, ['EVAL', '#!lua flags=no-writes\nreturn redis.call("set","a","1")', '0'])).toEqual(
      err(
        'ERR Write commands are not allowed from read-only scripts. script: 86717419ceecb14f8b7a162ec7485f7d21d4ad13, on @user_script:2.',
      ),
    );
  });

  it('goes by the flags on a read-only replica and on a stale one', () => {
    const pg = pair('7.0', { 'replica-serve-stale-data': 'no' });
    // A shebang without no-writes makes EVAL a write: refused before it runs, even reading.
    expect(pg.exec(R, ['EVAL', '#!lua\nreturn 1', '0'])).toEqual(
      err("READONLY You can't write against a read only replica."),
    );
    expect(pg.exec(R, ['EVAL', '#!lua flags=no-writes\nreturn 1', '0'])).toEqual(int(1));
    // Without a shebang EVAL runs, and only the write inside is refused.
    expect(pg.exec(R, ['EVAL', 'return 1', '0'])).toEqual(int(1));
    pg.kill(M);
    pg.settle();
    expect(pg.exec(R, ['EVAL', '#!lua flags=no-writes\nreturn 1', '0'])).toEqual(
      err("MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'."),
    );
    expect(pg.exec(R, ['EVAL', '#!lua flags=no-writes,allow-stale\nreturn 1', '0'])).toEqual(int(1));
    expect(pg.exec(R, ['EVAL', 'return 1', '0'])).toEqual(
      err("MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'."),
    );
  });
});

describe('cjson.encode key order', () => {
  it('writes object keys in Lua 5.1 table order, as real Redis does', () => {
    const pg = pair();
    const enc = (lua: string) => pg.exec(M, ['EVAL', `return cjson.encode(${lua})`, '0']);
    // Each expected text is what redis-server 7.0.15 answered.
    expect(enc('{a=1,b=2,c=3}')).toEqual(bulk('{"a":1,"c":3,"b":2}'));
    expect(enc("{foo='bar', baz=1, x={1,2}, hello='world'}")).toEqual(
      bulk('{"hello":"world","x":[1,2],"baz":1,"foo":"bar"}'),
    );
    expect(enc('(function() local t = {} t.one=1 t.two=2 t.three=3 t.four=4 return t end)()')).toEqual(
      bulk('{"one":1,"four":4,"three":3,"two":2}'),
    );
    expect(enc(`cjson.decode('{"b":1,"a":2,"c":{"q":1,"p":2}}')`)).toEqual(bulk('{"a":2,"c":{"q":1,"p":2},"b":1}'));
  });
});

describe('cmsgpack and struct', () => {
  // Each expected value is what redis-server 7.0.15 answered for the same script.
  it('packs and unpacks as Redis bundles them', () => {
    const pg = pair();
    const ev = (lua: string) => pg.exec(M, ['EVAL', lua, '0']);
    expect(ev("return cmsgpack.pack({1,2,'a'})")).toEqual(bulk('\x93\x01\x02\xa1a'));
    expect(ev('return cmsgpack.pack(-1, -33, 200, 70000, -40000, 1.5, 0.1, true, nil)')).toEqual(
      bulk(
        '\xff\xd0\xdf\xcc\xc8\xce\x00\x01\x11\x70\xd2\xff\xff\x63\xc0\xca\x3f\xc0\x00\x00\xcb\x3f\xb9\x99\x99\x99\x99\x99\x9a\xc3\xc0',
      ),
    );
    expect(ev("return cmsgpack.pack({a=1,b={c=2},e='x'})")).toEqual(bulk('\x83\xa1a\x01\xa1e\xa1x\xa1b\x81\xa1c\x02'));
    expect(ev("return {cmsgpack.unpack(cmsgpack.pack(1, 'two', {3, 4}))}")).toEqual({
      t: 'array',
      items: [int(1), bulk('two'), { t: 'array', items: [int(3), int(4)] }],
    });
    expect(ev('return {cmsgpack.unpack_limit(cmsgpack.pack(1, 2, 3), 2)}')).toEqual({
      t: 'array',
      items: [int(2), int(1), int(2)],
    });
    expect(ev("return cmsgpack.unpack('\\205\\1')")).toEqual(
      err(
        'ERR user_script:1: Missing bytes in input. script: 4679240a23ff9735759d614fd4b677cab6fb1b9a, on @user_script:1.',
      ),
    );
    expect(ev("return struct.pack('<i4 h b B', -2, 300, -1, 255)")).toEqual(bulk('\xfe\xff\xff\xff\x2c\x01\xff\xff'));
    expect(ev("return {struct.unpack('>I2 b', '\\1\\2\\255')}")).toEqual({
      t: 'array',
      items: [int(258), int(-1), int(4)],
    });
    expect(ev("return struct.size('!8 b d i2')")).toEqual(int(18));
    expect(ev("return struct.pack('z', 1)")).toEqual(
      err(
        "ERR user_script:1: bad argument #1 to 'pack' (invalid format option 'z') script: b1a49a62278d772f47cfca6a679bc33c0fa64430, on @user_script:1.",
      ),
    );
  });
});

describe('EVAL key specs', () => {
  it('finds the keys numkeys counts', () => {
    const pg = pair();
    expect(pg.exec(M, ['COMMAND', 'GETKEYS', 'EVAL', 'return 1', '2', 'a', 'b', 'c'])).toEqual({
      t: 'array',
      items: [bulk('a'), bulk('b')],
    });
    expect(pg.exec(M, ['COMMAND', 'GETKEYS', 'FCALL_RO', 'f', '1', 'a', 'b'])).toEqual({
      t: 'array',
      items: [bulk('a')],
    });
  });
});

describe('4.0 replication script cache', () => {
  it('is forgotten when a full sync starts: the next EVALSHA goes out as EVAL', () => {
    const pg = pair('4.0');
    const body = "return redis.call('set', KEYS[1], ARGV[1])";
    const sha = (pg.exec(M, ['SCRIPT', 'LOAD', body]) as { s: string }).s;
    pg.exec(M, ['EVALSHA', sha, '1', 'k', 'v1']); // EVAL (the replica may not know it)
    pg.exec(M, ['EVALSHA', sha, '1', 'k', 'v2']); // EVALSHA
    expect(pg.settle()).toBe(true);
    // A second replica syncs: it has no script cache, so EVALSHA must be rewritten again.
    pg.addNode('127.0.0.1', 6381, { 'repl-ping-slave-period': '3600' });
    pg.start('127.0.0.1:6381');
    pg.exec('127.0.0.1:6381', ['SLAVEOF', '127.0.0.1', '6379']);
    expect(pg.settle()).toBe(true);
    const before = pg.snapshot(M)!.masterReplOffset;
    pg.exec(M, ['EVALSHA', sha, '1', 'k', 'v3']);
    expect(pg.settle()).toBe(true);
    // SELECT first (a new full sync resets the stream's db), then the EVAL.
    const evalLen =
      '*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n'.length +
      `*5\r\n$4\r\nEVAL\r\n$${body.length}\r\n${body}\r\n$1\r\n1\r\n$1\r\nk\r\n$2\r\nv3\r\n`.length;
    expect(pg.snapshot(M)!.masterReplOffset - before).toBe(evalLen);
    expect(pg.exec('127.0.0.1:6381', ['GET', 'k'])).toEqual(bulk('v3'));
  });
});

describe('MONITOR and scripts', () => {
  it('shows EVAL and FCALL once, before the commands they run, in both dialects', () => {
    for (const version of ['7.0', '4.0'] as const) {
      const w = new Wire(version, 6379);
      w.srv.onAccept(1, '127.0.0.1:40001');
      w.srv.onAccept(2, '127.0.0.1:40002');
      w.send(1, 'MONITOR');
      w.take(1);
      w.send(2, 'EVAL', "return redis.call('set', 'k', 'v')", '0');
      if (version === '7.0') {
        w.send(
          2,
          'FUNCTION',
          'LOAD',
          "#!lua name=l\nredis.register_function('f', function() return redis.call('get', 'k') end)",
        );
        w.send(2, 'FCALL', 'f', '0');
      }
      const lines = w
        .take(1)
        .split('\r\n')
        .filter((l) => l !== '')
        .map((l) => l.replace(/^\+[0-9.]+ /, ''));
      const evalLine = `[0 127.0.0.1:40002] "EVAL" "return redis.call('set', 'k', 'v')" "0"`;
      const setLine = '[0 lua] "set" "k" "v"';
      expect(lines.slice(0, 2), version).toEqual([evalLine, setLine]);
      if (version === '7.0') {
        expect(lines.slice(3)).toEqual(['[0 127.0.0.1:40002] "FCALL" "f" "0"', '[0 lua] "get" "k"']);
      }
    }
  });
});

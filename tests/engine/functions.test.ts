/**
 * FUNCTION / FCALL (7.0): libraries loaded from their `#!lua name=` code, functions registered
 * by position or by table with flags, the error texts real 7.0.15 answers, read-only
 * enforcement (FCALL_RO, `no-writes`, read-only replicas), FUNCTION DUMP / RESTORE, and
 * replication: FUNCTION LOAD / DELETE / FLUSH / RESTORE propagate as typed, FCALL as the writes
 * it makes, and a full sync carries the libraries in the RDB. 4.0 knows none of it.
 * tests/diff/scenarios/61-63 compare replies and offsets with real redis-server.
 */
import { describe, expect, it } from 'vitest';
import { Playground, type Reply } from '../../src/playground';

const M = '127.0.0.1:6379';
const R = '127.0.0.1:6380';

function node(version: '7.0' | '4.0' = '7.0'): Playground {
  const pg = new Playground({ version, seed: 3 });
  pg.addNode('127.0.0.1', 6379, {});
  pg.start(M);
  return pg;
}

function pair(): Playground {
  const pg = new Playground({ version: '7.0', seed: 3 });
  for (const port of [6379, 6380]) {
    pg.addNode('127.0.0.1', port, { 'repl-ping-replica-period': '3600', 'repl-diskless-sync-delay': '0' });
    pg.start(`127.0.0.1:${port}`);
  }
  pg.exec(R, ['REPLICAOF', '127.0.0.1', '6379']);
  expect(pg.settle()).toBe(true);
  pg.exec(M, ['SET', 'warm', '1']);
  expect(pg.settle()).toBe(true);
  return pg;
}

function resp(...argv: string[]): number {
  let n = `*${argv.length}\r\n`.length;
  for (const a of argv) n += `$${a.length}\r\n`.length + a.length + 2;
  return n;
}

const offset = (pg: Playground) => pg.snapshot(M)!.masterReplOffset;

function run(pg: Playground, argv: string[]): { reply: Reply | null; sent: number } {
  const before = offset(pg);
  const reply = pg.exec(M, argv);
  expect(pg.settle()).toBe(true);
  return { reply, sent: offset(pg) - before };
}

const err = (s: string): Reply => ({ t: 'error', s });
const bulk = (s: string | null): Reply => ({ t: 'bulk', s });

const LIB = `#!lua name=mylib
redis.register_function('myset', function(keys, args) return redis.call('set', keys[1], args[1]) end)
redis.register_function{function_name='myget', callback=function(keys) return redis.call('get', keys[1]) end, flags={'no-writes'}, description='read it'}`;

describe('FUNCTION LOAD', () => {
  it('answers the library name and the errors of real 7.0.15', () => {
    const pg = node();
    const load = (code: string, ...opts: string[]) => pg.exec(M, ['FUNCTION', 'LOAD', ...opts, code]);
    expect(load(LIB)).toEqual(bulk('mylib'));
    expect(load(LIB)).toEqual(err("ERR Library 'mylib' already exists"));
    expect(load(LIB, 'REPLACE')).toEqual(bulk('mylib'));
    const cases: [string, string][] = [
      ["#!lua name=b\nredis.register_function('MYSET', function() end)", 'ERR Function MYSET already exists'],
      ['return 1', 'ERR Missing library metadata'],
      ['#!lua name=a', 'ERR Invalid library metadata'],
      ['#!lua\nreturn', 'ERR Library name was not given'],
      ['#!js name=a\nreturn', "ERR Engine 'js' not found"],
      ['#!lua name=a foo=bar\nreturn', 'ERR Invalid metadata value given: foo=bar'],
      ['#!lua name=a name=b\nreturn', 'ERR Invalid metadata value, name argument was given multiple times'],
      [
        '#!lua name=a-b\nreturn',
        'ERR Library names can only contain letters, numbers, or underscores(_) and must be at least one character long',
      ],
      ['#!lua name=a\n', 'ERR No functions registered'],
      ['#!lua name=a\nreturn 1 +', "ERR Error compiling function: user_function:2: unexpected symbol near '<eof>'"],
      [
        "#!lua name=a\nredis.register_function('a')",
        'ERR Error registering functions: ERR calling redis.register_function with a single argument is only applicable to Lua table (representing named arguments).',
      ],
      [
        '#!lua name=a\nredis.register_function(1,2,3)',
        'ERR Error registering functions: ERR wrong number of arguments to redis.register_function',
      ],
      [
        "#!lua name=a\nredis.register_function{function_name='a'}",
        'ERR Error registering functions: ERR redis.register_function must get a callback argument',
      ],
      [
        "#!lua name=a\nredis.register_function{function_name='a', callback=function() end, flags={'bad'}}",
        'ERR Error registering functions: ERR unknown flag given',
      ],
      [
        "#!lua name=a\nredis.register_function{function_name='a', callback=function() end, foo=1}",
        'ERR Error registering functions: ERR unknown argument given to redis.register_function',
      ],
      [
        "#!lua name=a\nredis.call('ping')",
        "ERR Error registering functions: ERR user_function:2: Script attempted to access nonexistent global variable 'call'",
      ],
      [
        "#!lua name=a\nlocal x = string.len('a')",
        "ERR Error registering functions: ERR user_function:2: Script attempted to access nonexistent global variable 'string'",
      ],
      [
        '#!lua name=a\nx = 1',
        'ERR Error registering functions: ERR user_function:2: Attempt to modify a readonly table',
      ],
      [
        "#!lua name=a\nredis.register_function('a-b', function() end)",
        'ERR Error registering functions: ERR Library names can only contain letters, numbers, or underscores(_) and must be at least one character long',
      ],
      [
        "#!lua name=a\nredis.register_function('a', function() end)\nredis.register_function('a', function() end)",
        'ERR Error registering functions: ERR Function already exists in the library',
      ],
    ];
    for (const [code, e] of cases) expect(load(code), code).toEqual(err(e));
    expect(pg.exec(M, ['FUNCTION', 'LOAD', 'foo', LIB])).toEqual(err('ERR Unknown option given: foo'));
    // Nothing of the failed loads stayed.
    expect(pg.exec(M, ['FUNCTION', 'STATS'])).toEqual({
      t: 'array',
      items: [
        bulk('running_script'),
        bulk(null),
        bulk('engines'),
        {
          t: 'array',
          items: [
            bulk('LUA'),
            {
              t: 'array',
              items: [bulk('libraries_count'), { t: 'int', n: 1 }, bulk('functions_count'), { t: 'int', n: 2 }],
            },
          ],
        },
      ],
    });
  });

  it('lists libraries with their functions, flags and (WITHCODE) code', () => {
    const pg = node();
    pg.exec(M, ['FUNCTION', 'LOAD', LIB]);
    const fn = (name: string, desc: string | null, flags: string[]): Reply => ({
      t: 'array',
      items: [
        bulk('name'),
        bulk(name),
        bulk('description'),
        bulk(desc),
        bulk('flags'),
        { t: 'array', items: flags.map((s) => ({ t: 'status', s })) },
      ],
    });
    const lib: Reply[] = [
      bulk('library_name'),
      bulk('mylib'),
      bulk('engine'),
      bulk('LUA'),
      bulk('functions'),
      { t: 'array', items: [fn('myset', null, []), fn('myget', 'read it', ['no-writes'])] },
    ];
    expect(pg.exec(M, ['FUNCTION', 'LIST'])).toEqual({ t: 'array', items: [{ t: 'array', items: lib }] });
    expect(pg.exec(M, ['FUNCTION', 'LIST', 'WITHCODE', 'LIBRARYNAME', 'MY*'])).toEqual({
      t: 'array',
      items: [{ t: 'array', items: [...lib, bulk('library_code'), bulk(LIB)] }],
    });
    expect(pg.exec(M, ['FUNCTION', 'LIST', 'LIBRARYNAME', 'x*'])).toEqual({ t: 'array', items: [] });
    expect(pg.exec(M, ['FUNCTION', 'LIST', 'LIBRARYNAME'])).toEqual(err('ERR library name argument was not given'));
    expect(pg.exec(M, ['FUNCTION', 'LIST', 'foo'])).toEqual(err('ERR Unknown argument foo'));
  });
});

describe('FCALL', () => {
  it('calls functions by name in any case, with keys and args as parameters', () => {
    const pg = node();
    pg.exec(M, ['FUNCTION', 'LOAD', LIB]);
    pg.exec(M, [
      'FUNCTION',
      'LOAD',
      `#!lua name=e
redis.register_function("e1", function(k,a) return redis.call("nope") end)
redis.register_function("e2", function(k,a) error("boom") end)
redis.register_function("e3", function(k,a) return KEYS end)
redis.register_function("e4", function(k,a) return {k[1], a[1], #k, #a} end)
redis.register_function("e7", function(k,a) return redis.REDIS_VERSION end)`,
    ]);
    expect(pg.exec(M, ['FCALL', 'MYSET', '1', 'k', 'v'])).toEqual({ t: 'status', s: 'OK' });
    expect(pg.exec(M, ['FCALL_RO', 'myget', '1', 'k'])).toEqual(bulk('v'));
    const info = (pg.exec(M, ['INFO', 'memory']) as { s: string }).s;
    expect(info).toContain('number_of_functions:7\r\nnumber_of_libraries:2\r\n');
    expect(pg.exec(M, ['FCALL_RO', 'myset', '1', 'k', 'v'])).toEqual(
      err('ERR Can not execute a script with write flag using *_ro command.'),
    );
    expect(pg.exec(M, ['FCALL', 'nope', '0'])).toEqual(err('ERR Function not found'));
    expect(pg.exec(M, ['FCALL', 'myget', 'x'])).toEqual(err('ERR Bad number of keys provided'));
    expect(pg.exec(M, ['FCALL', 'myget', '2', 'k'])).toEqual(
      err("ERR Number of keys can't be greater than number of args"),
    );
    expect(pg.exec(M, ['FCALL', 'myget', '-1'])).toEqual(err("ERR Number of keys can't be negative"));
    expect(pg.exec(M, ['FCALL', 'e1', '1', 'kk', 'aa'])).toEqual(
      err('ERR Unknown Redis command called from script script: e1, on @user_function:2.'),
    );
    expect(pg.exec(M, ['FCALL', 'e2', '0'])).toEqual(err('ERR user_function:3: boom script: e2, on @user_function:3.'));
    pg.exec(M, ['EVAL', 'return 1', '1', 'leftover']);
    expect(pg.exec(M, ['FCALL', 'e3', '0'])).toEqual(
      err(
        "ERR user_function:4: Script attempted to access nonexistent global variable 'KEYS' script: e3, on @user_function:4.",
      ),
    );
    expect(pg.exec(M, ['FCALL', 'e4', '1', 'kk', 'aa'])).toEqual({
      t: 'array',
      items: [bulk('kk'), bulk('aa'), { t: 'int', n: 1 }, { t: 'int', n: 1 }],
    });
    expect(pg.exec(M, ['FCALL', 'e7', '0'])).toEqual(bulk('7.0.15'));
  });

  it('is unknown to the 4.0 dialect', () => {
    const pg = node('4.0');
    expect(pg.exec(M, ['FCALL', 'f', '0'])?.t).toBe('error');
    expect((pg.exec(M, ['FUNCTION', 'LIST']) as { s: string }).s).toMatch(/^ERR unknown command `FUNCTION`/);
  });
});

describe('functions and replication', () => {
  it('propagates LOAD, DELETE, FLUSH and RESTORE as typed and FCALL as its writes', () => {
    const pg = pair();
    expect(run(pg, ['FUNCTION', 'LOAD', LIB]).sent).toBe(resp('FUNCTION', 'LOAD', LIB));
    expect(run(pg, ['FCALL', 'myset', '1', 'k', 'v']).sent).toBe(resp('set', 'k', 'v'));
    expect(run(pg, ['FCALL', 'myget', '1', 'k']).sent).toBe(0);
    expect(pg.exec(R, ['FCALL_RO', 'myget', '1', 'k'])).toEqual(bulk('v'));
    // A function that may write is a write: refused on the read-only replica before it runs.
    expect(pg.exec(R, ['FCALL', 'myset', '1', 'k', 'x'])).toEqual(
      err("READONLY You can't write against a read only replica."),
    );
    expect(pg.exec(R, ['FUNCTION', 'DELETE', 'mylib'])).toEqual(
      err("READONLY You can't write against a read only replica."),
    );
    const dump = pg.exec(M, ['FUNCTION', 'DUMP']) as { s: string };
    expect(run(pg, ['FUNCTION', 'DELETE', 'mylib']).sent).toBe(resp('FUNCTION', 'DELETE', 'mylib'));
    expect(pg.exec(R, ['FUNCTION', 'LIST'])).toEqual({ t: 'array', items: [] });
    expect(run(pg, ['FUNCTION', 'RESTORE', dump.s]).sent).toBe(resp('FUNCTION', 'RESTORE', dump.s));
    expect(pg.exec(R, ['FCALL_RO', 'myget', '1', 'k'])).toEqual(bulk('v'));
    expect(run(pg, ['FUNCTION', 'FLUSH', 'SYNC']).sent).toBe(resp('FUNCTION', 'FLUSH', 'SYNC'));
    expect(pg.exec(R, ['FCALL_RO', 'myget', '1', 'k'])).toEqual(err('ERR Function not found'));
  });

  it('carries the libraries to a replica in the full sync', () => {
    const pg = pair();
    pg.exec(M, ['FUNCTION', 'LOAD', LIB]);
    pg.exec(R, ['REPLICAOF', 'NO', 'ONE']);
    pg.exec(R, ['FUNCTION', 'LOAD', '#!lua name=other\nredis.register_function("o", function() return 1 end)']);
    pg.exec(R, ['REPLICAOF', '127.0.0.1', '6379']);
    expect(pg.settle()).toBe(true);
    pg.exec(M, ['SET', 'k', 'v']);
    expect(pg.settle()).toBe(true);
    // The replica's own library is gone: the master's replaced it.
    const list = pg.exec(R, ['FUNCTION', 'LIST']) as { items: readonly { items: readonly Reply[] }[] };
    expect(list.items.map((l) => l.items[1])).toEqual([bulk('mylib')]);
    expect(pg.exec(R, ['FCALL_RO', 'myget', '1', 'k'])).toEqual(bulk('v'));
  });
});

describe('FUNCTION DUMP and RESTORE', () => {
  it('restores with APPEND, REPLACE and FLUSH and refuses bad payloads', () => {
    const pg = node();
    pg.exec(M, ['FUNCTION', 'LOAD', LIB]);
    const dump = (pg.exec(M, ['FUNCTION', 'DUMP']) as { s: string }).s;
    expect(dump.charCodeAt(0)).toBe(0xf5);
    expect(pg.exec(M, ['FUNCTION', 'RESTORE', dump])).toEqual(err('ERR Library mylib already exists'));
    expect(pg.exec(M, ['FUNCTION', 'RESTORE', dump, 'REPLACE'])).toEqual({ t: 'status', s: 'OK' });
    expect(pg.exec(M, ['FUNCTION', 'RESTORE', dump, 'FLUSH'])).toEqual({ t: 'status', s: 'OK' });
    expect(pg.exec(M, ['FUNCTION', 'RESTORE', dump, 'foo'])).toEqual(
      err('ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.'),
    );
    expect(pg.exec(M, ['FUNCTION', 'RESTORE', 'abc'])).toEqual(err('ERR DUMP payload version or checksum are wrong'));
    expect(pg.exec(M, ['FUNCTION', 'RESTORE', 'abc', 'flush', 'x'])).toEqual(
      err("ERR unknown subcommand or wrong number of arguments for 'RESTORE'. Try FUNCTION HELP."),
    );
    expect(pg.exec(M, ['FUNCTION', 'FLUSH', 'foo'])).toEqual(err('ERR FUNCTION FLUSH only supports SYNC|ASYNC option'));
    expect(pg.exec(M, ['FUNCTION', 'DELETE', 'nope'])).toEqual(err('ERR Library not found'));
    expect(pg.exec(M, ['FUNCTION', 'KILL'])).toEqual(err('NOTBUSY No scripts in execution right now.'));
    // A payload of a library whose function another library already has: all or nothing.
    pg.exec(M, ['FUNCTION', 'FLUSH']);
    pg.exec(M, ['FUNCTION', 'LOAD', "#!lua name=x\nredis.register_function('myset', function() end)"]);
    expect(pg.exec(M, ['FUNCTION', 'RESTORE', dump])).toEqual(err('ERR Function myset already exists'));
    expect((pg.exec(M, ['FUNCTION', 'LIST']) as { items: readonly Reply[] }).items.length).toBe(1);
  });
});

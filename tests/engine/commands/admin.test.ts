/**
 * Server-level commands and rules, driven through a Playground console like a person with
 * redis-cli: DEBUG (DIGEST equal to real redis-server's, the enable-debug-command gate), OBJECT
 * (encodings, REFCOUNT, IDLETIME, FREQ), CONFIG (7.0 and 4.0 texts, atomic multi-set, port),
 * the HELP texts, 4.0 arities, the keyIsExpired boundary and the replicas' lookup of expired keys.
 *
 * Every expected reply and digest was read from real redis-server 7.0.15 / 4.0.14 given the same
 * commands.
 */
import { describe, expect, it } from 'vitest';
import { sha1, toHex } from '../../../src/engine/commands/util/sha1';
import { Playground, type RedisVersion, type Reply } from '../../../src/playground';

const OK: Reply = { t: 'status', s: 'OK' };
const err = (s: string): Reply => ({ t: 'error', s });
const bulk = (s: string | null): Reply => ({ t: 'bulk', s });
const int = (n: number): Reply => ({ t: 'int', n });
const st = (s: string): Reply => ({ t: 'status', s });

/** One node (or more) on a fresh playground; `r` runs a console command. */
function node(v: RedisVersion = '7.0', n = 1) {
  const pg = new Playground({ version: v, seed: 5 });
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    names.push(pg.addNode('127.0.0.1', 6379 + i));
    pg.start(names[i]);
  }
  const logs: string[] = [];
  pg.events.on((ev) => {
    if (ev.type === 'log')
      logs.push(
        `${ev.node.split(':')[1]} ${ev.line.replace(/^\d+:/, '').replace(/ \d\d \w{3} (\d{4} )?[\d:.]+ /, ' ')}`,
      );
  });
  const r = (...argv: string[]): Reply | null => pg.exec(names[0], argv);
  const on = (i: number, ...argv: string[]): Reply | null => pg.exec(names[i], argv);
  return { pg, r, on, names, logs };
}

describe('SHA-1', () => {
  it('matches the FIPS 180 test vectors', () => {
    expect(toHex(sha1(''))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(toHex(sha1('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(toHex(sha1('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '84983e441c3bd26ebaae4aa1f95129e5e54670f1',
    );
    expect(toHex(sha1('a'.repeat(1_000_000)))).toBe('34aa973cd4c4daa4f61eeb2bdbad27316534016f');
    expect(toHex(sha1(new Uint8Array([0, 255, 128])))).toBe(toHex(sha1('\u0000\u00ff\u0080')));
  });
});

describe.each(['7.0', '4.0'] as const)('DEBUG DIGEST (%s)', (v) => {
  it('equals real redis-server for strings, lists, hashes, sets, sorted sets, TTLs and dbs', () => {
    const { r } = node(v);
    expect(r('DEBUG', 'DIGEST')).toEqual(st('0'.repeat(40)));
    r('SET', 'k', 'v');
    expect(r('DEBUG', 'DIGEST')).toEqual(st('264ccf65edec66bccfa7cc659414ccca432057d2'));
    r('RPUSH', 'l', 'a', 'b', 'c');
    r('HSET', 'h', 'f1', 'v1', 'f2', 'v2');
    r('SADD', 's', 'm1', 'm2', '3');
    r('ZADD', 'z', '1', 'a', '2.5', 'b', '-3', 'c', '1e20', 'd', '0.1', 'e');
    r('SET', 't', 'v', 'EX', '1000');
    expect(r('DEBUG', 'DIGEST')).toEqual(st('75b99bc028a6ac0c402c585a517412e4b5ad09b4'));
    r('SELECT', '5');
    r('SET', 'k', 'v');
    expect(r('DEBUG', 'DIGEST')).toEqual(st('93cd1440a8aceed874c5470097c32bddd1bb4094'));
    r('FLUSHALL');
    r('SET', 'k', 'v');
    expect(r('DEBUG', 'DIGEST')).toEqual(st('0a2747b2f379daa5889bbf9f6ba609f4bc9bc4cb'));
  });

  it('does not depend on insertion order of unordered types, but does on list order', () => {
    const a = node(v);
    const b = node(v);
    a.r('SADD', 's', 'x', 'y', 'z');
    b.r('SADD', 's', 'z', 'y', 'x');
    a.r('HSET', 'h', 'a', '1', 'b', '2');
    b.r('HSET', 'h', 'b', '2', 'a', '1');
    expect(a.r('DEBUG', 'DIGEST')).toEqual(b.r('DEBUG', 'DIGEST'));
    a.r('RPUSH', 'l', '1', '2');
    b.r('RPUSH', 'l', '2', '1');
    expect(a.r('DEBUG', 'DIGEST')).not.toEqual(b.r('DEBUG', 'DIGEST'));
  });

  it('a master and its caught-up replica agree', () => {
    const { pg, r, on, names } = node(v, 2);
    for (let i = 0; i < 2; i++) on(i, 'CONFIG', 'SET', 'repl-diskless-sync-delay', '0');
    on(1, 'SLAVEOF', '127.0.0.1', '6379');
    r('SET', 'a', '1');
    r('ZADD', 'z', '1.5', 'm');
    r('EXPIRE', 'a', '100');
    pg.settle();
    expect(on(1, 'DEBUG', 'DIGEST')).toEqual(r('DEBUG', 'DIGEST'));
    expect(names).toHaveLength(2);
  });
});

describe('DEBUG (7.0)', () => {
  it('DIGEST-VALUE: one digest per key (zeros when missing), as real 7.0', () => {
    const { r } = node();
    r('SET', 'k', 'v');
    r('RPUSH', 'l', 'a', 'b', 'c');
    r('HSET', 'h', 'f1', 'v1', 'f2', 'v2');
    r('SADD', 's', 'm1', 'm2', '3');
    r('ZADD', 'z', '1', 'a', '2.5', 'b', '-3', 'c', '1e20', 'd', '0.1', 'e');
    r('SET', 't', 'v', 'EX', '1000');
    expect(r('DEBUG', 'DIGEST-VALUE', 'k', 'l', 'h', 's', 'z', 't', 'nokey')).toEqual({
      t: 'array',
      items: [
        st('d79ee9fe5d5ad902d7f6620efc3b07b75ddd742f'),
        st('8bf72d812571eea9b927f3c11beb0c4165a6ff89'),
        st('047cc60ea73a34cde6d08a2721a4a26d19ee6570'),
        st('59972ab52e96f6d8bccb960e676357a6a688bd03'),
        st('aa2197c416d7917ad1c9b6214edd61d544dffdf3'),
        st('311b17018163335616e089f6b951c82c477335ac'),
        st('0'.repeat(40)),
      ],
    });
    expect(r('DEBUG', 'DIGEST-VALUE')).toEqual({ t: 'array', items: [] });
  });

  it('a skiplist keeps a -0 score that a listpack turns into 0 (the digest shows it)', () => {
    const { r } = node();
    r('ZADD', 'small', '-0', 'neg');
    expect(r('ZSCORE', 'small', 'neg')).toEqual(bulk('0'));
    const members = Array.from({ length: 200 }, (_, i) => [String(i * 0.5), `m${i}`]).flat();
    r('ZADD', 'bigz', ...members);
    r('ZADD', 'bigz', '-0', 'neg');
    expect(r('ZSCORE', 'bigz', 'neg')).toEqual(bulk('-0'));
    expect(r('DEBUG', 'DIGEST-VALUE', 'bigz')).toEqual({
      t: 'array',
      items: [st('ce8f07b4f5396956b416086a2027e83ee6715238')],
    });
  });

  it('errors, HELP, and the enable-debug-command gate', () => {
    const { r } = node();
    expect(r('DEBUG', 'FOO')).toEqual(
      err("ERR unknown subcommand or wrong number of arguments for 'FOO'. Try DEBUG HELP."),
    );
    expect(r('DEBUG')).toEqual(err("ERR wrong number of arguments for 'debug' command"));
    expect(r('DEBUG', 'ERROR', 'oops it failed')).toEqual(err('oops it failed'));
    expect(r('DEBUG', 'SLEEP', '0')).toEqual(OK);
    const help = r('debug', 'help') as { items: readonly Reply[] };
    expect(help.items[0]).toEqual(st('DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:'));
    expect(help.items).toHaveLength(106);
    expect(help.items.at(-1)).toEqual(st('    Prints this help.'));
    expect(r('CONFIG', 'GET', 'enable-debug-command')).toEqual({
      t: 'array',
      items: [bulk('enable-debug-command'), bulk('local')],
    });
    expect(r('CONFIG', 'SET', 'enable-debug-command', 'yes')).toEqual(
      err("ERR CONFIG SET failed (possibly related to argument 'enable-debug-command') - can't set immutable config"),
    );
  });

  it('is refused when enable-debug-command says no (real 7.0 default), even in MULTI', () => {
    const pg = new Playground({ version: '7.0' });
    const n = pg.addNode('127.0.0.1', 6379, { 'enable-debug-command': 'no' });
    pg.start(n);
    const refused = err(
      'ERR DEBUG command not allowed. If the enable-debug-command option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.',
    );
    expect(pg.exec(n, ['DEBUG', 'DIGEST'])).toEqual(refused);
    pg.exec(n, ['MULTI']);
    expect(pg.exec(n, ['DEBUG', 'DIGEST'])).toEqual(refused);
    expect(pg.exec(n, ['EXEC'])).toEqual(err('EXECABORT Transaction discarded because of previous errors.'));
  });

  it('DEBUG RELOAD saves, reloads and logs; SET-ACTIVE-EXPIRE 0 stops the active expire cycle', () => {
    const { pg, r, logs } = node();
    r('SET', 'k', 'v');
    expect(r('DEBUG', 'RELOAD')).toEqual(OK);
    expect(logs.at(-1)).toMatch(/# DB reloaded by DEBUG RELOAD$/);
    expect(r('GET', 'k')).toEqual(bulk('v'));
    expect(r('DEBUG', 'RELOAD', 'BOGUS')).toEqual(
      err('ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.'),
    );
    r('DEBUG', 'SET-ACTIVE-EXPIRE', '0');
    r('SET', 'e', 'v', 'PX', '100');
    pg.advance(500);
    expect(r('DBSIZE')).toEqual(int(2));
    expect(r('GET', 'e')).toEqual(bulk(null));
    expect(r('DBSIZE')).toEqual(int(1));
  });

  it('CHANGE-REPL-ID gives a new replid and clears replid2', () => {
    const { r } = node();
    const before = (r('INFO', 'replication') as { s: string }).s;
    expect(r('DEBUG', 'CHANGE-REPL-ID')).toEqual(OK);
    const after = (r('INFO', 'replication') as { s: string }).s;
    const id = (s: string) => /master_replid:(\w+)/.exec(s)![1];
    expect(id(after)).not.toBe(id(before));
    expect(after).toContain(`master_replid2:${'0'.repeat(40)}`);
  });
});

describe('DEBUG (4.0)', () => {
  it('has its own errors and HELP, and no DIGEST-VALUE', () => {
    const { r } = node('4.0');
    expect(r('DEBUG')).toEqual(err('ERR You must specify a subcommand for DEBUG. Try DEBUG HELP for info.'));
    expect(r('DEBUG', 'foo')).toEqual(err("ERR Unknown DEBUG subcommand or wrong number of arguments for 'foo'"));
    expect(r('DEBUG', 'DIGEST-VALUE', 'k')).toEqual(
      err("ERR Unknown DEBUG subcommand or wrong number of arguments for 'DIGEST-VALUE'"),
    );
    const help = r('DEBUG', 'HELP') as { items: readonly Reply[] };
    expect(help.items[0]).toEqual(st('DEBUG <subcommand> arg arg ... arg. Subcommands:'));
    expect(help.items).toHaveLength(20);
  });
});

describe.each(['7.0', '4.0'] as const)('OBJECT (%s)', (v) => {
  const compact = v === '7.0' ? 'listpack' : 'ziplist';
  const enc = (r: (...a: string[]) => Reply | null, k: string) => r('OBJECT', 'ENCODING', k);

  it('strings: int, embstr up to 44 bytes, raw; APPEND makes raw, INCRBYFLOAT never int', () => {
    const { r } = node(v);
    const cases: [string, string][] = [
      ['hello', 'embstr'],
      ['12345', 'int'],
      ['0123', 'embstr'],
      ['-0', 'embstr'],
      ['9223372036854775807', 'int'],
      ['9223372036854775808', 'embstr'],
      ['a'.repeat(44), 'embstr'],
      ['a'.repeat(45), 'raw'],
    ];
    for (const [value, e] of cases) {
      r('SET', 'k', value);
      expect(enc(r, 'k'), value).toEqual(bulk(e));
    }
    r('SET', 's', 'a');
    r('APPEND', 's', 'b');
    expect(enc(r, 's')).toEqual(bulk('raw'));
    r('APPEND', 'new', 'x');
    expect(enc(r, 'new')).toEqual(bulk('embstr'));
    r('SET', 'n', '123');
    r('APPEND', 'n', '4');
    expect(enc(r, 'n')).toEqual(bulk('raw'));
    r('INCR', 'n');
    expect(enc(r, 'n')).toEqual(bulk('int'));
    r('SET', 'f', '1.5');
    r('INCRBYFLOAT', 'f', '1.5');
    expect(enc(r, 'f')).toEqual(bulk('embstr'));
    r('SET', 'f', '3');
    expect(enc(r, 'f')).toEqual(bulk('int'));
    r('SET', 'a', 'x');
    r('APPEND', 'a', 'y');
    r('RENAME', 'a', 'b');
    expect(enc(r, 'b')).toEqual(bulk('raw'));
  });

  it('REFCOUNT: shared integers 0..9999 read INT_MAX, unless maxmemory with an LRU/LFU policy', () => {
    const { r } = node(v);
    r('SET', 'a', '123');
    expect(r('OBJECT', 'REFCOUNT', 'a')).toEqual(int(2147483647));
    r('SET', 'b', '12345');
    expect(r('OBJECT', 'REFCOUNT', 'b')).toEqual(int(1));
    r('RPUSH', 'l', 'x');
    expect(r('OBJECT', 'REFCOUNT', 'l')).toEqual(int(1));
    r('CONFIG', 'SET', 'maxmemory', '100mb');
    r('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru');
    r('SET', 'c', '5');
    expect(r('OBJECT', 'REFCOUNT', 'c')).toEqual(int(1));
  });

  it('lists are quicklists; hashes, sets and sorted sets convert one way at the thresholds', () => {
    const { r } = node(v);
    r('RPUSH', 'l', 'a');
    expect(enc(r, 'l')).toEqual(bulk('quicklist'));
    r('HSET', 'h', 'a', 'b');
    expect(enc(r, 'h')).toEqual(bulk(compact));
    r('HSET', 'h', 'c', 'x'.repeat(65));
    expect(enc(r, 'h')).toEqual(bulk('hashtable'));
    r('HDEL', 'h', 'c');
    expect(enc(r, 'h')).toEqual(bulk('hashtable'));
    r('SADD', 'st', '1', '2', '3');
    expect(enc(r, 'st')).toEqual(bulk('intset'));
    expect(r('SMEMBERS', 'st')).toEqual({ t: 'array', items: [bulk('1'), bulk('2'), bulk('3')] });
    r('SADD', 'st', 'x');
    r('SREM', 'st', 'x');
    expect(enc(r, 'st')).toEqual(bulk('hashtable'));
    r('SADD', 'st2', '-1', '10', '007');
    expect(enc(r, 'st2')).toEqual(bulk('hashtable'));
    r('ZADD', 'z', '1', 'a');
    expect(enc(r, 'z')).toEqual(bulk(compact));
    r('ZADD', 'z', '2', 'x'.repeat(65));
    r('ZREM', 'z', 'x'.repeat(65));
    expect(enc(r, 'z')).toEqual(bulk('skiplist'));
    // A reload judges by content again, as RDB loading does.
    r('DEBUG', 'RELOAD');
    expect(enc(r, 'h')).toEqual(bulk(compact));
    expect(enc(r, 'st')).toEqual(bulk('intset'));
    expect(enc(r, 'z')).toEqual(bulk(compact));
  });

  it('the thresholds come from the config', () => {
    const { r } = node(v);
    const hashEntries = v === '7.0' ? 'hash-max-listpack-entries' : 'hash-max-ziplist-entries';
    const zsetEntries = v === '7.0' ? 'zset-max-listpack-entries' : 'zset-max-ziplist-entries';
    r('CONFIG', 'SET', hashEntries, '1');
    r('HSET', 'hh', 'a', '1', 'b', '2');
    expect(enc(r, 'hh')).toEqual(bulk('hashtable'));
    r('CONFIG', 'SET', 'set-max-intset-entries', '2');
    r('SADD', 'ss', '1', '2', '3');
    expect(enc(r, 'ss')).toEqual(bulk('hashtable'));
    r('CONFIG', 'SET', zsetEntries, '0');
    r('ZADD', 'zz', '1', 'a');
    expect(enc(r, 'zz')).toEqual(bulk('skiplist'));
    r('CONFIG', 'SET', 'hash-max-ziplist-value', '3');
    r('HSET', 'h4', 'f', 'abcd');
    expect(enc(r, 'h4')).toEqual(bulk('hashtable'));
  });

  it('missing keys, FREQ and IDLETIME policy errors, HELP', () => {
    const { r } = node(v);
    expect(enc(r, 'nokey')).toEqual(bulk(null));
    expect(r('OBJECT', 'REFCOUNT', 'nokey')).toEqual(bulk(null));
    r('SET', 's', 'v');
    const policy =
      'Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.';
    expect(r('OBJECT', 'FREQ', 's')).toEqual(
      err(`ERR An LFU maxmemory policy is not selected, access frequency not tracked. ${policy}`),
    );
    r('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu');
    expect(r('OBJECT', 'IDLETIME', 's')).toEqual(
      err(`ERR An LFU maxmemory policy is selected, idle time not tracked. ${policy}`),
    );
    expect(r('OBJECT')).toEqual(err("ERR wrong number of arguments for 'object' command"));
    if (v === '7.0') {
      expect(r('OBJECT', 'FOO', 'k')).toEqual(err("ERR unknown subcommand 'FOO'. Try OBJECT HELP."));
      expect(r('OBJECT', 'ENCODING')).toEqual(err("ERR wrong number of arguments for 'object|encoding' command"));
      expect(r('OBJECT', 'HELP', 'x')).toEqual(err("ERR wrong number of arguments for 'object|help' command"));
      const help = r('OBJECT', 'HELP') as { items: readonly Reply[] };
      expect(help.items.map((x) => (x as { s: string }).s)).toEqual([
        'OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
        'ENCODING <key>',
        '    Return the kind of internal representation used in order to store the value',
        '    associated with a <key>.',
        'FREQ <key>',
        '    Return the access frequency index of the <key>. The returned integer is',
        '    proportional to the logarithm of the recent access frequency of the key.',
        'IDLETIME <key>',
        '    Return the idle time of the <key>, that is the approximated number of',
        '    seconds elapsed since the last access to the key.',
        'REFCOUNT <key>',
        '    Return the number of references of the value associated with the specified',
        '    <key>.',
        'HELP',
        '    Prints this help.',
      ]);
    } else {
      expect(r('OBJECT', 'foo', 'k')).toEqual(
        err("ERR Unknown subcommand or wrong number of arguments for 'foo'. Try OBJECT help"),
      );
      expect(r('OBJECT', 'encoding')).toEqual(
        err("ERR Unknown subcommand or wrong number of arguments for 'encoding'. Try OBJECT help"),
      );
      expect((r('OBJECT', 'HELP') as { items: readonly Reply[] }).items[0]).toEqual(
        st('OBJECT <subcommand> key. Subcommands:'),
      );
    }
  });

  it('IDLETIME counts whole seconds of the cron-refreshed LRU clock since the last access', () => {
    const { pg, r } = node(v);
    pg.advance(300); // 0.3 s after start: the node's clock reads second 0
    r('SET', 'k', 'v');
    expect(r('OBJECT', 'IDLETIME', 'k')).toEqual(int(0));
    pg.advance(2500); // second 2 at the last cron (2.8 s)
    expect(r('OBJECT', 'IDLETIME', 'k')).toEqual(int(2));
    // OBJECT itself does not touch the key; a read does.
    expect(r('OBJECT', 'IDLETIME', 'k')).toEqual(int(2));
    r('GET', 'k');
    expect(r('OBJECT', 'IDLETIME', 'k')).toEqual(int(0));
    pg.advance(5000);
    r('SET', 'k', 'w'); // an overwrite is a new object: clock now
    expect(r('OBJECT', 'IDLETIME', 'k')).toEqual(int(0));
  });

  it('beyond 10 000 clocked keys the clocks are dropped (all read as accessed then), unless LRU/LFU', () => {
    const { pg, r } = node(v);
    r('SET', 'k', 'v');
    pg.advance(3000);
    for (let i = 0; i < 10_001; i += 1000) {
      const args: string[] = [];
      for (let j = i; j < Math.min(i + 1000, 10_001); j++) args.push(`key:${j}`, 'x');
      r('MSET', ...args);
    }
    expect(r('OBJECT', 'IDLETIME', 'k')).toEqual(int(0));
    pg.advance(2000);
    expect(r('OBJECT', 'IDLETIME', 'k')).toEqual(int(2));
    r('GET', 'k'); // not clocked any more
    expect(r('OBJECT', 'IDLETIME', 'k')).toEqual(int(2));
    r('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru');
    r('GET', 'k');
    pg.advance(1000);
    expect(r('OBJECT', 'IDLETIME', 'k')).toEqual(int(1));
    expect(r('OBJECT', 'IDLETIME', 'key:5')).toEqual(int(1));
  });

  it('FREQ under an LFU policy: a new key counts 5, the first access makes it 6', () => {
    const { r } = node(v);
    r('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu');
    r('SET', 'k', 'v');
    expect(r('OBJECT', 'FREQ', 'k')).toEqual(int(5));
    r('GET', 'k');
    expect(r('OBJECT', 'FREQ', 'k')).toEqual(int(6));
    r('SET', 'k', 'w'); // an overwrite keeps the counter (and its lookup counts)
    const f = (r('OBJECT', 'FREQ', 'k') as { n: number }).n;
    expect(f).toBeGreaterThanOrEqual(6);
  });
});

describe('CONFIG (7.0)', () => {
  it('answers like real 7.0: memory values, integers, aliases in errors, atomic multi-set', () => {
    const { r } = node();
    const failed = (name: string, why: string) =>
      err(`ERR CONFIG SET failed (possibly related to argument '${name}') - ${why}`);
    expect(r('CONFIG', 'SET', 'repl-backlog-size', '-1')).toEqual(
      failed('repl-backlog-size', 'argument must be a memory value'),
    );
    expect(r('CONFIG', 'SET', 'repl-backlog-size', '')).toEqual(
      failed('repl-backlog-size', 'argument must be between 1 and 9223372036854775807 inclusive'),
    );
    expect(r('CONFIG', 'SET', 'repl-backlog-size', '2mb')).toEqual(OK);
    expect(r('CONFIG', 'GET', 'repl-backlog-size')).toEqual({
      t: 'array',
      items: [bulk('repl-backlog-size'), bulk('2097152')],
    });
    expect(r('CONFIG', 'SET', 'repl-ping-slave-period', '05')).toEqual(
      failed('repl-ping-slave-period', "argument couldn't be parsed into an integer"),
    );
    expect(r('CONFIG', 'SET', 'repl-timeout', '10', 'repl-timeout', '20')).toEqual(
      failed('repl-timeout', 'duplicate parameter'),
    );
    expect(r('CONFIG', 'SET', 'nosuch', '1', 'databases', '3')).toEqual(
      err("ERR Unknown option or number of arguments for CONFIG SET - 'nosuch'"),
    );
    expect(r('CONFIG', 'SET', 'databases', '3', 'nosuch', '1')).toEqual(
      failed('databases', "can't set immutable config"),
    );
    // A failing second value leaves the first unchanged.
    expect(r('CONFIG', 'SET', 'repl-timeout', '33', 'repl-ping-slave-period', 'abc')).toEqual(
      failed('repl-ping-slave-period', "argument couldn't be parsed into an integer"),
    );
    expect(r('CONFIG', 'GET', 'repl-timeout')).toEqual({ t: 'array', items: [bulk('repl-timeout'), bulk('60')] });
    expect(r('CONFIG', 'SET', 'repl-timeout', '10', 'x')).toEqual(err('ERR syntax error'));
    expect(r('CONFIG', 'SET', 'repl-timeout')).toEqual(err("ERR wrong number of arguments for 'config|set' command"));
    expect(r('CONFIG', 'FOO')).toEqual(err("ERR unknown subcommand 'FOO'. Try CONFIG HELP."));
    expect(r('CONFIG')).toEqual(err("ERR wrong number of arguments for 'config' command"));
    expect(r('CONFIG', 'HELP', 'x')).toEqual(err("ERR wrong number of arguments for 'config|help' command"));
  });

  it('CONFIG GET: exact names come back as typed, each parameter once', () => {
    const { r } = node();
    expect(r('CONFIG', 'GET', 'REPL-TIMEOUT')).toEqual({ t: 'array', items: [bulk('REPL-TIMEOUT'), bulk('60')] });
    expect(r('CONFIG', 'GET', 'repl-timeout', 'REPL-TIMEOUT')).toEqual({
      t: 'array',
      items: [bulk('repl-timeout'), bulk('60')],
    });
    expect(r('CONFIG', 'GET', 'nosuch', 'repl-timeout')).toEqual({
      t: 'array',
      items: [bulk('repl-timeout'), bulk('60')],
    });
    const pairs = (r('CONFIG', 'GET', 'hash-max-*') as { items: readonly Reply[] }).items.map(
      (x) => (x as { s: string }).s,
    );
    expect(new Set(pairs)).toEqual(
      new Set([
        'hash-max-listpack-entries',
        'hash-max-ziplist-entries',
        '512',
        'hash-max-listpack-value',
        'hash-max-ziplist-value',
        '64',
      ]),
    );
  });

  it('CONFIG SET port: bad values get Redis errors; a new port is refused, the current one is OK', () => {
    const { r, logs } = node();
    expect(r('CONFIG', 'SET', 'port', 'abc')).toEqual(
      err("ERR CONFIG SET failed (possibly related to argument 'port') - argument couldn't be parsed into an integer"),
    );
    expect(r('CONFIG', 'SET', 'port', '70000')).toEqual(
      err(
        "ERR CONFIG SET failed (possibly related to argument 'port') - argument must be between 0 and 65535 inclusive",
      ),
    );
    expect(r('CONFIG', 'SET', 'port', '6379')).toEqual(OK);
    const refused = r('CONFIG', 'SET', 'repl-timeout', '99', 'port', '7000') as { s: string };
    expect(refused.s).toMatch(/^ERR CONFIG SET failed \(possibly related to argument 'port'\) - the playground /);
    expect(logs.at(-1)).toMatch(
      /# Failed applying new configuration\. Possibly related to new port setting\. Restoring previous settings\.$/,
    );
    expect(r('CONFIG', 'GET', 'port', 'repl-timeout')).toEqual({
      t: 'array',
      items: [bulk('port'), bulk('6379'), bulk('repl-timeout'), bulk('60')],
    });
  });

  it('HELP texts of CONFIG, CLIENT and COMMAND, headed by the name as typed', () => {
    const { r } = node();
    const lines = (x: Reply | null) => (x as { items: readonly Reply[] }).items.map((i) => (i as { s: string }).s);
    expect(lines(r('config', 'help'))).toEqual([
      'CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
      'GET <pattern>',
      '    Return parameters matching the glob-like <pattern> and their values.',
      'SET <directive> <value>',
      '    Set the configuration <directive> to <value>.',
      'RESETSTAT',
      '    Reset statistics reported by the INFO command.',
      'REWRITE',
      '    Rewrite the configuration file.',
      'HELP',
      '    Prints this help.',
    ]);
    const client = lines(r('CLIENT', 'HELP'));
    expect(client).toHaveLength(48);
    expect(client.slice(1, 3)).toEqual([
      'CACHING (YES|NO)',
      '    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.',
    ]);
    const command = lines(r('COMMAND', 'HELP'));
    expect(command).toHaveLength(21);
    expect(command[1]).toBe('(no subcommand)');
    expect(r('CLIENT', 'FOO')).toEqual(err("ERR unknown subcommand 'FOO'. Try CLIENT HELP."));
    expect(r('CLIENT', 'SETNAME')).toEqual(err("ERR wrong number of arguments for 'client|setname' command"));
    expect(r('COMMAND', 'COUNT', 'x')).toEqual(err("ERR wrong number of arguments for 'command|count' command"));
  });

  it('an unknown subcommand is refused before queueing in MULTI (EXECABORT)', () => {
    const { r } = node();
    r('MULTI');
    expect(r('CONFIG', 'FOO')).toEqual(err("ERR unknown subcommand 'FOO'. Try CONFIG HELP."));
    expect(r('EXEC')).toEqual(err('EXECABORT Transaction discarded because of previous errors.'));
  });
});

describe('CONFIG (4.0)', () => {
  it('has 4.0 texts', () => {
    const { r } = node('4.0');
    expect(r('CONFIG', 'SET', 'repl-timeout', 'abc')).toEqual(
      err("ERR Invalid argument 'abc' for CONFIG SET 'repl-timeout'"),
    );
    expect(r('CONFIG', 'SET', 'repl-backlog-size', '-1')).toEqual(
      err("ERR Invalid argument '-1' for CONFIG SET 'repl-backlog-size'"),
    );
    expect(r('CONFIG', 'SET', 'port', '6000')).toEqual(err('ERR Unsupported CONFIG parameter: port'));
    expect(r('CONFIG', 'SET', 'replica-read-only', 'no')).toEqual(
      err('ERR Unsupported CONFIG parameter: replica-read-only'),
    );
    expect(r('CONFIG', 'SET')).toEqual(err('ERR Wrong number of arguments for CONFIG SET'));
    expect(r('CONFIG', 'GET')).toEqual(err('ERR Wrong number of arguments for CONFIG GET'));
    expect(r('CONFIG', 'HELP')).toEqual(err('ERR CONFIG subcommand must be one of GET, SET, RESETSTAT, REWRITE'));
    expect(r('CONFIG', 'GET', 'REPL-TIMEOUT')).toEqual({ t: 'array', items: [bulk('repl-timeout'), bulk('60')] });
    expect(r('CONFIG', 'GET', 'shutdown-timeout')).toEqual({ t: 'array', items: [] });
    expect(r('CLIENT', 'ID')).toEqual(
      err('ERR Syntax error, try CLIENT (LIST | KILL | GETNAME | SETNAME | PAUSE | REPLY)'),
    );
    expect(r('COMMAND', 'HELP')).toEqual(err('ERR Unknown subcommand or wrong number of arguments.'));
  });
});

describe('4.0 arities (arity40)', () => {
  it('LPOP/RPOP take no count and EXPIRE* no flags in 4.0', () => {
    const four = node('4.0');
    four.r('RPUSH', 'l', 'a', 'b');
    expect(four.r('LPOP', 'l', '1')).toEqual(err("ERR wrong number of arguments for 'lpop' command"));
    expect(four.r('EXPIRE', 'l', '10', 'NX')).toEqual(err("ERR wrong number of arguments for 'expire' command"));
    expect(four.r('LPOP', 'l')).toEqual(bulk('a'));
    const seven = node('7.0');
    seven.r('RPUSH', 'l', 'a', 'b');
    expect(seven.r('LPOP', 'l', '1')).toEqual({ t: 'array', items: [bulk('a')] });
    expect(seven.r('EXPIRE', 'l', '10', 'NX')).toEqual(int(1));
  });
});

describe.each(['7.0', '4.0'] as const)('expiry boundary (%s)', (v) => {
  it('a key is expired only once now > its deadline (keyIsExpired), lazily and actively', () => {
    const { pg, r } = node(v);
    r('DEBUG', 'SET-ACTIVE-EXPIRE', '0');
    r('SET', 'k', 'v', 'PX', '250');
    pg.advance(250);
    expect(r('GET', 'k')).toEqual(bulk('v'));
    pg.advance(1);
    expect(r('GET', 'k')).toEqual(bulk(null));
    r('DEBUG', 'SET-ACTIVE-EXPIRE', '1');
    // Deadline on a cron instant: that cron keeps it, the next one deletes it.
    const now = pg.clock.now();
    const nextCron = Math.ceil((now + 1) / 100) * 100 + 100;
    r('SET', 'a', 'v');
    r('PEXPIREAT', 'a', String(nextCron));
    pg.advance(nextCron - now);
    expect(r('DBSIZE')).toEqual(int(1));
    pg.advance(100);
    expect(r('DBSIZE')).toEqual(int(0));
  });
});

describe('a replica meeting an expired key its master has not deleted yet', () => {
  /** A replica holding `k` (TTL passed) whose master is gone, so no DEL will come. */
  function staleReplica(v: RedisVersion) {
    const n = node(v, 2);
    for (let i = 0; i < 2; i++) n.on(i, 'CONFIG', 'SET', 'repl-diskless-sync-delay', '0');
    n.on(1, 'SLAVEOF', '127.0.0.1', '6379');
    n.pg.settle();
    n.on(0, 'SET', 'k', '10', 'PX', '5000');
    n.on(0, 'SET', 'text', 'abc', 'PX', '5000');
    n.pg.settle();
    n.pg.kill(n.names[0]);
    n.pg.advance(6000);
    n.on(1, 'CONFIG', 'SET', v === '7.0' ? 'replica-read-only' : 'slave-read-only', 'no');
    return n;
  }

  it('4.0 hides it from read-only commands but its write lookup sees the old value', () => {
    const { on } = staleReplica('4.0');
    expect(on(1, 'GET', 'k')).toEqual(bulk(null));
    expect(on(1, 'EXISTS', 'k')).toEqual(int(0));
    expect(on(1, 'DBSIZE')).toEqual(int(2));
    expect(on(1, 'INCR', 'k')).toEqual(int(11));
    expect(on(1, 'APPEND', 'text', 'd')).toEqual(int(4));
  });

  it('7.0 hides it from reads, and a write on a writable replica deletes it first', () => {
    const { on } = staleReplica('7.0');
    expect(on(1, 'GET', 'k')).toEqual(bulk(null));
    expect(on(1, 'DBSIZE')).toEqual(int(2));
    expect(on(1, 'INCR', 'k')).toEqual(int(1));
    expect(on(1, 'APPEND', 'text', 'd')).toEqual(int(1));
  });
});

describe('DEBUG POPULATE', () => {
  it('4.0 reads its counts as plain longs: no sign check, the size only read when a key is made', () => {
    const { r } = node('4.0');
    expect(r('DEBUG', 'POPULATE', 'abc')).toEqual(err('ERR value is not an integer or out of range'));
    expect(r('DEBUG', 'POPULATE', '-1')).toEqual(OK);
    expect(r('DEBUG', 'POPULATE', '0', 'x', 'abc')).toEqual(OK);
    expect(r('DEBUG', 'POPULATE', '1', 'x', 'abc')).toEqual(err('ERR value is not an integer or out of range'));
    expect(r('DEBUG', 'POPULATE', '2', 'x', '9')).toEqual(OK);
    expect(r('GET', 'x:1')).toEqual(bulk('value:1\0\0'));
    expect(r('DBSIZE')).toEqual(int(2));
  });

  it('refuses to grow a db past what the playground can hold, before making any key', () => {
    const { r } = node('7.0');
    expect(r('DEBUG', 'POPULATE', '10000001')).toEqual(err('ERR the playground keeps at most 10000000 keys in a db'));
    expect(r('DBSIZE')).toEqual(int(0));
  });

  it('is not propagated and counts no change', () => {
    const { r, on, pg, names } = node('7.0', 2);
    expect(on(1, 'REPLICAOF', '127.0.0.1', '6379')).toEqual(OK);
    expect(pg.settle()).toBe(true);
    const before = pg.snapshot(names[0])!.masterReplOffset;
    expect(r('DEBUG', 'POPULATE', '100')).toEqual(OK);
    expect(pg.snapshot(names[0])!.masterReplOffset).toBe(before);
    expect((r('INFO', 'persistence') as { s: string }).s).toMatch(/rdb_changes_since_last_save:0\r\n/);
    expect(on(1, 'DBSIZE')).toEqual(int(0));
  });
});

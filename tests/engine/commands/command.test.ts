/**
 * COMMAND and its subcommands, driven through a Playground console. Every expected reply was read
 * from real redis-server 7.0.15 / 4.0.14 given the same command, except where the engine's command
 * table differs on purpose: COUNT, LIST and the lists of all commands hold only the commands the
 * engine implements (and come in table order, where Redis's order is a per-process hash order).
 */
import { describe, expect, it } from 'vitest';
import { allCommands } from '../../../src/engine/commands';
import type { CommandSpec, KeySpec } from '../../../src/engine/commands/types';
import { aclCategories, legacyRange } from '../../../src/engine/commands/util/cmdinfo';
import { globMatch } from '../../../src/engine/commands/util/glob';
import { array, bulk, bulkArray, error, int, NIL, status } from '../../../src/engine/resp';
import { commandHelp } from '../../../src/lib';
import { Playground, type RedisVersion, type Reply } from '../../../src/playground';

// Variadic spellings of array() for the nested replies below.
const arr = (...items: Reply[]): Reply => array(items);
const sts = (...s: string[]): Reply => array(s.map(status));

/** A key spec as COMMAND INFO prints it (begin_search index, find_keys range). */
function keySpec(flags: string[], index: number, lastkey: number, keystep: number, limit = 0, notes?: string): Reply {
  return arr(
    ...(notes === undefined ? [] : [bulk('notes'), bulk(notes)]),
    bulk('flags'),
    sts(...flags),
    bulk('begin_search'),
    arr(bulk('type'), bulk('index'), bulk('spec'), arr(bulk('index'), int(index))),
    bulk('find_keys'),
    arr(
      bulk('type'),
      bulk('range'),
      bulk('spec'),
      arr(bulk('lastkey'), int(lastkey), bulk('keystep'), int(keystep), bulk('limit'), int(limit)),
    ),
  );
}

function node(v: RedisVersion = '7.0') {
  const pg = new Playground({ version: v, seed: 5 });
  const name = pg.addNode('127.0.0.1', 6379);
  pg.start(name);
  return (...argv: string[]): Reply => pg.exec(name, argv)!;
}

function items(r: Reply): Reply[] {
  if (r.t !== 'array' || r.items === null) throw new Error(`not an array: ${JSON.stringify(r)}`);
  return [...r.items];
}

/** A flat RESP2 map as [key, value] pairs. */
function pairs(r: Reply): [string, Reply][] {
  const it = items(r);
  const out: [string, Reply][] = [];
  for (let i = 0; i < it.length; i += 2) out.push([(it[i] as { s: string }).s, it[i + 1]]);
  return out;
}

describe('COMMAND INFO (7.0)', () => {
  const r = node();

  it('prints the 10 fields of a key command', () => {
    expect(r('COMMAND', 'INFO', 'get')).toEqual(
      arr(
        arr(
          bulk('get'),
          int(2),
          sts('readonly', 'fast'),
          int(1),
          int(1),
          int(1),
          sts('@read', '@string', '@fast'),
          arr(),
          arr(keySpec(['RO', 'access'], 1, 0, 1)),
          arr(),
        ),
      ),
    );
  });

  it('prints key spec notes and flags in their order, tips, implicit ACL categories', () => {
    const [set] = items(r('COMMAND', 'INFO', 'SET'));
    expect(items(set).slice(0, 9)).toEqual([
      bulk('set'),
      int(-3),
      sts('write', 'denyoom'),
      int(1),
      int(1),
      int(1),
      sts('@write', '@string', '@slow'),
      arr(),
      arr(
        keySpec(
          ['RW', 'access', 'update', 'variable_flags'],
          1,
          0,
          1,
          0,
          'RW and ACCESS due to the optional `GET` argument',
        ),
      ),
    ]);
    const [keys] = items(r('COMMAND', 'INFO', 'keys'));
    expect(items(keys).slice(2, 8)).toEqual([
      sts('readonly'),
      int(0),
      int(0),
      int(0),
      sts('@keyspace', '@read', '@slow', '@dangerous'),
      bulkArray(['request_policy:all_shards', 'nondeterministic_output_order']),
    ]);
  });

  it('derives first key, last key and step from the key specs', () => {
    const keysOf = (name: string) => items(items(r('COMMAND', 'INFO', name))[0]).slice(3, 6);
    expect(keysOf('mset')).toEqual([int(1), int(-1), int(2)]);
    expect(keysOf('del')).toEqual([int(1), int(-1), int(1)]);
    expect(keysOf('rename')).toEqual([int(1), int(2), int(1)]); // two specs, merged
    expect(keysOf('object|encoding')).toEqual([int(2), int(2), int(1)]);
    expect(keysOf('object')).toEqual([int(0), int(0), int(0)]);
    expect(keysOf('ping')).toEqual([int(0), int(0), int(0)]);
  });

  it('prints flags in Redis order and hides may-replicate, protected and touches-arbitrary-keys', () => {
    const flagsOf = (name: string) => items(items(r('COMMAND', 'INFO', name))[0])[2];
    expect(flagsOf('psync')).toEqual(sts('admin', 'noscript', 'no_async_loading', 'no_multi'));
    expect(flagsOf('debug')).toEqual(sts('admin', 'noscript', 'loading', 'stale'));
    expect(flagsOf('scan')).toEqual(sts('readonly'));
    expect(flagsOf('exec')).toEqual(sts('noscript', 'loading', 'stale', 'skip_slowlog'));
    expect(flagsOf('multi')).toEqual(sts('noscript', 'loading', 'stale', 'fast', 'allow_busy'));
    expect(flagsOf('shutdown')).toEqual(sts('admin', 'noscript', 'loading', 'stale', 'no_multi', 'allow_busy'));
  });

  it('lists a container with its subcommands, and finds a subcommand by its full name in any case', () => {
    const [config] = items(r('COMMAND', 'INFO', 'config'));
    const c = items(config);
    expect(c.slice(0, 9)).toEqual([bulk('config'), int(-2), arr(), int(0), int(0), int(0), sts('@slow'), arr(), arr()]);
    expect(items(c[9]).map((s) => items(s)[0])).toEqual(
      items(bulkArray(['config|get', 'config|set', 'config|resetstat', 'config|rewrite', 'config|help'])),
    );
    const get = arr(
      bulk('config|get'),
      int(-3),
      sts('admin', 'noscript', 'loading', 'stale'),
      int(0),
      int(0),
      int(0),
      sts('@admin', '@slow', '@dangerous'),
      arr(),
      arr(),
      arr(),
    );
    expect(r('COMMAND', 'INFO', 'config|get', 'CONFIG|GET')).toEqual(arr(get, get));
    expect(items(r('COMMAND', 'INFO', 'config'))[0]).toEqual(config);
  });

  it('answers nil for unknown and malformed names', () => {
    expect(r('COMMAND', 'INFO', 'nosuch', 'get|x', '', 'config|', '|', 'config|get|x', 'migrate')).toEqual(
      arr(NIL, NIL, NIL, NIL, NIL, NIL, NIL),
    );
  });

  it('without names describes every command, as COMMAND does', () => {
    const all = r('COMMAND');
    expect(r('COMMAND', 'INFO')).toEqual(all);
    expect(items(all)).toHaveLength(allCommands('7.0').length);
  });
});

describe('COMMAND DOCS (7.0)', () => {
  const r = node();

  it('takes summary, since and group from the help table, the rest from the definition', () => {
    expect(r('COMMAND', 'DOCS', 'get')).toEqual(
      arr(
        bulk('get'),
        arr(
          bulk('summary'),
          bulk('Get the value of a key'),
          bulk('since'),
          bulk('1.0.0'),
          bulk('group'),
          bulk('string'),
          bulk('complexity'),
          bulk('O(1)'),
          bulk('arguments'),
          arr(arr(bulk('name'), bulk('key'), bulk('type'), bulk('key'), bulk('key_spec_index'), int(0))),
        ),
      ),
    );
  });

  it('prints history, argument flags, tokens and nested alternatives', () => {
    const [, docs] = items(r('COMMAND', 'DOCS', 'set'));
    const m = new Map(pairs(docs));
    expect(items(m.get('history')!)[3]).toEqual(
      bulkArray(['7.0.0', 'Allowed the `NX` and `GET` options to be used together.']),
    );
    expect(items(m.get('arguments')!)[2]).toEqual(
      arr(
        bulk('name'),
        bulk('condition'),
        bulk('type'),
        bulk('oneof'),
        bulk('since'),
        bulk('2.6.12'),
        bulk('flags'),
        sts('optional'),
        bulk('arguments'),
        arr(
          arr(bulk('name'), bulk('nx'), bulk('type'), bulk('pure-token'), bulk('token'), bulk('NX')),
          arr(bulk('name'), bulk('xx'), bulk('type'), bulk('pure-token'), bulk('token'), bulk('XX')),
        ),
      ),
    );
  });

  it('prints deprecation, doc flags and the sorted-set group', () => {
    const [, slaveof] = items(r('COMMAND', 'DOCS', 'slaveof'));
    expect(pairs(slaveof).slice(3, 7)).toEqual([
      ['complexity', bulk('O(1)')],
      ['doc_flags', sts('deprecated')],
      ['deprecated_since', bulk('5.0.0')],
      ['replaced_by', bulk('`REPLICAOF`')],
    ]);
    const [, replicaof] = items(r('COMMAND', 'DOCS', 'replicaof'));
    expect(pairs(replicaof).map(([k]) => k)).toEqual(['summary', 'since', 'group', 'complexity', 'arguments']);
    const [, zadd] = items(r('COMMAND', 'DOCS', 'zadd'));
    expect(pairs(zadd)[2]).toEqual(['group', bulk('sorted-set')]);
    const [, psync] = items(r('COMMAND', 'DOCS', 'psync'));
    expect(pairs(psync).map(([k]) => k)).toEqual(['summary', 'since', 'group', 'arguments']);
  });

  it("prints a container's subcommands as a map, and skips unknown names", () => {
    const docs = items(r('COMMAND', 'DOCS', 'nosuch', 'object', 'object|freq', 'get|x'));
    expect(docs.filter((_, i) => i % 2 === 0)).toEqual(items(bulkArray(['object', 'object|freq'])));
    const subs = new Map(pairs(docs[1])).get('subcommands')!;
    expect(pairs(subs).map(([k]) => k)).toEqual([
      'object|encoding',
      'object|freq',
      'object|idletime',
      'object|refcount',
      'object|help',
    ]);
    expect(new Map(pairs(subs)).get('object|freq')).toEqual(docs[3]);
    expect(r('COMMAND', 'DOCS', 'nosuch')).toEqual(arr());
  });

  it('without names documents every command', () => {
    expect(items(r('COMMAND', 'DOCS'))).toHaveLength(2 * allCommands('7.0').length);
  });
});

describe('COMMAND COUNT / LIST (7.0): the engine’s own table', () => {
  const r = node();
  const subcount = allCommands('7.0').reduce((n, c) => n + Object.keys(c.subcommands ?? {}).length, 0);

  it('counts and lists the commands this server runs, each container followed by its subcommands', () => {
    expect(r('COMMAND', 'COUNT')).toEqual(int(allCommands('7.0').length));
    const list = items(r('COMMAND', 'LIST')).map((b) => (b as { s: string }).s);
    expect(list).toHaveLength(allCommands('7.0').length + subcount);
    expect(new Set(list).size).toBe(list.length);
    const i = list.indexOf('object');
    expect(list.slice(i, i + 6)).toEqual([
      'object',
      'object|encoding',
      'object|freq',
      'object|idletime',
      'object|refcount',
      'object|help',
    ]);
    expect(list).not.toContain('migrate');
  });

  it('filters by ACL category (case-insensitive), pattern (ignoring case) and module', () => {
    const list = (...a: string[]) => items(r('COMMAND', 'LIST', 'FILTERBY', ...a)).map((b) => (b as { s: string }).s);
    const strings = list('ACLCAT', 'STRING');
    expect(strings).toContain('getdel');
    expect(strings).not.toContain('hset');
    expect(list('aclcat', 'dangerous')).toEqual(expect.arrayContaining(['keys', 'flushall', 'config|set', 'debug']));
    expect(list('aclcat', 'nosuch')).toEqual([]);
    expect(list('pattern', 'CONFIG|G*')).toEqual(['config|get']);
    expect(list('pattern', '[A-Z]etdel')).toEqual(['getdel']);
    expect(list('module', 'x')).toEqual([]);
  });

  it('refuses anything but one FILTERBY with a type and an argument', () => {
    const syntax = error('ERR syntax error');
    expect(r('COMMAND', 'LIST', 'x')).toEqual(syntax);
    expect(r('COMMAND', 'LIST', 'FILTERBY', 'PATTERN')).toEqual(syntax);
    expect(r('COMMAND', 'LIST', 'FILTERBY', 'foo', 'x')).toEqual(syntax);
    expect(r('COMMAND', 'LIST', 'FILTERBY', 'pattern', 'x', 'y')).toEqual(syntax);
  });

  it('checks the subcommand and its arity first', () => {
    expect(r('COMMAND', 'COUNT', 'x')).toEqual(error("ERR wrong number of arguments for 'command|count' command"));
    expect(r('COMMAND', 'foo')).toEqual(error("ERR unknown subcommand 'foo'. Try COMMAND HELP."));
    expect(r('COMMAND', 'GETKEYS', 'get')).toEqual(
      error("ERR wrong number of arguments for 'command|getkeys' command"),
    );
  });

  it('prints its HELP', () => {
    const help = items(r('command', 'help'));
    expect(help[0]).toEqual(status('COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:'));
    expect(help.at(-3)).toEqual(status('    Return the keys and the access flags from a full Redis command.'));
  });
});

describe('COMMAND GETKEYS / GETKEYSANDFLAGS (7.0)', () => {
  const r = node();

  it('finds keys with the key specs, steps included, and in subcommands', () => {
    expect(r('COMMAND', 'GETKEYS', 'GET', 'a')).toEqual(bulkArray(['a']));
    expect(r('COMMAND', 'GETKEYS', 'mset', 'a', '1', 'b', '2')).toEqual(bulkArray(['a', 'b']));
    expect(r('COMMAND', 'GETKEYS', 'mset', 'a', '1', 'b')).toEqual(bulkArray(['a', 'b']));
    expect(r('COMMAND', 'GETKEYS', 'object', 'encoding', 'k')).toEqual(bulkArray(['k']));
    expect(r('COMMAND', 'GETKEYSANDFLAGS', 'rename', 'a', 'b')).toEqual(
      arr(arr(bulk('a'), sts('RW', 'access', 'delete')), arr(bulk('b'), sts('OW', 'update'))),
    );
  });

  it("asks SET's getKeys whether GET reads the key", () => {
    expect(r('COMMAND', 'GETKEYSANDFLAGS', 'set', 'k', 'v')).toEqual(arr(arr(bulk('k'), sts('OW', 'update'))));
    expect(r('COMMAND', 'GETKEYSANDFLAGS', 'set', 'k', 'v', 'EX', '1', 'gEt')).toEqual(
      arr(arr(bulk('k'), sts('RW', 'access', 'update'))),
    );
    expect(r('COMMAND', 'GETKEYSANDFLAGS', 'set', 'k', 'get')).toEqual(arr(arr(bulk('k'), sts('OW', 'update'))));
  });

  it('refuses unknown commands, commands without keys and wrong argument counts', () => {
    expect(r('COMMAND', 'GETKEYS', 'nosuch', 'x')).toEqual(error('ERR Invalid command specified'));
    expect(r('COMMAND', 'GETKEYS', 'config', 'x')).toEqual(error('ERR Invalid command specified'));
    expect(r('COMMAND', 'GETKEYS', 'config', 'get', 'x')).toEqual(error('ERR The command has no key arguments'));
    expect(r('COMMAND', 'GETKEYS', 'ping', 'x')).toEqual(error('ERR The command has no key arguments'));
    expect(r('COMMAND', 'GETKEYS', 'get', 'a', 'b')).toEqual(
      error('ERR Invalid number of arguments specified for command'),
    );
    expect(r('COMMAND', 'GETKEYS', 'object', 'encoding')).toEqual(
      error('ERR Invalid number of arguments specified for command'),
    );
  });
});

describe('COMMAND (4.0)', () => {
  const r = node('4.0');

  it('prints 6 fields: name, arity, flags, first key, last key, step', () => {
    expect(r('COMMAND', 'INFO', 'get', 'KEYS', 'spop', 'object', 'command', 'psync', 'exec')).toEqual(
      arr(
        arr(bulk('get'), int(2), sts('readonly', 'fast'), int(1), int(1), int(1)),
        arr(bulk('keys'), int(2), sts('readonly', 'sort_for_script'), int(0), int(0), int(0)),
        arr(bulk('spop'), int(-2), sts('write', 'random', 'fast'), int(1), int(1), int(1)),
        arr(bulk('object'), int(-2), sts('readonly'), int(2), int(2), int(2)),
        arr(bulk('command'), int(0), sts('loading', 'stale'), int(0), int(0), int(0)),
        arr(bulk('psync'), int(3), sts('readonly', 'admin', 'noscript'), int(0), int(0), int(0)),
        arr(bulk('exec'), int(1), sts('noscript', 'skip_monitor'), int(0), int(0), int(0)),
      ),
    );
  });

  it('knows no 7.0 command and no subcommand name', () => {
    expect(r('COMMAND', 'INFO', 'getdel', 'replicaof', 'config|get', 'nosuch')).toEqual(arr(NIL, NIL, NIL, NIL));
    expect(r('COMMAND', 'INFO')).toEqual(arr());
  });

  it('counts and lists its own table', () => {
    expect(r('COMMAND', 'COUNT')).toEqual(int(allCommands('4.0').length));
    expect(items(r('COMMAND'))).toHaveLength(allCommands('4.0').length);
  });

  it('finds keys by first key, last key and step; none past the end of the arguments', () => {
    expect(r('COMMAND', 'GETKEYS', 'mset', 'a', '1', 'b')).toEqual(bulkArray(['a', 'b']));
    expect(r('COMMAND', 'GETKEYS', 'object', 'encoding', 'k')).toEqual(bulkArray(['k']));
    expect(r('COMMAND', 'GETKEYS', 'object', 'help')).toEqual(arr());
    expect(r('COMMAND', 'GETKEYS', 'ping', 'x')).toEqual(arr());
    expect(r('COMMAND', 'GETKEYS', 'nosuch', 'x')).toEqual(error('ERR Invalid command specified'));
    expect(r('COMMAND', 'GETKEYS', 'lpop', 'k', '2')).toEqual(
      error('ERR Invalid number of arguments specified for command'),
    );
  });

  it('answers anything else with one error', () => {
    const unknown = error('ERR Unknown subcommand or wrong number of arguments.');
    for (const sub of [
      ['GETKEYS'],
      ['COUNT', 'x'],
      ['DOCS', 'get'],
      ['LIST'],
      ['HELP'],
      ['GETKEYSANDFLAGS', 'get', 'a'],
    ]) {
      expect(r('COMMAND', ...sub)).toEqual(unknown);
    }
  });
});

describe('4.0 flags that decide what a stale replica answers', () => {
  it('refuses SELECT, MULTI, TIME, CLIENT and ECHO with slave-serve-stale-data no (no CMD_STALE in 4.0)', () => {
    const r = node('4.0');
    r('CONFIG', 'SET', 'slave-serve-stale-data', 'no');
    r('SLAVEOF', '127.0.0.1', '6999');
    const down = error("MASTERDOWN Link with MASTER is down and slave-serve-stale-data is set to 'no'.");
    for (const argv of [['SELECT', '0'], ['MULTI'], ['TIME'], ['LASTSAVE'], ['CLIENT', 'GETNAME'], ['ECHO', 'a']]) {
      expect(r(...argv), argv[0]).toEqual(down);
    }
    expect(r('PING')).toEqual(status('PONG'));
    expect(items(r('ROLE'))[0]).toEqual(bulk('slave'));
  });
});

describe('the definitions behind COMMAND', () => {
  const specs = (v: RedisVersion) =>
    allCommands(v).flatMap((c) => [
      [c.name, c as CommandSpec] as const,
      ...Object.entries(c.subcommands ?? {}).map(([s, spec]) => [`${c.name}|${s}`, spec] as const),
    ]);

  it('document every command and subcommand, with a help-table entry', () => {
    for (const [name, spec] of specs('7.0')) {
      expect(spec.docs, name).toBeDefined();
      expect(commandHelp(name.replace('|', ' ').toUpperCase()), name).toBeDefined();
    }
  });

  it('point key arguments at existing key specs', () => {
    const keyArgs = (args: CommandSpec['args']): number[] =>
      (args ?? []).flatMap((a) => [...(a.keySpec === undefined ? [] : [a.keySpec]), ...keyArgs(a.args)]);
    for (const [name, spec] of specs('7.0')) {
      const n = spec.keySpecs?.length ?? 0;
      for (const i of keyArgs(spec.args)) expect(i, name).toBeLessThan(n);
    }
  });
});

describe('legacy range and ACL categories (synthetic specs)', () => {
  const ks = (index: number, range: [number, number, number], flags: KeySpec['flags'] = ['RO']): KeySpec => ({
    flags,
    index,
    range,
  });

  it('merges consecutive step-1 ranges and marks anything else movable', () => {
    expect(legacyRange([])).toEqual({ first: 0, last: 0, step: 0, movable: false });
    expect(legacyRange([ks(1, [0, 1, 0]), ks(2, [-1, 1, 0])])).toEqual({ first: 1, last: -1, step: 1, movable: false });
    expect(legacyRange([ks(1, [0, 1, 0]), ks(3, [0, 1, 0])])).toEqual({ first: 1, last: 1, step: 1, movable: true });
    expect(legacyRange([ks(1, [0, 1, 0]), ks(2, [-1, 2, 0])])).toEqual({ first: 1, last: 1, step: 1, movable: true });
    expect(legacyRange([ks(1, [0, 1, 0], ['RW', 'incomplete'])]).movable).toBe(true);
  });

  it('adds the implicit categories in Redis order', () => {
    const spec = (flags: CommandSpec['flags'], acl?: CommandSpec['acl']): CommandSpec => ({ arity: 1, flags, acl });
    expect(aclCategories(spec(['admin', 'noscript']))).toEqual(['admin', 'slow', 'dangerous']);
    expect(aclCategories(spec(['readonly', 'fast'], ['keyspace']))).toEqual(['keyspace', 'read', 'fast']);
    expect(aclCategories(spec(['readonly'], ['scripting']))).toEqual(['slow', 'scripting']);
    expect(aclCategories(spec([], ['fast', 'admin']))).toEqual(['admin', 'fast']);
  });
});

describe('glob ignoring case (COMMAND LIST FILTERBY PATTERN)', () => {
  it('folds ASCII letters in literals, sets and ranges, but not escaped bytes in a set', () => {
    expect(globMatch('CONFIG|G*', 'config|get', true)).toBe(true);
    expect(globMatch('CONFIG|G*', 'config|get')).toBe(false);
    expect(globMatch('[A-C]lient', 'client', true)).toBe(true);
    expect(globMatch('[G]et', 'get', true)).toBe(true);
    expect(globMatch('[\\G]et', 'get', true)).toBe(false);
    expect(globMatch('\\Get', 'get', true)).toBe(true);
  });
});

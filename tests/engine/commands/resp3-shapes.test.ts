/**
 * Reply shapes a RESP3 client (HELLO 3) gets where they differ from RESP2's flat arrays, each
 * checked against redis-server 7.0.15 with `redis-cli -3 --no-raw` (found by Redis's own test
 * suite run through the TCP bridge, docs/fidelity.md): [member, score] and [field, value] pairs,
 * sets for set operations, a map for LCS IDX, COMMAND INFO's sets and key-spec maps and COMMAND
 * DOCS's maps (these two through a node, as the commands need the whole table).
 */
import { describe, expect, it } from 'vitest';
import { array, bulk, bulkArray, double, int, map, type Reply, setReply, status } from '../../../src/engine/resp';
import { Playground } from '../../../src/playground';
import { FakeServer } from './fake-ctx';

/** A server whose one client speaks RESP3, with za = {a:1 b:2 c:3}, zb = {b:1 c:2 d:3}. */
function resp3(): FakeServer {
  const s = new FakeServer();
  s.run('ZADD', 'za', '1', 'a', '2', 'b', '3', 'c');
  s.run('ZADD', 'zb', '1', 'b', '2', 'c', '3', 'd');
  s.client.resp = 3;
  return s;
}

describe('sorted sets', () => {
  /** [member, score] pairs, as a RESP3 client gets them. */
  const pairs = (...kv: [string, string][]) => array(kv.map(([m, sc]) => array([bulk(m), double(sc)])));
  const flat = (...kv: [string, string][]) => array(kv.flatMap(([m, sc]) => [bulk(m), double(sc)]));

  it('ZINTER / ZUNION / ZDIFF WITHSCORES give a pair per member', () => {
    const s = resp3();
    expect(s.r('ZINTER', '2', 'za', 'zb', 'WITHSCORES')).toEqual(pairs(['b', '3'], ['c', '5']));
    expect(s.r('ZUNION', '2', 'za', 'zb', 'WITHSCORES')).toEqual(pairs(['a', '1'], ['b', '3'], ['d', '3'], ['c', '5']));
    expect(s.r('ZDIFF', '2', 'za', 'zb', 'WITHSCORES')).toEqual(pairs(['a', '1']));
    expect(s.r('ZINTER', '2', 'za', 'zb')).toEqual(bulkArray(['b', 'c']));
  });

  it('ZPOPMIN / ZPOPMAX: pairs when given a count, flat without one', () => {
    const s = resp3();
    expect(s.r('ZPOPMIN', 'za', '2')).toEqual(pairs(['a', '1'], ['b', '2']));
    expect(s.r('ZPOPMAX', 'zb', '1')).toEqual(pairs(['d', '3']));
    expect(s.r('ZPOPMIN', 'zb')).toEqual(flat(['b', '1']));
    expect(s.r('ZPOPMIN', 'nokey', '2')).toEqual(array([]));
  });

  it('ZRANDMEMBER with a count and WITHSCORES gives pairs', () => {
    const s = resp3();
    s.run('DEL', 'za');
    s.run('ZADD', 'za', '3', 'c');
    expect(s.r('ZRANDMEMBER', 'za', '2', 'WITHSCORES')).toEqual(pairs(['c', '3']));
    expect(s.r('ZRANDMEMBER', 'za', '-1', 'WITHSCORES')).toEqual(pairs(['c', '3']));
  });
});

describe('hashes, sets, strings', () => {
  it('HRANDFIELD WITHVALUES gives a [field, value] pair per pick (flat in RESP2)', () => {
    const s = resp3();
    s.run('HSET', 'h', 'f1', 'v1');
    expect(s.r('HRANDFIELD', 'h', '-2', 'WITHVALUES')).toEqual(
      array([bulkArray(['f1', 'v1']), bulkArray(['f1', 'v1'])]),
    );
    expect(s.r('HRANDFIELD', 'h', '1', 'WITHVALUES')).toEqual(array([bulkArray(['f1', 'v1'])]));
    expect(s.r('HRANDFIELD', 'h', '2')).toEqual(bulkArray(['f1']));
    expect(s.r('HRANDFIELD', 'nokey', '2', 'WITHVALUES')).toEqual(array([]));
    s.client.resp = 2;
    expect(s.r('HRANDFIELD', 'h', '-2', 'WITHVALUES')).toEqual(bulkArray(['f1', 'v1', 'f1', 'v1']));
  });

  it('SINTER / SUNION / SDIFF reply sets, empty ones too', () => {
    const s = resp3();
    s.run('SADD', 's', 'a');
    const one: Reply = setReply([bulk('a')]);
    expect(s.r('SINTER', 's')).toEqual(one);
    expect(s.r('SUNION', 's', 's')).toEqual(one);
    expect(s.r('SDIFF', 's')).toEqual(one);
    expect(s.r('SINTER', 's', 'nokey')).toEqual(setReply([]));
    expect(s.r('SUNION', 'nokey')).toEqual(setReply([]));
    expect(s.r('SDIFF', 's', 's')).toEqual(setReply([]));
  });

  it('LCS IDX replies a map', () => {
    const s = resp3();
    s.run('SET', 'k1', 'ohmytext');
    s.run('SET', 'k2', 'mynewtext');
    const m = (i: number, j: number) => array([int(i), int(j)]);
    expect(s.r('LCS', 'k1', 'k2', 'IDX')).toEqual(
      map([bulk('matches'), array([array([m(4, 7), m(5, 8)]), array([m(2, 3), m(0, 1)])]), bulk('len'), int(6)]),
    );
    expect(s.r('LCS', 'k1', 'nokey', 'IDX')).toEqual(map([bulk('matches'), array([]), bulk('len'), int(0)]));
  });
});

describe('COMMAND INFO / COMMAND DOCS', () => {
  const sts = (...names: string[]) => setReply(names.map((n) => status(n)));
  const pg = new Playground({ version: '7.0', seed: 5 });
  const node = pg.addNode('127.0.0.1', 6379);
  pg.start(node);
  pg.exec(node, ['HELLO', '3']);
  const s = { r: (...argv: string[]) => pg.exec(node, argv) as Reply };

  it('INFO: flags, ACL categories, tips and key specs are sets; a key spec is a map', () => {
    expect(s.r('COMMAND', 'INFO', 'lpos')).toEqual(
      array([
        array([
          bulk('lpos'),
          int(-3),
          sts('readonly'),
          int(1),
          int(1),
          int(1),
          sts('@read', '@list', '@slow'),
          setReply([]),
          setReply([
            map([
              bulk('flags'),
              sts('RO', 'access'),
              bulk('begin_search'),
              map([bulk('type'), bulk('index'), bulk('spec'), map([bulk('index'), int(1)])]),
              bulk('find_keys'),
              map([
                bulk('type'),
                bulk('range'),
                bulk('spec'),
                map([bulk('lastkey'), int(0), bulk('keystep'), int(1), bulk('limit'), int(0)]),
              ]),
            ]),
          ]),
          setReply([]),
        ]),
      ]),
    );
  });

  it('DOCS: a map of maps, arguments an array of maps, history a set', () => {
    expect(s.r('COMMAND', 'DOCS', 'echo')).toEqual(
      map([
        bulk('echo'),
        map([
          bulk('summary'),
          bulk('Echo the given string'),
          bulk('since'),
          bulk('1.0.0'),
          bulk('group'),
          bulk('connection'),
          bulk('complexity'),
          bulk('O(1)'),
          bulk('arguments'),
          array([map([bulk('name'), bulk('message'), bulk('type'), bulk('string')])]),
        ]),
      ]),
    );
    const items = (r: Reply): readonly Reply[] => ('items' in r && r.items) || [];
    const set = items(items(s.r('COMMAND', 'DOCS', 'set'))[1]);
    const h = set.findIndex((f) => f.t === 'bulk' && f.s === 'history');
    expect(set[h + 1].t).toBe('set');
    expect(s.r('COMMAND', 'DOCS', 'nosuch')).toEqual(map([]));
  });
});

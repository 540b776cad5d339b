/**
 * Sorted-set ranges, counts, ranks, removals and pops: ZRANGEBYSCORE / ZREVRANGEBYSCORE,
 * ZRANGEBYLEX / ZREVRANGEBYLEX, ZREVRANGE, ZRANGESTORE, ZRANK / ZREVRANK, ZCOUNT, ZLEXCOUNT,
 * ZMSCORE, ZREMRANGEBYRANK / SCORE / LEX, ZPOPMIN / ZPOPMAX — replies, error order per dialect,
 * and what each propagates (tests/diff/scenarios/79 checks the same against real Redis).
 */
import { describe, expect, it } from 'vitest';
import { findCommand } from '../../../src/engine/commands';
import { array, bulk, bulkArray, EMPTY_ARRAY, error, int, NIL, type Reply } from '../../../src/engine/resp';
import { FakeServer } from './fake-ctx';

const WRONGTYPE = error('WRONGTYPE Operation against a key holding the wrong kind of value');
const SYNTAX = error('ERR syntax error');
const NOT_INT = error('ERR value is not an integer or out of range');
const NOT_FLOAT = error('ERR min or max is not a float');
const BAD_LEX = error('ERR min or max not valid string range item');

/** z: a=1 b=2 c=3 d=4 e=5; lex: a..g all at 0; str: a string. */
function fixture(version: '4.0' | '7.0' = '7.0'): FakeServer {
  const s = new FakeServer({ version });
  s.run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd', '5', 'e');
  s.run('ZADD', 'lex', '0', 'a', '0', 'b', '0', 'c', '0', 'd', '0', 'e', '0', 'f', '0', 'g');
  s.run('SET', 'str', 'x');
  return s;
}

describe('ZRANGEBYSCORE / ZREVRANGEBYSCORE', () => {
  it('selects by score, exclusive ends, WITHSCORES, LIMIT', () => {
    const s = fixture();
    expect(s.r('ZRANGEBYSCORE', 'z', '(1', '3', 'WITHSCORES')).toEqual(bulkArray(['b', '2', 'c', '3']));
    expect(s.r('ZRANGEBYSCORE', 'z', '-inf', '+inf', 'LIMIT', '1', '2')).toEqual(bulkArray(['b', 'c']));
    expect(s.r('ZRANGEBYSCORE', 'z', '1', '5', 'LIMIT', '-1', '2')).toEqual(EMPTY_ARRAY);
    expect(s.r('ZRANGEBYSCORE', 'z', '1', '5', 'LIMIT', '3', '-1')).toEqual(bulkArray(['d', 'e']));
    expect(s.r('ZREVRANGEBYSCORE', 'z', '4', '(2', 'WITHSCORES')).toEqual(bulkArray(['d', '4', 'c', '3']));
    expect(s.r('ZREVRANGEBYSCORE', 'z', '1', '4')).toEqual(EMPTY_ARRAY);
    expect(s.r('ZRANGEBYSCORE', 'nokey', '1', '2')).toEqual(EMPTY_ARRAY);
  });

  it('7.0 checks options before the range, and knows no REV/BYSCORE here', () => {
    const s = fixture();
    expect(s.r('ZRANGEBYSCORE', 'z', 'x', '1', 'REV')).toEqual(SYNTAX);
    expect(s.r('ZRANGEBYSCORE', 'z', '1', '2', 'BYSCORE')).toEqual(SYNTAX);
    expect(s.r('ZRANGEBYSCORE', 'z', 'x', '1', 'LIMIT', 'y', '1')).toEqual(NOT_INT);
    expect(s.r('ZRANGEBYSCORE', 'z', 'x', '1')).toEqual(NOT_FLOAT);
    expect(s.r('ZRANGEBYSCORE', 'str', '1', '2')).toEqual(WRONGTYPE);
  });

  it('4.0 checks the range first', () => {
    const s = fixture('4.0');
    expect(s.r('ZRANGEBYSCORE', 'z', 'x', '1', 'REV')).toEqual(NOT_FLOAT);
    expect(s.r('ZRANGEBYSCORE', 'z', '1', '2', 'REV')).toEqual(SYNTAX);
    expect(s.r('ZRANGEBYSCORE', 'z', '1', '5', 'LIMIT', '1')).toEqual(SYNTAX);
    expect(s.r('ZREVRANGEBYSCORE', 'z', '5', '1', 'LIMIT', '0', '2', 'WITHSCORES')).toEqual(
      bulkArray(['e', '5', 'd', '4']),
    );
  });
});

describe('ZRANGEBYLEX / ZREVRANGEBYLEX / ZLEXCOUNT', () => {
  it('selects between lex bounds', () => {
    const s = fixture();
    expect(s.r('ZRANGEBYLEX', 'lex', '[b', '(e')).toEqual(bulkArray(['b', 'c', 'd']));
    expect(s.r('ZRANGEBYLEX', 'lex', '(b', '+', 'LIMIT', '1', '3')).toEqual(bulkArray(['d', 'e', 'f']));
    expect(s.r('ZREVRANGEBYLEX', 'lex', '[e', '[b', 'LIMIT', '1', '2')).toEqual(bulkArray(['d', 'c']));
    expect(s.r('ZLEXCOUNT', 'lex', '-', '+')).toEqual(int(7));
    expect(s.r('ZLEXCOUNT', 'lex', '[b', '[d')).toEqual(int(3));
    expect(s.r('ZLEXCOUNT', 'nokey', '-', '+')).toEqual(int(0));
  });

  it('errors', () => {
    const s = fixture();
    expect(s.r('ZRANGEBYLEX', 'lex', 'b', 'e')).toEqual(BAD_LEX);
    expect(s.r('ZRANGEBYLEX', 'lex', '-', '+', 'WITHSCORES')).toEqual(
      error('ERR syntax error, WITHSCORES not supported in combination with BYLEX'),
    );
    expect(s.r('ZLEXCOUNT', 'lex', 'b', 'd')).toEqual(BAD_LEX);
    expect(s.r('ZLEXCOUNT', 'str', '-', '+')).toEqual(WRONGTYPE);
    // 4.0: WITHSCORES is simply not an option of ZRANGEBYLEX.
    expect(fixture('4.0').r('ZRANGEBYLEX', 'lex', '-', '+', 'WITHSCORES')).toEqual(SYNTAX);
  });
});

describe('ZREVRANGE', () => {
  it('ranks over the reversed order; no LIMIT or REV', () => {
    const s = fixture();
    expect(s.r('ZREVRANGE', 'z', '0', '1')).toEqual(bulkArray(['e', 'd']));
    expect(s.r('ZREVRANGE', 'z', '-2', '-1', 'WITHSCORES')).toEqual(bulkArray(['b', '2', 'a', '1']));
    expect(s.r('ZREVRANGE', 'z', '0', '-1', 'LIMIT', '0', '1')).toEqual(
      error('ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX'),
    );
    expect(s.r('ZREVRANGE', 'z', '0', '1', 'REV')).toEqual(SYNTAX);
    expect(fixture('4.0').r('ZREVRANGE', 'z', '0', '0', 'WITHSCORES')).toEqual(bulkArray(['e', '5']));
  });
});

describe('ZRANK / ZREVRANK / ZCOUNT / ZMSCORE', () => {
  it('answer from the order', () => {
    const s = fixture();
    expect(s.r('ZRANK', 'z', 'a')).toEqual(int(0));
    expect(s.r('ZREVRANK', 'z', 'a')).toEqual(int(4));
    expect(s.r('ZRANK', 'z', 'nosuch')).toEqual(NIL);
    expect(s.r('ZREVRANK', 'nokey', 'a')).toEqual(NIL);
    expect(s.r('ZRANK', 'str', 'a')).toEqual(WRONGTYPE);
    expect(s.r('ZCOUNT', 'z', '(1', '(5')).toEqual(int(3));
    expect(s.r('ZCOUNT', 'z', 'x', '1')).toEqual(NOT_FLOAT);
    expect(s.r('ZCOUNT', 'nokey', '1', '2')).toEqual(int(0));
    expect(s.r('ZMSCORE', 'z', 'a', 'nosuch', 'e')).toEqual(array([bulk('1'), NIL, bulk('5')]));
    expect(s.r('ZMSCORE', 'nokey', 'a', 'b')).toEqual(array([NIL, NIL]));
    expect(s.r('ZMSCORE', 'str', 'a')).toEqual(WRONGTYPE);
  });
});

describe('ZREMRANGEBYRANK / SCORE / LEX', () => {
  it('remove a run, propagate as typed only when something went, delete the emptied key', () => {
    const s = fixture();
    expect(s.run('ZREMRANGEBYSCORE', 'z', '10', '20')).toMatchObject({ reply: int(0), propagated: [] });
    expect(s.run('ZREMRANGEBYSCORE', 'z', '(1', '3')).toMatchObject({
      reply: int(2),
      dirty: 2,
      propagated: [['ZREMRANGEBYSCORE', 'z', '(1', '3']],
    });
    expect(s.run('ZREMRANGEBYRANK', 'z', '-1', '-1')).toMatchObject({ reply: int(1), dirty: 1 });
    expect(s.r('ZRANGE', 'z', '0', '-1')).toEqual(bulkArray(['a', 'd']));
    expect(s.r('ZREMRANGEBYRANK', 'z', '5', '1')).toEqual(int(0));
    expect(s.r('ZREMRANGEBYRANK', 'z', 'a', '1')).toEqual(NOT_INT);
    expect(s.r('ZREMRANGEBYLEX', 'lex', '[b', '(d')).toEqual(int(2));
    expect(s.r('ZREMRANGEBYLEX', 'lex', 'a', 'b')).toEqual(BAD_LEX);
    expect(s.r('ZREMRANGEBYLEX', 'lex', '-', '+')).toEqual(int(5));
    expect(s.db.dict.has('lex')).toBe(false);
    expect(s.r('ZREMRANGEBYSCORE', 'str', '1', '2')).toEqual(WRONGTYPE);
    expect(s.r('ZREMRANGEBYSCORE', 'nokey', 'x', '2')).toEqual(NOT_FLOAT);
  });
});

describe('ZPOPMIN / ZPOPMAX', () => {
  it('pop from either end, flat member/score pairs, dirty per member', () => {
    const s = fixture();
    expect(s.run('ZPOPMIN', 'z')).toMatchObject({ reply: bulkArray(['a', '1']), dirty: 1 });
    expect(s.run('ZPOPMAX', 'z', '2')).toMatchObject({
      reply: bulkArray(['e', '5', 'd', '4']),
      dirty: 2,
      propagated: [['ZPOPMAX', 'z', '2']],
    });
    expect(s.run('ZPOPMIN', 'z', '0')).toMatchObject({ reply: EMPTY_ARRAY, propagated: [] });
    expect(s.r('ZPOPMIN', 'z', '10')).toEqual(bulkArray(['b', '2', 'c', '3']));
    expect(s.db.dict.has('z')).toBe(false);
    expect(s.r('ZPOPMAX', 'z')).toEqual(EMPTY_ARRAY);
  });

  it('errors, and 4.0 does not know them', () => {
    const s = fixture();
    const positive = error('ERR value is out of range, must be positive');
    expect(s.r('ZPOPMIN', 'z', '-1')).toEqual(positive);
    expect(s.r('ZPOPMIN', 'z', 'x')).toEqual(positive);
    expect(s.r('ZPOPMIN', 'z', '1', '2')).toEqual(SYNTAX);
    expect(s.r('ZPOPMIN', 'str')).toEqual(WRONGTYPE);
    for (const name of ['zpopmin', 'zpopmax', 'zmscore', 'zrangestore']) {
      expect(findCommand(name, '4.0'), name).toBeUndefined();
      expect(findCommand(name, '7.0'), name).toBeDefined();
    }
  });
});

describe('ZRANGESTORE', () => {
  it('stores the selection (dropping the TTL), deletes the destination for an empty one', () => {
    const s = fixture();
    s.run('SET', 'dst', 'v');
    s.run('EXPIRE', 'dst', '100');
    expect(s.run('ZRANGESTORE', 'dst', 'z', '3', '1', 'BYSCORE', 'REV', 'LIMIT', '0', '2')).toMatchObject({
      reply: int(2),
      dirty: 1,
      propagated: [['ZRANGESTORE', 'dst', 'z', '3', '1', 'BYSCORE', 'REV', 'LIMIT', '0', '2']],
    });
    expect(s.r('ZRANGE', 'dst', '0', '-1', 'WITHSCORES')).toEqual(bulkArray(['b', '2', 'c', '3']));
    expect(s.r('TTL', 'dst')).toEqual(int(-1));
    expect(s.r('ZRANGESTORE', 'dst', 'z', '0', '-1', 'WITHSCORES')).toEqual(SYNTAX);
    expect(s.r('ZRANGESTORE', 'dst', 'str', '0', '-1')).toEqual(WRONGTYPE);
    expect(s.run('ZRANGESTORE', 'dst', 'nokey', '0', '-1')).toMatchObject({ reply: int(0), dirty: 1 });
    expect(s.db.dict.has('dst')).toBe(false);
    expect(s.run('ZRANGESTORE', 'dst', 'nokey', '0', '-1')).toMatchObject({ reply: int(0), propagated: [] });
  });
});

/** The strings of a flat array reply. */
function strings(r: Reply): string[] {
  if (r.t !== 'array' || r.items === null) throw new Error('not an array');
  return r.items.map((i) => (i.t === 'bulk' && i.s !== null ? i.s : ''));
}

describe('ZRANDMEMBER', () => {
  it('picks from the set: repeats for a negative count, distinct for a positive one, all when it reaches the size', () => {
    const s = fixture();
    const members = ['a', 'b', 'c', 'd', 'e'];
    const one = s.r('ZRANDMEMBER', 'z');
    expect(one.t === 'bulk' && members.includes(one.s ?? '')).toBe(true);
    const rep = strings(s.r('ZRANDMEMBER', 'z', '-20'));
    expect(rep).toHaveLength(20);
    for (const r of rep) expect(members).toContain(r);
    const uniq = strings(s.r('ZRANDMEMBER', 'z', '3'));
    expect(new Set(uniq).size).toBe(3);
    expect(s.r('ZRANDMEMBER', 'z', '9', 'WITHSCORES')).toEqual(
      bulkArray(['e', '5', 'd', '4', 'c', '3', 'b', '2', 'a', '1']),
    );
    const pair = strings(s.r('ZRANDMEMBER', 'z', '-1', 'WITHSCORES'));
    expect(Number(pair[1])).toBe(members.indexOf(pair[0]) + 1);
  });

  it('errors and empty cases', () => {
    const s = fixture();
    expect(s.r('ZRANDMEMBER', 'z', '0')).toEqual(EMPTY_ARRAY);
    expect(s.r('ZRANDMEMBER', 'nokey')).toEqual(NIL);
    expect(s.r('ZRANDMEMBER', 'nokey', '3')).toEqual(EMPTY_ARRAY);
    expect(s.r('ZRANDMEMBER', 'z', 'x')).toEqual(NOT_INT);
    expect(s.r('ZRANDMEMBER', 'z', '1', 'WITHSCORE')).toEqual(SYNTAX);
    expect(s.r('ZRANDMEMBER', 'z', '4611686018427387904', 'WITHSCORES')).toEqual(error('ERR value is out of range'));
    expect(s.r('ZRANDMEMBER', 'z', '-9223372036854775808')).toEqual(
      error('ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807'),
    );
    expect(s.r('ZRANDMEMBER', 'str', '1')).toEqual(WRONGTYPE);
  });
});

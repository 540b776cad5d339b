/**
 * Geo: GEOADD (propagated as the ZADD it amounts to), GEOPOS, GEODIST, GEOHASH, and the searches
 * (GEORADIUS*, GEOSEARCH*) — scores, positions, distances, members and their order as
 * redis-server 7.0.15 answers them (tests/diff/scenarios/79 and 53 check the same against real
 * Redis), errors, what a STORE propagates, RESP3's doubles, and the 4.0 dialect (from 4.0.14).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceText } from '../../../src/engine/commands/util/geo';
import { partialSort } from '../../../src/engine/commands/util/pqsort';
import { array, bulk, bulkArray, double, error, int, NIL, NIL_ARRAY } from '../../../src/engine/resp';
import { FakeServer } from './fake-ctx';

/** Palermo and Catania, as in Redis's documentation. */
function sicily(version: '4.0' | '7.0' = '7.0'): FakeServer {
  const s = new FakeServer({ version });
  s.run('GEOADD', 'Sicily', '13.361389', '38.115556', 'Palermo', '15.087269', '37.502669', 'Catania');
  return s;
}

describe('GEOADD', () => {
  it('stores 52-bit geohash scores and propagates ZADD', () => {
    const s = new FakeServer();
    expect(s.run('GEOADD', 'Sicily', 'CH', '13.361389', '38.115556', 'Palermo')).toMatchObject({
      reply: int(1),
      propagated: [['zadd', 'Sicily', 'CH', '3479099956230698', 'Palermo']],
    });
    expect(s.r('ZSCORE', 'Sicily', 'Palermo')).toEqual(bulk('3479099956230698'));
    expect(s.run('GEOADD', 'Sicily', '13.361389', '38.115556', 'Palermo')).toMatchObject({
      reply: int(0),
      propagated: [],
    });
  });

  it('errors in their order', () => {
    const s = new FakeServer();
    expect(s.r('GEOADD', 'k', 'NX', 'XX', '1', '1', 'a')).toEqual(error('ERR syntax error'));
    expect(s.r('GEOADD', 'k', '1', '1', 'a', '2')).toEqual(error('ERR syntax error'));
    expect(s.r('GEOADD', 'k', '200', '1', 'x')).toEqual(
      error('ERR invalid longitude,latitude pair 200.000000,1.000000'),
    );
    expect(s.r('GEOADD', 'k', 'inf', '1', 'x')).toEqual(error('ERR invalid longitude,latitude pair inf,1.000000'));
    expect(s.r('GEOADD', 'k', 'abc', '1', 'x')).toEqual(error('ERR value is not a valid float'));
    expect(s.db.dict.has('k')).toBe(false);
    expect(new FakeServer({ version: '4.0' }).r('GEOADD', 'k', 'NX', '1', '1', 'a')).toEqual(
      error('ERR syntax error. Try GEOADD key [x1] [y1] [name1] [x2] [y2] [name2] ... '),
    );
  });
});

describe('GEOPOS / GEODIST / GEOHASH', () => {
  it('answer from the cell centres, formatted as Redis formats them', () => {
    const s = sicily();
    expect(s.r('GEOPOS', 'Sicily', 'Palermo', 'nosuch')).toEqual(
      array([bulkArray(['13.36138933897018433', '38.11555639549629859']), NIL_ARRAY]),
    );
    expect(s.r('GEODIST', 'Sicily', 'Palermo', 'Catania')).toEqual(bulk('166274.1516'));
    expect(s.r('GEODIST', 'Sicily', 'Palermo', 'Catania', 'km')).toEqual(bulk('166.2742'));
    expect(s.r('GEODIST', 'Sicily', 'Palermo', 'Catania', 'MI')).toEqual(bulk('103.3182'));
    expect(s.r('GEODIST', 'Sicily', 'Palermo', 'nosuch')).toEqual(NIL);
    expect(s.r('GEODIST', 'Sicily', 'a', 'b', 'yards')).toEqual(
      error('ERR unsupported unit provided. please use M, KM, FT, MI'),
    );
    expect(s.r('GEODIST', 'Sicily', 'a', 'b', 'km', 'x')).toEqual(error('ERR syntax error'));
    expect(s.r('GEOHASH', 'Sicily', 'Palermo', 'Catania', 'nosuch')).toEqual(
      array([bulk('sqc8b49rny0'), bulk('sqdtr74hyu0'), NIL]),
    );
    s.run('SET', 'str', 'x');
    const wrongType = error('WRONGTYPE Operation against a key holding the wrong kind of value');
    expect(s.r('GEOPOS', 'str', 'a')).toEqual(wrongType);
    expect(s.r('GEOHASH', 'str', 'a')).toEqual(wrongType);
  });

  it('4.0 stores the same scores', () => {
    const s = sicily('4.0');
    expect(s.r('ZSCORE', 'Sicily', 'Palermo')).toEqual(bulk('3479099956230698'));
  });
});

/** Sicily with a few more points, as differential scenario 53 adds them. */
function sicily6(version: '4.0' | '7.0' = '7.0'): FakeServer {
  const s = sicily(version);
  s.run('GEOADD', 'Sicily', '13.583333', '37.316667', 'Agrigento', '14.2', '36.9', 'sea');
  return s;
}
const row = (...items: (string | number)[]) => array(items.map((x) => (typeof x === 'number' ? int(x) : bulk(x))));

describe('GEORADIUS / GEOSEARCH (real 7.0.15 replies)', () => {
  it('finds the members in the cells Redis reads, in its order, and sorts by distance', () => {
    const s = sicily6();
    expect(s.r('GEORADIUS', 'Sicily', '15', '37', '200', 'km')).toEqual(
      bulkArray(['sea', 'Agrigento', 'Palermo', 'Catania']),
    );
    expect(s.r('GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'ASC', 'WITHDIST')).toEqual(
      array([
        row('Catania', '56.4413'),
        row('sea', '71.9747'),
        row('Agrigento', '130.4235'),
        row('Palermo', '190.4424'),
      ]),
    );
    expect(s.r('GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'COUNT', '1', 'WITHHASH', 'WITHCOORD')).toEqual(
      array([
        array([bulk('Catania'), int(3479447370796909), bulkArray(['15.08726745843887329', '37.50266842333162032'])]),
      ]),
    );
    expect(s.r('GEOSEARCH', 'Sicily', 'FROMMEMBER', 'Palermo', 'BYBOX', '100', '400', 'km', 'DESC')).toEqual(
      bulkArray(['Agrigento', 'Palermo']),
    );
    expect(s.r('GEORADIUSBYMEMBER_RO', 'Sicily', 'Agrigento', '100', 'km', 'COUNT', '1', 'ANY')).toEqual(
      bulkArray(['Agrigento']),
    );
  });

  it("under COUNT leaves equal distances in the order 7.0's partial quicksort leaves them", () => {
    const s = new FakeServer();
    const same = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].flatMap((m) => ['10.5', '45.5', m]);
    s.run('GEOADD', 'same', ...same, '10.51', '45.5', 'far');
    expect(s.r('GEORADIUS', 'same', '10.5', '45.5', '10', 'km', 'COUNT', '8', 'DESC')).toEqual(
      bulkArray(['far', 'b', 'c', 'd', 'a', 'f', 'g', 'h']),
    );
    // Without COUNT (or a COUNT that takes all) glibc's stable qsort keeps the zset order.
    expect(s.r('GEORADIUS', 'same', '10.5', '45.5', '10', 'km', 'DESC')).toEqual(
      bulkArray(['far', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']),
    );
    // 4.0 always sorted everything with the stable qsort.
    const s4 = new FakeServer({ version: '4.0' });
    s4.run('GEOADD', 'same', ...same, '10.51', '45.5', 'far');
    expect(s4.r('GEORADIUS', 'same', '10.5', '45.5', '10', 'km', 'COUNT', '8', 'DESC')).toEqual(
      bulkArray(['far', 'a', 'b', 'c', 'd', 'e', 'f', 'g']),
    );
  });

  it('answers errors in their order', () => {
    const s = sicily6();
    s.run('SET', 'str', 'x');
    const e = (...a: string[]) => s.r(...a);
    expect(e('GEORADIUS', 'str', 'x', '1', '1', 'm')).toEqual(
      error('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
    expect(e('GEORADIUS', 'Sicily', '15', '37', '-1', 'km')).toEqual(error('ERR radius cannot be negative'));
    expect(e('GEORADIUS', 'Sicily', '15', '37', 'r', 'km')).toEqual(error('ERR need numeric radius'));
    expect(e('GEORADIUS', 'Sicily', '15', '37', '1', 'yd')).toEqual(
      error('ERR unsupported unit provided. please use M, KM, FT, MI'),
    );
    expect(e('GEORADIUS', 'Sicily', '15', '37', '1', 'km', 'ANY')).toEqual(
      error('ERR the ANY argument requires COUNT argument'),
    );
    expect(e('GEORADIUS', 'Sicily', '15', '37', '1', 'km', 'COUNT', '0')).toEqual(error('ERR COUNT must be > 0'));
    expect(e('GEORADIUS', 'Sicily', '15', '37', '1', 'km', 'STORE', 'd', 'WITHDIST')).toEqual(
      error('ERR STORE option in GEORADIUS is not compatible with WITHDIST, WITHHASH and WITHCOORD options'),
    );
    expect(e('GEORADIUS_RO', 'Sicily', '15', '37', '1', 'km', 'STORE', 'd')).toEqual(error('ERR syntax error'));
    expect(e('GEORADIUSBYMEMBER', 'Sicily', 'nosuch', '1', 'km')).toEqual(
      error('ERR could not decode requested zset member'),
    );
    // A missing key: 7.0 does not read a member search's radius at all.
    expect(e('GEORADIUSBYMEMBER', 'nokey', 'x', 'abc', 'parsecs')).toEqual(array([]));
    expect(e('geosearch', 'Sicily', 'BYRADIUS', '1', 'km', 'ASC', 'WITHDIST')).toEqual(
      error('ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for geosearch'),
    );
    expect(e('GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'ASC', 'WITHDIST')).toEqual(
      error('ERR exactly one of BYRADIUS and BYBOX can be specified for GEOSEARCH'),
    );
    expect(e('GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '1', 'km', 'BYBOX', '1', '1', 'km')).toEqual(
      error('ERR syntax error'),
    );
    expect(e('GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYBOX', 'w', '1', 'km')).toEqual(
      error('ERR need numeric width'),
    );
    expect(e('GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYBOX', '1', '-1', 'km')).toEqual(
      error('ERR height or width cannot be negative'),
    );
    expect(e('GEOSEARCHSTORE', 'd', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '1', 'km', 'WITHHASH')).toEqual(
      error('ERR GEOSEARCHSTORE is not compatible with WITHDIST, WITHHASH and WITHCOORD options'),
    );
  });

  it('stores geohash scores or distances, propagates the command as typed, deletes on nothing found', () => {
    const s = sicily6();
    const store = ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'STOREDIST', 'd', 'COUNT', '2'];
    expect(s.run(...store)).toMatchObject({ reply: int(2), dirty: 2, propagated: [store] });
    expect(s.r('ZRANGE', 'd', '0', '-1', 'WITHSCORES')).toEqual(
      bulkArray(['Catania', '56.441257870158204', 'sea', '71.974664985432824']),
    );
    const search = ['GEOSEARCHSTORE', 'd', 'Sicily', 'FROMMEMBER', 'Palermo', 'BYRADIUS', '1', 'm'];
    expect(s.run(...search)).toMatchObject({ reply: int(1), propagated: [search] });
    expect(s.r('ZRANGE', 'd', '0', '-1', 'WITHSCORES')).toEqual(bulkArray(['Palermo', '3479099956230698']));
    const none = ['GEOSEARCHSTORE', 'd', 'Sicily', 'FROMLONLAT', '0', '0', 'BYRADIUS', '1', 'm'];
    expect(s.run(...none)).toMatchObject({ reply: int(0), propagated: [none] });
    expect(s.db.dict.has('d')).toBe(false);
    expect(s.run(...none)).toMatchObject({ reply: int(0), propagated: [] });
    expect(s.run('GEORADIUS', 'Sicily', '15', '37', '200', 'km')).toMatchObject({ propagated: [] });
  });

  it('answers RESP3 doubles for coordinates, bulk strings for distances', () => {
    const s = sicily6();
    s.client.resp = 3;
    expect(s.r('GEOPOS', 'Sicily', 'Palermo')).toEqual(
      array([array([double('13.36138933897018433'), double('38.11555639549629859')])]),
    );
    expect(s.r('GEOSEARCH', 'Sicily', 'FROMMEMBER', 'Catania', 'BYRADIUS', '1', 'km', 'WITHDIST', 'WITHCOORD')).toEqual(
      array([
        array([
          bulk('Catania'),
          bulk('0.0000'),
          array([double('15.08726745843887329'), double('37.50266842333162032')]),
        ]),
      ]),
    );
  });
});

describe('geo in the 4.0 dialect (4.0.14)', () => {
  it('has GEORADIUS* only, lowercase units, no ANY, and answers a missing key before reading anything', () => {
    const s = sicily6('4.0');
    expect(s.r('GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'COUNT', '2', 'WITHDIST')).toEqual(
      array([row('Catania', '56.4413'), row('sea', '71.9747')]),
    );
    expect(s.r('GEORADIUS', 'Sicily', '15', '37', '200', 'KM')).toEqual(
      error('ERR unsupported unit provided. please use m, km, ft, mi'),
    );
    expect(s.r('GEODIST', 'Sicily', 'Palermo', 'Catania', 'MI')).toEqual(
      error('ERR unsupported unit provided. please use m, km, ft, mi'),
    );
    expect(s.r('GEORADIUS', 'Sicily', '15', '37', '1', 'km', 'COUNT', '1', 'ANY')).toEqual(error('ERR syntax error'));
    expect(s.r('GEORADIUS', 'Sicily', '15', '37', '1', 'km', 'STORE', 'd', 'WITHDIST')).toEqual(
      error('ERR STORE option in GEORADIUS is not compatible with WITHDIST, WITHHASH and WITHCOORDS options'),
    );
    s.run('SET', 'd', 'v');
    expect(s.run('GEORADIUS', 'nokey', 'x', 'y', 'z', 'w', 'STORE', 'd')).toMatchObject({
      reply: array([]),
      propagated: [],
    });
    expect(s.db.dict.get('d')).toBe('v');
  });
});

describe('geo number formatting', () => {
  it("7.0 rounds distance × 10^4 half to even (llrint), 4.0 printed the exact value with '%.4f'", () => {
    expect(distanceText(0.00025)).toBe('0.0002');
    expect(distanceText(0.00025, '4.0')).toBe('0.0003');
    expect(distanceText(0.00125)).toBe('0.0012');
    expect(distanceText(0.00125, '4.0')).toBe('0.0013');
    expect(distanceText(0)).toBe('0.0000');
    expect(distanceText(166274.15156960033)).toBe('166274.1516');
  });

  it('partialSort puts the k smallest first, in order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer(), { maxLength: 200 }), fc.nat(), (xs, k0) => {
        if (xs.length === 0) return;
        const k = k0 % xs.length;
        const a = [...xs];
        partialSort(a, (x, y) => x - y, 0, k);
        expect(a.slice(0, k + 1)).toEqual([...xs].sort((x, y) => x - y).slice(0, k + 1));
      }),
    );
  });
});

/**
 * Geo: GEOADD (propagated as the ZADD it amounts to), GEOPOS, GEODIST, GEOHASH — scores,
 * positions and distances as redis-server 7.0.15 prints them (tests/diff/scenarios/79 checks the
 * same against real Redis), errors, and 4.0's GEOADD without options.
 */
import { describe, expect, it } from 'vitest';
import { array, bulk, bulkArray, error, int, NIL, NIL_ARRAY } from '../../../src/engine/resp';
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

// GEORADIUS key longitude latitude radius M|KM|FT|MI [WITHCOORD] [WITHDIST] [WITHHASH] [COUNT count [ANY]] [ASC|DESC] [STORE key] [STOREDIST key]
import type { Command, KeySpec } from './types';
import { georadiusGeneric, radiusArgs, UPPERCASE_UNITS } from './util/georadius';

/** GEORADIUS* and GEOSEARCH's common 7.0 metadata: the source key read at argv[1]. */
export const GEO_SOURCE: KeySpec = { flags: ['RO', 'access'], index: 1, range: [0, 1, 0] };

/** The STORE and STOREDIST destinations, found by keyword from argv[startfrom] on. */
export function storeSpecs(startfrom: number): KeySpec[] {
  return ['STORE', 'STOREDIST'].map((keyword) => ({
    flags: ['OW', 'update'],
    index: startfrom,
    keyword: { keyword, startfrom },
    range: [0, 1, 0],
  }));
}

export const RADIUS_COMPLEXITY =
  'O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.';

/**
 * GEORADIUS: the members within a radius of a point, nearest first when sorted. With STORE or
 * STOREDIST it writes them into a sorted set instead (so it is a write command, refused on a
 * read-only replica even without STORE: GEORADIUS_RO is for those) and is propagated as typed.
 */
export const georadiusCommand: Command = {
  name: 'georadius',
  arity: -6,
  flags: ['write', 'denyoom'],
  flags40: ['write'],
  movable40: true,
  keys40: [1, 1, 1],
  acl: ['geo'],
  keySpecs: [GEO_SOURCE, ...storeSpecs(6)],
  args: radiusArgs(false, true, '6.2.0'),
  docs: {
    complexity: RADIUS_COMPLEXITY,
    docFlags: ['deprecated'],
    deprecatedSince: '6.2.0',
    replacedBy: '`GEOSEARCH` and `GEOSEARCHSTORE` with the `BYRADIUS` argument',
    history: [['6.2.0', 'Added the `ANY` option for `COUNT`.'], UPPERCASE_UNITS],
  },
  touchesOwnKeys: true,
  run: (ctx) => georadiusGeneric(ctx, 'radius'),
};

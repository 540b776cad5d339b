// GEORADIUSBYMEMBER key member radius M|KM|FT|MI [WITHCOORD] [WITHDIST] [WITHHASH] [COUNT count [ANY]] [ASC|DESC] [STORE key] [STOREDIST key]
import { GEO_SOURCE, RADIUS_COMPLEXITY, storeSpecs } from './georadius';
import type { Command } from './types';
import { georadiusGeneric, radiusArgs, UPPERCASE_UNITS } from './util/georadius';

/**
 * GEORADIUSBYMEMBER: GEORADIUS around a member's position ("could not decode requested zset
 * member" when it is not there). On a missing key 7.0 does not even read the radius.
 */
export const georadiusbymemberCommand: Command = {
  name: 'georadiusbymember',
  arity: -5,
  flags: ['write', 'denyoom'],
  flags40: ['write'],
  movable40: true,
  keys40: [1, 1, 1],
  acl: ['geo'],
  keySpecs: [GEO_SOURCE, ...storeSpecs(5)],
  args: radiusArgs(true, true),
  docs: {
    complexity: RADIUS_COMPLEXITY,
    docFlags: ['deprecated'],
    deprecatedSince: '6.2.0',
    replacedBy: '`GEOSEARCH` and `GEOSEARCHSTORE` with the `BYRADIUS` and `FROMMEMBER` arguments',
    history: [UPPERCASE_UNITS],
  },
  touchesOwnKeys: true,
  run: (ctx) => georadiusGeneric(ctx, 'member'),
};

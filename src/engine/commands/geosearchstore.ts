// GEOSEARCHSTORE destination source FROMMEMBER member|FROMLONLAT longitude latitude BYRADIUS radius M|KM|FT|MI|BYBOX width height M|KM|FT|MI [ASC|DESC] [COUNT count [ANY]] [STOREDIST]
import { SEARCH_COMPLEXITY } from './geosearch';
import type { Command } from './types';
import { georadiusGeneric, searchArgs, UPPERCASE_UNITS } from './util/georadius';

/**
 * GEOSEARCHSTORE (6.2): GEOSEARCH's result stored at destination (geohash scores, or distances
 * with STOREDIST), replying its size; nothing found deletes destination. Propagated as typed
 * when it changed something. 7.0 only.
 */
export const geosearchstoreCommand: Command = {
  name: 'geosearchstore',
  arity: -8,
  flags: ['write', 'denyoom'],
  versions: ['7.0'],
  acl: ['geo'],
  keySpecs: [
    { flags: ['OW', 'update'], index: 1, range: [0, 1, 0] },
    { flags: ['RO', 'access'], index: 2, range: [0, 1, 0] },
  ],
  args: [
    { name: 'destination', type: 'key', keySpec: 0 },
    { name: 'source', type: 'key', keySpec: 1 },
    ...searchArgs(true),
  ],
  docs: { complexity: SEARCH_COMPLEXITY, history: [UPPERCASE_UNITS] },
  touchesOwnKeys: true,
  run: (ctx) => georadiusGeneric(ctx, 'searchstore'),
};

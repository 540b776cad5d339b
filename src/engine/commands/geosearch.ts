// GEOSEARCH key FROMMEMBER member|FROMLONLAT longitude latitude BYRADIUS radius M|KM|FT|MI|BYBOX width height M|KM|FT|MI [ASC|DESC] [COUNT count [ANY]] [WITHCOORD] [WITHDIST] [WITHHASH]
import { GEO_SOURCE } from './georadius';
import type { Command } from './types';
import { georadiusGeneric, searchArgs, UPPERCASE_UNITS } from './util/georadius';

export const SEARCH_COMPLEXITY =
  'O(N+log(M)) where N is the number of elements in the grid-aligned bounding box area around the shape provided as the filter and M is the number of items inside the shape';

/**
 * GEOSEARCH (6.2): the members inside a circle or an axis-aligned box around a member or a
 * point. Its errors name the command as typed ("… can be specified for geosearch"). 7.0 only.
 */
export const geosearchCommand: Command = {
  name: 'geosearch',
  arity: -7,
  flags: ['readonly'],
  versions: ['7.0'],
  acl: ['geo'],
  keySpecs: [GEO_SOURCE],
  args: [{ name: 'key', type: 'key', keySpec: 0 }, ...searchArgs(false)],
  docs: { complexity: SEARCH_COMPLEXITY, history: [UPPERCASE_UNITS] },
  run: (ctx) => georadiusGeneric(ctx, 'search'),
};

// GEORADIUS_RO key longitude latitude radius M|KM|FT|MI [WITHCOORD] [WITHDIST] [WITHHASH] [COUNT count [ANY]] [ASC|DESC]
import { GEO_SOURCE, RADIUS_COMPLEXITY } from './georadius';
import type { Command } from './types';
import { georadiusGeneric, radiusArgs } from './util/georadius';

/** GEORADIUS_RO: GEORADIUS without STORE / STOREDIST (a syntax error here), so a replica serves it. */
export const georadiusRoCommand: Command = {
  name: 'georadius_ro',
  arity: -6,
  flags: ['readonly'],
  movable40: true,
  keys40: [1, 1, 1],
  acl: ['geo'],
  keySpecs: [GEO_SOURCE],
  args: radiusArgs(false, false, '6.2.0'),
  docs: {
    complexity: RADIUS_COMPLEXITY,
    docFlags: ['deprecated'],
    deprecatedSince: '6.2.0',
    replacedBy: '`GEOSEARCH` with the `BYRADIUS` argument',
    history: [['6.2.0', 'Added the `ANY` option for `COUNT`.']],
  },
  run: (ctx) => georadiusGeneric(ctx, 'radius_ro'),
};

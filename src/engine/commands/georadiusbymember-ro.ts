// GEORADIUSBYMEMBER_RO key member radius M|KM|FT|MI [WITHCOORD] [WITHDIST] [WITHHASH] [COUNT count [ANY]] [ASC|DESC]
import { GEO_SOURCE, RADIUS_COMPLEXITY } from './georadius';
import type { Command } from './types';
import { georadiusGeneric, radiusArgs } from './util/georadius';

/** GEORADIUSBYMEMBER_RO: GEORADIUSBYMEMBER without STORE / STOREDIST, served by replicas. */
export const georadiusbymemberRoCommand: Command = {
  name: 'georadiusbymember_ro',
  arity: -5,
  flags: ['readonly'],
  movable40: true,
  keys40: [1, 1, 1],
  acl: ['geo'],
  keySpecs: [GEO_SOURCE],
  args: radiusArgs(true, false),
  docs: {
    complexity: RADIUS_COMPLEXITY,
    docFlags: ['deprecated'],
    deprecatedSince: '6.2.0',
    replacedBy: '`GEOSEARCH` with the `BYRADIUS` and `FROMMEMBER` arguments',
  },
  run: (ctx) => georadiusGeneric(ctx, 'member_ro'),
};

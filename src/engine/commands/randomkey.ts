// RANDOMKEY
import { bulk, NIL } from '../resp';
import type { Command } from './types';
import { randomIndex } from './util/set';

/**
 * RANDOMKEY: a random key of the db (nil when empty), picked with the server's seeded randomness.
 * A due key picked is skipped (a master expires it, propagating the DEL); a replica whose keys all
 * have a TTL gives up after 100 tries and returns the last one picked.
 */
export const randomkeyCommand: Command = {
  name: 'randomkey',
  arity: 1,
  // Keys it expires on the way are not a transaction: their DELs are not wrapped in MULTI/EXEC.
  flags: ['readonly', 'touches-arbitrary-keys'],
  flags40: ['readonly', 'random'],
  acl: ['keyspace'],
  tips: ['request_policy:all_shards', 'nondeterministic_output'],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const db = ctx.db;
    const allVolatile = db.dict.size === db.expires.size;
    let tries = 100;
    while (db.dict.size > 0) {
      // One entry at a random index of the dict (dictGetFairRandomKey).
      let i = randomIndex(ctx, db.dict.size);
      let key = '';
      for (const k of db.dict.keys()) {
        if (i-- === 0) {
          key = k;
          break;
        }
      }
      const when = db.expires.get(key);
      if (when !== undefined) {
        if (allVolatile && ctx.isReplica && --tries === 0) return bulk(key);
        if (ctx.now > when) {
          // A master expires it (propagating the DEL); a replica only skips it.
          if (!ctx.isReplica) ctx.expireIfNeeded(key);
          continue;
        }
      }
      return bulk(key);
    }
    return NIL;
  },
};

// SWAPDB index1 index2
import { signalDeletedStreams, signalKeyChange } from '../blocking';
import { DBNUM } from '../keyspace';
import { error, OK } from '../resp';
import { touchAllInDb } from '../watch';
import type { Command } from './types';
import { swapStringMarks } from './util/encoding';
import { parseLL } from './util/int';

/**
 * SWAPDB: exchange the contents of two dbs; clients stay in their db, so they see the other
 * data. Watched keys that change are touched (7.0), and clients blocked on a key that now holds a
 * list are served. Propagated as typed.
 */
export const swapdbCommand: Command = {
  name: 'swapdb',
  arity: 3,
  flags: ['write', 'fast'],
  acl: ['keyspace', 'dangerous'],
  args: [
    { name: 'index1', type: 'integer' },
    { name: 'index2', type: 'integer' },
  ],
  docs: { complexity: 'O(N) where N is the count of clients watching or blocking on keys from both databases.' },
  touchesOwnKeys: true,
  run(ctx) {
    const [, a, b] = ctx.argv;
    const id1 = parseLL(a);
    if (id1 === null || id1 < -(2n ** 31n) || id1 >= 2n ** 31n) return error('ERR invalid first DB index');
    const id2 = parseLL(b);
    if (id2 === null || id2 < -(2n ** 31n) || id2 >= 2n ** 31n) return error('ERR invalid second DB index');
    if (id1 < 0n || id1 >= BigInt(DBNUM) || id2 < 0n || id2 >= BigInt(DBNUM)) {
      return error('ERR DB index is out of range');
    }
    const srv = ctx.srv;
    const db1 = srv.dbs[Number(id1)];
    const db2 = srv.dbs[Number(id2)];
    if (db1 !== db2) {
      if (ctx.version === '7.0') {
        touchAllInDb(db1, db2, ctx.now);
        touchAllInDb(db2, db1, ctx.now);
      }
      signalDeletedStreams(srv, db1, db2);
      signalDeletedStreams(srv, db2, db1);
      db1.swapWith(db2);
      [srv.lru[db1.id], srv.lru[db2.id]] = [srv.lru[db2.id], srv.lru[db1.id]];
      swapStringMarks(db1, db2);
      // scanDatabaseForReadyKeys: a list, sorted set or stream now where someone waits.
      for (const db of [db1, db2]) {
        for (const key of srv.blockingKeys[db.id].keys()) signalKeyChange(srv, db.id, key, undefined, db.dict.get(key));
      }
    }
    ctx.dirty();
    return OK;
  },
};

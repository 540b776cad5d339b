// MOVE key db
import { DBNUM } from '../keyspace';
import { ERR, error, int } from '../resp';
import type { Command } from './types';
import { copyStringMark } from './util/encoding';
import { INT_RANGE, parseLL } from './util/int';

/**
 * MOVE: move a key (with its TTL) to another db, unless it is missing here (0) or taken there (0).
 * 4.0 answers any bad index with `index out of range`.
 */
export const moveCommand: Command = {
  name: 'move',
  arity: 3,
  flags: ['write', 'fast'],
  acl: ['keyspace'],
  keySpecs: [{ flags: ['RW', 'access', 'update'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'db', type: 'integer' },
  ],
  docs: { complexity: 'O(1)' },
  touchesOwnKeys: true,
  run(ctx) {
    const [, key, dbText] = ctx.argv;
    const v = parseLL(dbText);
    const v7 = ctx.version === '7.0';
    if (v === null) return v7 ? ERR.notInteger : ERR.outOfRange;
    if (v < -(2n ** 31n) || v >= 2n ** 31n) return v7 ? INT_RANGE : ERR.outOfRange;
    if (v < 0n || v >= BigInt(DBNUM)) return v7 ? error('ERR DB index is out of range') : ERR.outOfRange;
    const dst = ctx.srv.dbs[Number(v)];
    if (dst === ctx.db) return error('ERR source and destination objects are the same');
    const o = ctx.lookupWrite(key);
    if (o === undefined) return int(0);
    const expire = ctx.getExpire(key);
    if (ctx.lookupWrite(key, dst) !== undefined) return int(0);
    ctx.setKey(key, o, false, dst);
    // The object itself moves: its string encoding record goes with it.
    copyStringMark(ctx.db, key, dst, key);
    if (expire !== -1) ctx.setExpire(key, expire, dst);
    ctx.deleteKey(key);
    ctx.touch(key);
    ctx.touch(key, dst);
    ctx.dirty();
    return int(1);
  },
};

// COPY source destination [DB destination-db] [REPLACE]
import { DBNUM } from '../keyspace';
import { ERR, error, int } from '../resp';
import type { Command } from './types';
import { eqi } from './util/args';
import { dupValue } from './util/dup';
import { copyStringMark } from './util/encoding';
import { INT_RANGE, parseLL } from './util/int';

/**
 * COPY: duplicate a value (with its TTL) under a new name, in this db or another (DB); refuses an
 * existing destination unless REPLACE. Replies 1, or 0 when the source is missing or the
 * destination taken. Propagated as typed.
 */
export const copyCommand: Command = {
  name: 'copy',
  arity: -3,
  flags: ['write', 'denyoom'],
  versions: ['7.0'],
  acl: ['keyspace'],
  keySpecs: [
    { flags: ['RO', 'access'], index: 1, range: [0, 1, 0] },
    { flags: ['OW', 'update'], index: 2, range: [0, 1, 0] },
  ],
  args: [
    { name: 'source', type: 'key', keySpec: 0 },
    { name: 'destination', type: 'key', keySpec: 1 },
    { name: 'destination-db', type: 'integer', token: 'DB', optional: true },
    { name: 'replace', type: 'pure-token', token: 'REPLACE', optional: true },
  ],
  docs: {
    complexity: 'O(N) worst case for collections, where N is the number of nested items. O(1) for string values.',
  },
  touchesOwnKeys: true,
  run(ctx) {
    const argv = ctx.argv;
    let dbid = ctx.db.id;
    let replace = false;
    for (let j = 3; j < argv.length; j++) {
      if (eqi(argv[j], 'replace')) replace = true;
      else if (eqi(argv[j], 'db') && j < argv.length - 1) {
        const v = parseLL(argv[++j]);
        if (v === null) return ERR.notInteger;
        if (v < -(2n ** 31n) || v >= 2n ** 31n) return INT_RANGE;
        if (v < 0n || v >= BigInt(DBNUM)) return error('ERR DB index is out of range');
        dbid = Number(v);
      } else return ERR.syntax;
    }
    const [, key, newKey] = argv;
    const dst = ctx.srv.dbs[dbid];
    if (dst === ctx.db && key === newKey) return error('ERR source and destination objects are the same');
    const o = ctx.lookupRead(key);
    if (o === undefined) return int(0);
    const expire = ctx.getExpire(key);
    if (ctx.lookupWrite(newKey, dst) !== undefined) {
      if (!replace) return int(0);
      ctx.deleteKey(newKey, dst);
    }
    ctx.setKey(newKey, dupValue(o), false, dst);
    copyStringMark(ctx.db, key, dst, newKey);
    if (expire !== -1) ctx.setExpire(newKey, expire, dst);
    ctx.touch(newKey, dst);
    ctx.dirty();
    return int(1);
  },
};

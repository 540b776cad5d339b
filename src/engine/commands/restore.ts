// RESTORE key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency]
import { bytesFromBin } from '../../lib';
import { loadDumpPayload, RDB_VERSION_NUMBER } from '../rdb';
import { ERR, error, OK } from '../resp';
import type { Command } from './types';
import { eqi } from './util/args';
import { parseLL } from './util/int';
import { LRU_CLOCK_MAX } from './util/lru';

/**
 * RESTORE: create a key from a DUMP payload, checked for version and CRC64. REPLACE overwrites,
 * ABSTTL reads the TTL as a unix time in ms, IDLETIME / FREQ set the access clock (7.0). A
 * relative TTL is propagated as the absolute one (`... <abs-ms> ... ABSTTL`); a TTL already past
 * stores nothing (deleting the old key with REPLACE, propagated as DEL). 4.0 takes REPLACE only
 * and propagates what was typed.
 */
export const restoreCommand: Command = {
  name: 'restore',
  arity: -4,
  flags: ['write', 'denyoom'],
  acl: ['keyspace', 'dangerous'],
  keySpecs: [{ flags: ['OW', 'update'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'ttl', type: 'integer' },
    { name: 'serialized-value', type: 'string' },
    { name: 'replace', type: 'pure-token', token: 'REPLACE', since: '3.0.0', optional: true },
    { name: 'absttl', type: 'pure-token', token: 'ABSTTL', since: '5.0.0', optional: true },
    { name: 'seconds', type: 'integer', token: 'IDLETIME', since: '5.0.0', optional: true },
    { name: 'frequency', type: 'integer', token: 'FREQ', since: '5.0.0', optional: true },
  ],
  docs: {
    complexity:
      'O(1) to create the new key and additional O(N*M) to reconstruct the serialized value, where N is the number of Redis objects composing the value and M their average size. For small string values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1). However for sorted set values the complexity is O(N*M*log(N)) because inserting values into sorted sets is O(log(N)).',
    history: [
      ['3.0.0', 'Added the `REPLACE` modifier.'],
      ['5.0.0', 'Added the `ABSTTL` modifier.'],
      ['5.0.0', 'Added the `IDLETIME` and `FREQ` options.'],
    ],
  },
  touchesOwnKeys: true,
  run(ctx) {
    const argv = ctx.argv;
    const v7 = ctx.version === '7.0';
    let replace = false;
    let absttl = false;
    let idle = -1n;
    let freq = -1n;
    for (let j = 4; j < argv.length; j++) {
      const more = argv.length - j - 1;
      if (eqi(argv[j], 'replace')) replace = true;
      else if (v7 && eqi(argv[j], 'absttl')) absttl = true;
      else if (v7 && eqi(argv[j], 'idletime') && more >= 1 && freq === -1n) {
        const v = parseLL(argv[++j]);
        if (v === null) return ERR.notInteger;
        if (v < 0n) return error('ERR Invalid IDLETIME value, must be >= 0');
        idle = v;
      } else if (v7 && eqi(argv[j], 'freq') && more >= 1 && idle === -1n) {
        const v = parseLL(argv[++j]);
        if (v === null) return ERR.notInteger;
        if (v < 0n || v > 255n) return error('ERR Invalid FREQ value, must be >= 0 and <= 255');
        freq = v;
      } else return ERR.syntax;
    }
    const key = argv[1];
    if (!replace && ctx.lookupWrite(key) !== undefined) return error('BUSYKEY Target key name already exists.');
    let ttl = parseLL(argv[2]);
    if (ttl === null) return ERR.notInteger;
    if (ttl < 0n) return error('ERR Invalid TTL value, must be >= 0');
    const value = loadDumpPayload(bytesFromBin(argv[3]), RDB_VERSION_NUMBER[ctx.version]);
    if (value === 'version') return error('ERR DUMP payload version or checksum are wrong');
    if (value === 'format') return error('ERR Bad data format');
    const deleted = replace && ctx.deleteKey(key);
    if (ttl !== 0n && (!absttl || !v7)) ttl = BigInt.asIntN(64, ttl + BigInt(ctx.now));
    if (v7 && ttl !== 0n && ttl <= BigInt(ctx.now) && !ctx.isReplica) {
      if (deleted) {
        // (lazyfree-lazy-server-del is `no`: the engine has no such parameter.)
        ctx.rewrite(['DEL', key]);
        ctx.touch(key);
        ctx.dirty();
      }
      return OK;
    }
    ctx.setKey(key, value);
    if (ttl !== 0n) {
      ctx.setExpire(key, Number(ttl));
      if (v7 && !absttl) {
        const a = argv.slice();
        a[2] = ttl.toString();
        a.push('ABSTTL');
        ctx.rewrite(a);
      }
    }
    const srv = ctx.srv;
    if (srv.lfu ? freq >= 0n : idle >= 0n) {
      // objectSetLRUOrLFU: the LFU counter, or an access clock `idle` seconds ago.
      let lru: number;
      if (srv.lfu) lru = ((Math.floor(srv.unixtime / 60) & 65535) * 256) | Number(freq);
      else {
        lru = srv.lruclock - Number(idle > 2n ** 40n ? 2n ** 40n : idle);
        if (lru < 0) lru += LRU_CLOCK_MAX;
      }
      srv.lru[ctx.db.id].set(key, lru);
    }
    ctx.touch(key);
    ctx.dirty();
    return OK;
  },
};

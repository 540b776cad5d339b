// ZREM key member [member ...]
import { ERR, int } from '../resp';
import type { Command } from './types';
import { isZSet } from './util/types';
import { zsetRemove } from './util/zset';

/** ZREM: remove members, replying how many were there; the key goes with its last member. */
export const zremCommand: Command = {
  name: 'zrem',
  arity: -3,
  flags: ['write', 'fast'],
  run(ctx) {
    const argv = ctx.argv;
    const key = argv[1];
    const o = ctx.lookupWrite(key);
    if (o === undefined) return int(0);
    if (!isZSet(o)) return ERR.wrongType;
    let deleted = 0;
    for (let j = 2; j < argv.length; j++) {
      if (zsetRemove(o, argv[j])) deleted++;
      if (o.dict.size === 0) {
        ctx.deleteKey(key);
        break;
      }
    }
    if (deleted > 0) ctx.dirty(deleted);
    return int(deleted);
  },
};

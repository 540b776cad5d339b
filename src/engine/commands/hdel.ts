// HDEL key field [field ...]
import { ERR, int } from '../resp';
import type { Command } from './types';
import { isHash } from './util/types';

/** HDEL: remove fields, replying how many existed; the key goes with its last field. */
export const hdelCommand: Command = {
  name: 'hdel',
  arity: -3,
  flags: ['write', 'fast'],
  run(ctx) {
    const argv = ctx.argv;
    const key = argv[1];
    const o = ctx.lookupWrite(key);
    if (o === undefined) return int(0);
    if (!isHash(o)) return ERR.wrongType;
    let deleted = 0;
    for (let j = 2; j < argv.length; j++) {
      if (o.map.delete(argv[j])) {
        deleted++;
        if (o.map.size === 0) {
          ctx.deleteKey(key);
          break;
        }
      }
    }
    if (deleted > 0) ctx.dirty(deleted);
    return int(deleted);
  },
};

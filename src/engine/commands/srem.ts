// SREM key member [member ...]
import { ERR, int } from '../resp';
import type { Command } from './types';
import { isSet } from './util/types';

/** SREM: remove members, replying how many were there; the key goes with its last member. */
export const sremCommand: Command = {
  name: 'srem',
  arity: -3,
  flags: ['write', 'fast'],
  run(ctx) {
    const argv = ctx.argv;
    const key = argv[1];
    const o = ctx.lookupWrite(key);
    if (o === undefined) return int(0);
    if (!isSet(o)) return ERR.wrongType;
    let deleted = 0;
    for (let j = 2; j < argv.length; j++) {
      if (o.set.delete(argv[j])) {
        deleted++;
        if (o.set.size === 0) {
          ctx.deleteKey(key);
          break;
        }
      }
    }
    if (deleted > 0) ctx.dirty(deleted);
    return int(deleted);
  },
};

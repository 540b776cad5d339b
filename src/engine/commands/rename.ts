// RENAME key newkey
import { ERR, OK } from '../resp';
import type { Command } from './types';
import { moveStringMark } from './util/encoding';

/**
 * RENAME: move the value and its TTL to the new name, replacing whatever was there. Renaming a
 * key onto itself answers OK without touching anything (so nothing propagates).
 */
export const renameCommand: Command = {
  name: 'rename',
  arity: 3,
  flags: ['write'],
  run(ctx) {
    const [, src, dst] = ctx.argv;
    const o = ctx.lookupWrite(src);
    if (o === undefined) return ERR.noSuchKey;
    if (src === dst) return OK;
    const expire = ctx.getExpire(src);
    if (ctx.lookupWrite(dst) !== undefined) ctx.deleteKey(dst);
    ctx.setKey(dst, o);
    moveStringMark(ctx.db, src, dst);
    if (expire !== -1) ctx.setExpire(dst, expire);
    ctx.deleteKey(src);
    ctx.dirty(1);
    return OK;
  },
};

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
  acl: ['keyspace'],
  keySpecs: [
    { flags: ['RW', 'access', 'delete'], index: 1, range: [0, 1, 0] },
    { flags: ['OW', 'update'], index: 2, range: [0, 1, 0] },
  ],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'newkey', type: 'key', keySpec: 1 },
  ],
  docs: { complexity: 'O(1)' },
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

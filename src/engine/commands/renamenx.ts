// RENAMENX key newkey
import { ERR, int } from '../resp';
import type { Command } from './types';
import { moveStringMark } from './util/encoding';

/**
 * RENAMENX: RENAME only when the new name is free (1), else 0; renaming a key onto itself answers
 * 0. A missing source is `no such key`.
 */
export const renamenxCommand: Command = {
  name: 'renamenx',
  arity: 3,
  flags: ['write', 'fast'],
  acl: ['keyspace'],
  keySpecs: [
    { flags: ['RW', 'access', 'delete'], index: 1, range: [0, 1, 0] },
    { flags: ['OW', 'insert'], index: 2, range: [0, 1, 0] },
  ],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'newkey', type: 'key', keySpec: 1 },
  ],
  docs: {
    complexity: 'O(1)',
    history: [['3.2.0', 'The command no longer returns an error when source and destination names are the same.']],
  },
  run(ctx) {
    const [, src, dst] = ctx.argv;
    const o = ctx.lookupWrite(src);
    if (o === undefined) return ERR.noSuchKey;
    if (src === dst) return int(0);
    const expire = ctx.getExpire(src);
    if (ctx.lookupWrite(dst) !== undefined) return int(0);
    ctx.setKey(dst, o);
    moveStringMark(ctx.db, src, dst);
    if (expire !== -1) ctx.setExpire(dst, expire);
    ctx.deleteKey(src);
    ctx.dirty(1);
    return int(1);
  },
};

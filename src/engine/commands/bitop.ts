// BITOP operation destkey key [key ...]
import { ERR, error, int } from '../resp';
import type { Command } from './types';
import { eqi } from './util/args';
import { storeBits } from './util/bits';
import { isString } from './util/types';

/**
 * BITOP: AND, OR, XOR of the source strings (missing keys and short strings read as zero bytes),
 * or NOT of one, stored at the destination; replies the result's length. An all-empty result
 * deletes the destination instead.
 */
export const bitopCommand: Command = {
  name: 'bitop',
  arity: -4,
  flags: ['write', 'denyoom'],
  acl: ['bitmap'],
  keySpecs: [
    { flags: ['OW', 'update'], index: 2, range: [0, 1, 0] },
    { flags: ['RO', 'access'], index: 3, range: [-1, 1, 0] },
  ],
  args: [
    { name: 'operation', type: 'string' },
    { name: 'destkey', type: 'key', keySpec: 0 },
    { name: 'key', type: 'key', keySpec: 1, multiple: true },
  ],
  docs: { complexity: 'O(N)' },
  touchesOwnKeys: true,
  run(ctx) {
    const argv = ctx.argv;
    const op = ['and', 'or', 'xor', 'not'].find((name) => eqi(argv[1], name));
    if (op === undefined) return ERR.syntax;
    if (op === 'not' && argv.length !== 4) return error('ERR BITOP NOT must be called with a single source key.');
    const srcs: string[] = [];
    for (let j = 3; j < argv.length; j++) {
      const o = ctx.lookupRead(argv[j]);
      if (o !== undefined && !isString(o)) return ERR.wrongType;
      srcs.push(o ?? '');
    }
    let maxlen = 0;
    for (const s of srcs) if (s.length > maxlen) maxlen = s.length;
    const dest = argv[2];
    if (maxlen === 0) {
      if (ctx.deleteKey(dest)) {
        ctx.touch(dest);
        ctx.dirty();
      }
      return int(0);
    }
    const res = new Uint8Array(maxlen);
    for (let i = 0; i < maxlen; i++) {
      let out = i < srcs[0].length ? srcs[0].charCodeAt(i) : 0;
      if (op === 'not') out = ~out & 0xff;
      for (let k = 1; k < srcs.length; k++) {
        const b = i < srcs[k].length ? srcs[k].charCodeAt(i) : 0;
        if (op === 'and') out &= b;
        else if (op === 'or') out |= b;
        else out ^= b;
      }
      res[i] = out;
    }
    // setKey: a due destination is expired first (write lookup), its TTL goes.
    ctx.lookupWrite(dest);
    storeBits(ctx, dest, res, false);
    ctx.touch(dest);
    ctx.dirty();
    return int(maxlen);
  },
};

// SMOVE source destination member

import { newSet } from '../keyspace';
import { ERR, int } from '../resp';
import type { Command } from './types';
import { noteSetAdd } from './util/encoding';
import { isSet } from './util/types';

/**
 * SMOVE: move a member from one set to another (1), or 0 when the source lacks it. Both keys are
 * write lookups; dirty moves once for the removal and once more if the destination gained it.
 */
export const smoveCommand: Command = {
  name: 'smove',
  arity: 4,
  flags: ['write', 'fast'],
  acl: ['set'],
  keySpecs: [
    { flags: ['RW', 'access', 'delete'], index: 1, range: [0, 1, 0] },
    { flags: ['RW', 'insert'], index: 2, range: [0, 1, 0] },
  ],
  args: [
    { name: 'source', type: 'key', keySpec: 0 },
    { name: 'destination', type: 'key', keySpec: 1 },
    { name: 'member', type: 'string' },
  ],
  docs: { complexity: 'O(1)' },
  touchesOwnKeys: true,
  run(ctx) {
    const [, srcKey, dstKey, member] = ctx.argv;
    const src = ctx.lookupWrite(srcKey);
    const dst = ctx.lookupWrite(dstKey);
    if (src === undefined) return int(0);
    if (!isSet(src) || (dst !== undefined && !isSet(dst))) return ERR.wrongType;
    if (src === dst) return int(src.set.has(member) ? 1 : 0);
    if (!src.set.delete(member)) return int(0);
    if (src.set.size === 0) ctx.deleteKey(srcKey);
    let d = dst;
    if (d === undefined) {
      d = newSet();
      ctx.setKey(dstKey, d);
    }
    ctx.touch(srcKey);
    ctx.dirty();
    if (!d.set.has(member)) {
      d.set.add(member);
      noteSetAdd(ctx.srv, d, [member]);
      ctx.touch(dstKey);
      ctx.dirty();
    }
    return int(1);
  },
};

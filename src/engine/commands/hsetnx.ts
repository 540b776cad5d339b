// HSETNX key field value
import { int } from '../resp';
import type { Command } from './types';
import { noteHashWrite } from './util/encoding';
import { hashForWrite, isReply } from './util/hash';

/**
 * HSETNX: set the field only if it is not there (1), else nothing (0). As in Redis the hash is
 * created first, and its encoding judged on both arguments even when nothing is stored.
 */
export const hsetnxCommand: Command = {
  name: 'hsetnx',
  arity: 4,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['hash'],
  keySpecs: [{ flags: ['RW', 'insert'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'field', type: 'string' },
    { name: 'value', type: 'string' },
  ],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const [, key, field, value] = ctx.argv;
    const h = hashForWrite(ctx, key);
    if (isReply(h)) return h;
    noteHashWrite(ctx.srv, h, [field, value]);
    if (h.map.has(field)) return int(0);
    h.map.set(field, value);
    noteHashWrite(ctx.srv, h, [field, value]);
    ctx.dirty();
    return int(1);
  },
};

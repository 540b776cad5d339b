// LREM key count element
import { ERR, int } from '../resp';
import type { Command } from './types';
import { clampToNumber, parseLL } from './util/int';
import { isList } from './util/types';

/**
 * LREM: remove the first `count` elements equal to the value (from the tail when negative, all
 * when 0); replies how many went. The key goes with its last element.
 */
export const lremCommand: Command = {
  name: 'lrem',
  arity: 4,
  flags: ['write'],
  acl: ['list'],
  keySpecs: [{ flags: ['RW', 'delete'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'count', type: 'integer' },
    { name: 'element', type: 'string' },
  ],
  docs: { complexity: 'O(N+M) where N is the length of the list and M is the number of elements removed.' },
  run(ctx) {
    const [, key, countText, value] = ctx.argv;
    const c = parseLL(countText);
    if (c === null) return ERR.notInteger;
    const o = ctx.lookupWrite(key);
    if (o === undefined) return int(0);
    if (!isList(o)) return ERR.wrongType;
    const limit = clampToNumber(c < 0n ? -c : c);
    const items = o.items;
    let removed = 0;
    if (c >= 0n) {
      const kept: string[] = [];
      for (const it of items) {
        if (it === value && (limit === 0 || removed < limit)) removed++;
        else kept.push(it);
      }
      o.items = kept;
    } else {
      for (let i = items.length - 1; i >= 0 && removed < limit; i--) {
        if (items[i] === value) {
          items.splice(i, 1);
          removed++;
        }
      }
    }
    if (o.items.length === 0) ctx.deleteKey(key);
    ctx.dirty(removed);
    return int(removed);
  },
};

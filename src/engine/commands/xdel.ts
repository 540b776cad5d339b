// XDEL key id [id ...]
import { int } from '../resp';
import type { StreamId } from '../stream';
import type { Command } from './types';
import {
  deleteEntry,
  existingStreamForWrite,
  firstLiveId,
  INVALID_ID,
  isReply,
  nodeLimits,
  parseId,
} from './util/stream';

/**
 * XDEL: delete entries by ID; replies how many existed. Every ID is checked before any goes.
 * The stream remembers the largest ID it ever deleted (XINFO's max-deleted-entry-id).
 */
export const xdelCommand: Command = {
  name: 'xdel',
  versions: ['7.0'],
  arity: -3,
  flags: ['write', 'fast'],
  acl: ['stream'],
  keySpecs: [{ flags: ['RW', 'delete'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'id', type: 'string', multiple: true },
  ],
  docs: { complexity: 'O(1) for each single item to delete in the stream, regardless of the stream size.' },
  run(ctx) {
    const s = existingStreamForWrite(ctx, ctx.argv[1]);
    if (s === undefined) return int(0);
    if (isReply(s)) return s;
    const ids: StreamId[] = [];
    for (let j = 2; j < ctx.argv.length; j++) {
      const p = parseId(ctx.argv[j], 0n, true);
      if (p === null) return INVALID_ID;
      ids.push(p.id);
    }
    const limits = nodeLimits(ctx);
    let deleted = 0;
    let firstEntry = false;
    for (const id of ids) {
      if (!deleteEntry(s, id, limits)) continue;
      if (id === s.firstId) firstEntry = true;
      if (id > s.maxDeletedId) s.maxDeletedId = id;
      deleted++;
    }
    if (deleted > 0) {
      if (s.entries.size === 0) s.firstId = 0n;
      else if (firstEntry) s.firstId = firstLiveId(s);
      ctx.dirty(deleted);
    }
    return int(deleted);
  },
};

// XSETID key last-id [ENTRIESADDED entries-added] [MAXDELETEDID max-deleted-id]
import { ERR, error, OK } from '../resp';
import type { Command } from './types';
import { eqi } from './util/args';
import { parseLL } from './util/int';
import { existingStreamForWrite, INVALID_ID, isReply, lastLiveId, parseId } from './util/stream';

/**
 * XSETID: set a stream's last ID (and its entries-added counter and largest deleted ID), as
 * Redis uses it to replicate a stream's metadata. The last ID may not go below the last live
 * entry, nor entries-added below the length. Propagated as typed.
 */
export const xsetidCommand: Command = {
  name: 'xsetid',
  versions: ['7.0'],
  arity: -3,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['stream'],
  keySpecs: [{ flags: ['RW', 'update'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'last-id', type: 'string' },
    { name: 'entries_added', type: 'integer', token: 'ENTRIESADDED', optional: true, since: '7.0.0' },
    { name: 'max_deleted_entry_id', type: 'string', token: 'MAXDELETEDID', optional: true, since: '7.0.0' },
  ],
  docs: {
    complexity: 'O(1)',
    history: [['7.0.0', 'Added the `entries_added` and `max_deleted_entry_id` arguments.']],
  },
  run(ctx) {
    const argv = ctx.argv;
    const p = parseId(argv[2], 0n, true);
    if (p === null) return INVALID_ID;
    const id = p.id;
    let entriesAdded = -1n;
    let maxDeleted = 0n;
    for (let i = 3; i < argv.length; i += 2) {
      const more = argv.length - 1 - i;
      if (eqi(argv[i], 'entriesadded') && more) {
        const v = parseLL(argv[i + 1]);
        if (v === null) return ERR.notInteger;
        if (v < 0n) return error('ERR entries_added must be positive');
        entriesAdded = v;
      } else if (eqi(argv[i], 'maxdeletedid') && more) {
        const m = parseId(argv[i + 1], 0n, true);
        if (m === null) return INVALID_ID;
        if (id < m.id) return error('ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id');
        maxDeleted = m.id;
      } else {
        return ERR.syntax;
      }
    }
    const s = existingStreamForWrite(ctx, argv[1]);
    if (s === undefined) return ERR.noSuchKey;
    if (isReply(s)) return s;
    if (s.entries.size > 0) {
      if (id < lastLiveId(s)) return error('ERR The ID specified in XSETID is smaller than the target stream top item');
      if (entriesAdded !== -1n && BigInt(s.entries.size) > entriesAdded) {
        return error('ERR The entries_added specified in XSETID is smaller than the target stream length');
      }
    }
    s.lastId = id;
    if (entriesAdded !== -1n) s.entriesAdded = entriesAdded;
    if (maxDeleted !== 0n) s.maxDeletedId = maxDeleted;
    ctx.dirty();
    return OK;
  },
};

// XACK key group id [id ...]
import { ERR, int } from '../resp';
import type { StreamId } from '../stream';
import type { Command } from './types';
import { INVALID_ID, isStream, parseId } from './util/stream';

/**
 * XACK: take entries out of a group's pending entries list (and their consumer's); replies how
 * many were pending. A missing key or group acknowledges nothing, before the IDs are checked.
 * The key is looked up as a read (Redis does), so a replica's stale key is not deleted here.
 */
export const xackCommand: Command = {
  name: 'xack',
  versions: ['7.0'],
  arity: -4,
  flags: ['write', 'fast'],
  acl: ['stream'],
  keySpecs: [{ flags: ['RW', 'update'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'group', type: 'string' },
    { name: 'id', type: 'string', multiple: true },
  ],
  docs: { complexity: 'O(1) for each message ID processed.' },
  run(ctx) {
    const argv = ctx.argv;
    const o = ctx.lookupRead(argv[1]);
    if (o !== undefined && !isStream(o)) return ERR.wrongType;
    const group = o?.groups.get(argv[2]);
    if (group === undefined) return int(0);
    const ids: StreamId[] = [];
    for (let j = 3; j < argv.length; j++) {
      const p = parseId(argv[j], 0n, true);
      if (p === null) return INVALID_ID;
      ids.push(p.id);
    }
    let acked = 0;
    for (const id of ids) {
      const nack = group.pel.get(id);
      if (nack === undefined) continue;
      group.pel.delete(id);
      if (nack.consumer !== null) group.consumers.get(nack.consumer)?.pel.delete(id);
      acked++;
    }
    if (acked > 0) ctx.dirty(acked);
    return int(acked);
  },
};

// XPENDING key group [[IDLE min-idle-time] start end count [consumer]]
import { array, bulk, EMPTY_ARRAY, ERR, error, int, NIL, NIL_ARRAY, type Reply } from '../resp';
import { byName, formatStreamId } from '../stream';
import type { Command } from './types';
import { eqi } from './util/args';
import { parseLL } from './util/int';
import { INVALID_ID, MAX_ID } from './util/stream';
import { noGroup, sortedIds, sortedPel } from './util/streamgroup';
import { parseBound } from './util/xrange';

/**
 * XPENDING: a group's pending entries. With only key and group, the summary: how many, the
 * smallest and largest ID, and each consumer with pending entries and how many. With a range,
 * the entries themselves ([id, consumer, ms since last delivery, deliveries]), at most COUNT, of
 * one consumer if named, only those idle at least IDLE ms. The range is checked before the key.
 */
export const xpendingCommand: Command = {
  name: 'xpending',
  versions: ['7.0'],
  arity: -3,
  flags: ['readonly'],
  acl: ['stream'],
  tips: ['nondeterministic_output'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'group', type: 'string' },
    {
      name: 'filters',
      type: 'block',
      optional: true,
      args: [
        { name: 'min-idle-time', type: 'integer', token: 'IDLE', optional: true, since: '6.2.0' },
        { name: 'start', type: 'string' },
        { name: 'end', type: 'string' },
        { name: 'count', type: 'integer' },
        { name: 'consumer', type: 'string', optional: true },
      ],
    },
  ],
  docs: {
    complexity:
      'O(N) with N being the number of elements returned, so asking for a small fixed number of entries per call is O(1). O(M), where M is the total number of entries scanned when used with the IDLE filter. When the command returns just the summary and the list of consumers is small, it runs in O(1) time; otherwise, an additional O(N) time for iterating every consumer.',
    history: [['6.2.0', 'Added the `IDLE` option and exclusive range intervals.']],
  },
  run(ctx) {
    const argv = ctx.argv;
    const argc = argv.length;
    if (argc !== 3 && (argc < 6 || argc > 9)) return ERR.syntax;
    let start = 0n;
    let end = MAX_ID;
    let count = 0n;
    let minIdle = 0n;
    let consumerName: string | null = null;
    if (argc >= 6) {
      let at = 3;
      if (eqi(argv[3], 'idle')) {
        const v = parseLL(argv[4]);
        if (v === null) return ERR.notInteger;
        minIdle = v;
        if (argc < 8) return ERR.syntax;
        at += 2;
      }
      const c = parseLL(argv[at + 2]);
      if (c === null) return ERR.notInteger;
      count = c < 0n ? 0n : c;
      const s = parseBound(argv[at], 0n);
      if (s === null) return INVALID_ID;
      if (s.ex) {
        if (s.id === MAX_ID) return error('ERR invalid start ID for the interval');
        start = s.id + 1n;
      } else start = s.id;
      const e = parseBound(argv[at + 1], MAX_SEQ);
      if (e === null) return INVALID_ID;
      if (e.ex) {
        if (e.id === 0n) return error('ERR invalid end ID for the interval');
        end = e.id - 1n;
      } else end = e.id;
      if (at + 3 < argc) consumerName = argv[at + 3];
    }
    const o = ctx.lookupRead(argv[1]);
    if (o !== undefined && (typeof o === 'string' || o.type !== 'stream')) return ERR.wrongType;
    const g = o?.groups.get(argv[2]);
    if (g === undefined) return noGroup(argv[1], argv[2]);
    if (argc === 3) {
      if (g.pel.size === 0) return array([int(0), NIL, NIL, NIL_ARRAY]);
      const ids = sortedIds(g.pel.keys());
      const consumers: Reply[] = [];
      for (const c of [...g.consumers.values()].sort((a, b) => byName(a.name, b.name))) {
        if (c.pel.size > 0) consumers.push(array([bulk(c.name), bulk(String(c.pel.size))]));
      }
      return array([
        int(g.pel.size),
        bulk(formatStreamId(ids[0])),
        bulk(formatStreamId(ids[ids.length - 1])),
        array(consumers),
      ]);
    }
    let pending = sortedPel(g);
    if (consumerName !== null) {
      const c = g.consumers.get(consumerName);
      if (c === undefined) return EMPTY_ARRAY;
      pending = pending.filter(([id]) => c.pel.has(id));
    }
    const out: Reply[] = [];
    for (const [id, nack] of pending) {
      if (count === 0n || id > end) break;
      if (id < start) continue;
      const idle = ctx.now - nack.deliveryTime;
      if (minIdle && idle < minIdle) continue;
      count--;
      out.push(
        array([bulk(formatStreamId(id)), bulk(nack.consumer ?? ''), int(Math.max(idle, 0)), int(nack.deliveryCount)]),
      );
    }
    return array(out);
  },
};

const MAX_SEQ = (1n << 64n) - 1n;

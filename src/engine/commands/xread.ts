// XREAD [COUNT count] [BLOCK milliseconds] STREAMS key [key ...] id [id ...]
import { array, bulk, ERR, error, map, NIL_ARRAY, type Reply } from '../resp';
import type { StreamId } from '../stream';
import type { Command, KeyRef } from './types';
import { eqi } from './util/args';
import { parseLL } from './util/int';
import { pairUp } from './util/pairs';
import { entryReply, INVALID_ID, isStream, lastLiveId, MAX_ID, parseId, rangeEntries } from './util/stream';
import { timeoutArg } from './util/timeout';

/** xreadGetKeys: the keys after STREAMS (the first half of what follows it). */
function xreadKeys(argv: readonly string[]): KeyRef[] {
  for (let i = 1; i < argv.length; i++) {
    if (!eqi(argv[i], 'streams')) continue;
    const n = argv.length - i - 1;
    if (n % 2 !== 0) return [];
    const out: KeyRef[] = [];
    for (let j = i + 1; j <= i + n / 2; j++) out.push({ pos: j, flags: ['RO', 'access'] });
    return out;
  }
  return [];
}

/**
 * XREAD: for each stream, the entries after the given ID (`$`: after its last one), at most
 * COUNT each; streams with nothing new are left out, and a nil array when none has anything.
 * Never propagated. BLOCK with nothing to serve waits for an XADD on one of the keys (or the
 * timeout), except inside MULTI where it answers the nil array at once.
 */
export const xreadCommand: Command = {
  name: 'xread',
  versions: ['7.0'],
  arity: -4,
  flags: ['blocking', 'readonly'],
  acl: ['stream'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, keyword: { keyword: 'STREAMS', startfrom: 1 }, range: [-1, 1, 2] }],
  getKeys: xreadKeys,
  args: [
    { name: 'count', type: 'integer', token: 'COUNT', optional: true },
    { name: 'milliseconds', type: 'integer', token: 'BLOCK', optional: true },
    {
      name: 'streams',
      type: 'block',
      token: 'STREAMS',
      args: [
        { name: 'key', type: 'key', keySpec: 0, multiple: true },
        { name: 'ID', type: 'string', multiple: true },
      ],
    },
  ],
  docs: {
    complexity:
      'For each stream mentioned: O(N) with N being the number of elements being returned, it means that XREAD-ing with a fixed COUNT is O(1). Note that when the BLOCK option is used, XADD will pay O(M) time in order to serve the M clients blocked on the stream getting new data.',
  },
  run(ctx) {
    const argv = ctx.argv;
    let timeout = -1;
    let count = 0n;
    let streamsArg = 0;
    let streamsCount = 0;
    for (let i = 1; i < argv.length; i++) {
      const more = argv.length - i - 1;
      const o = argv[i];
      if (eqi(o, 'block') && more) {
        i++;
        const t = timeoutArg(argv[i]);
        if (typeof t !== 'number') return t;
        timeout = t;
      } else if (eqi(o, 'count') && more) {
        i++;
        const v = parseLL(argv[i]);
        if (v === null) return ERR.notInteger;
        count = v < 0n ? 0n : v;
      } else if (eqi(o, 'streams') && more) {
        streamsArg = i + 1;
        streamsCount = argv.length - streamsArg;
        if (streamsCount % 2 !== 0) {
          return error("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.");
        }
        streamsCount /= 2;
        break;
      } else if (eqi(o, 'group') && more >= 2) {
        return error('ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.');
      } else if (eqi(o, 'noack')) {
        return error('ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.');
      } else {
        return ERR.syntax;
      }
    }
    if (streamsArg === 0) return ERR.syntax;
    const ids: StreamId[] = [];
    for (let i = streamsArg + streamsCount; i < argv.length; i++) {
      const key = argv[i - streamsCount];
      const o = ctx.lookupRead(key);
      if (o !== undefined && !isStream(o)) return ERR.wrongType;
      if (argv[i] === '$') {
        ids.push(o !== undefined ? o.lastId : 0n);
        continue;
      }
      if (argv[i] === '>') {
        return error(
          'ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.',
        );
      }
      const p = parseId(argv[i], 0n, true);
      if (p === null) return INVALID_ID;
      ids.push(p.id);
    }
    const out: Reply[] = [];
    for (let i = 0; i < streamsCount; i++) {
      const key = argv[streamsArg + i];
      const o = ctx.lookupRead(key);
      if (o === undefined || !isStream(o) || o.entries.size === 0) continue;
      const gt = ids[i];
      if (lastLiveId(o) <= gt) continue;
      const start = gt === MAX_ID ? 0n : gt + 1n;
      const n = count > BigInt(o.entries.size) ? o.entries.size : Number(count);
      const entries = rangeEntries(o, start, MAX_ID, n, false);
      out.push(bulk(key), array(entries.map(([id, fv]) => entryReply(id, fv))));
    }
    ctx.noPropagate();
    // RESP3: a map from key to entries; RESP2: an array of [key, entries] pairs.
    if (out.length > 0) return ctx.client.resp === 3 ? map(out) : pairUp(out);
    if (timeout !== -1 && !ctx.client.multi) {
      // Blocking for keys is not modelled yet: refuse rather than answer as if the time had passed.
      return error('ERR XREAD BLOCK is not supported by this playground yet');
    }
    return NIL_ARRAY;
  },
};

/**
 * XREAD and XREADGROUP's one body (t_stream.c xreadCommand): the options, the IDs (`$` the
 * stream's last ID, `>` the group's next entries), serving at once what can be served, else
 * blocking on the keys (blocking.ts serves the client when an XADD comes, or times it out).
 *
 * XREAD is never propagated. XREADGROUP is propagated only through what it did to the group:
 * one XCLAIM per entry it put in the PEL, an XGROUP SETID when NOACK moved the last ID, an XGROUP
 * CREATECONSUMER for a consumer NOACK made; reading a consumer's history propagates nothing.
 */
import { blockForKeys } from '../../blocking';
import type { Client } from '../../client';
import { array, bulk, ERR, error, map, NIL_ARRAY, type Reply } from '../../resp';
import type { Server } from '../../server';
import type { RStream, StreamGroup, StreamId } from '../../stream';
import type { Arg, Ctx, KeyRef, KeySpec } from '../types';
import { eqi } from './args';
import { parseLL } from './int';
import { entryReply, isStream, lastLiveId, MAX_ID, parseId, rangeEntries } from './stream';
import { consumerFor, noGroup, readHistory, readNew } from './streamgroup';
import { timeoutArg } from './timeout';

/** XREAD_BLOCKED_DEFAULT_COUNT: what a blocked client without COUNT is served at most. */
const BLOCKED_DEFAULT_COUNT = 1000;

/** The STREAMS block of XREAD and XREADGROUP's argument trees. */
export const STREAMS_ARG: Arg = {
  name: 'streams',
  type: 'block',
  token: 'STREAMS',
  args: [
    { name: 'key', type: 'key', keySpec: 0, multiple: true },
    { name: 'id', type: 'string', multiple: true },
  ],
};

/** The key spec of XREAD (STREAMS looked for from argv[1]) and XREADGROUP (from argv[4]). */
export const streamsKeySpec = (startfrom: number): KeySpec[] => [
  { flags: ['RO', 'access'], index: 1, keyword: { keyword: 'STREAMS', startfrom }, range: [-1, 1, 2] },
];

/** xreadGetKeys: the keys after STREAMS (the first half of what follows it). */
export function xreadKeys(argv: readonly string[]): KeyRef[] {
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

/** The reply's outer shape: an array of [key, entries] in RESP2, a map key → entries in RESP3. */
export function streamsReply(c: Client, items: [string, Reply[]][]): Reply {
  if (c.resp === 3) return map(items.flatMap(([k, e]) => [bulk(k), array(e)]));
  return array(items.map(([k, e]) => array([bulk(k), array(e)])));
}

/** One stream's part of a group read: at once (history, or new entries) — the entries, or null. */
export function serveGroup(
  srv: Server,
  now: number,
  s: RStream,
  key: string,
  group: string,
  g: StreamGroup,
  consumer: string,
  after: StreamId,
  count: number,
  noack: boolean,
  history: boolean,
  propagate: (argv: string[]) => void,
): Reply[] {
  const { c, created } = consumerFor(g, consumer, now);
  if (created) {
    srv.dirty++;
    if (noack) propagate(['XGROUP', 'CREATECONSUMER', key, group, consumer]);
  }
  const start = after === MAX_ID ? MAX_ID : after + 1n;
  let entries: Reply[];
  if (history) {
    entries = readHistory(s, g, c, start, count, now);
  } else {
    const r = readNew(s, key, group, g, c, start, count, noack, now);
    entries = r.entries;
    for (const argv of r.ops) propagate(argv);
  }
  return entries;
}

export function xreadGeneric(ctx: Ctx, isGroup: boolean): Reply | null {
  const argv = ctx.argv;
  let timeout = -1;
  let count = 0;
  let streamsArg = 0;
  let n = 0;
  let noack = false;
  let group: string | null = null;
  let consumer = '';
  for (let i = 1; i < argv.length; i++) {
    const more = argv.length - i - 1;
    const o = argv[i];
    if (eqi(o, 'block') && more) {
      if (ctx.client.script) return error(`ERR ${argv[0]} command is not allowed with BLOCK option from scripts`);
      i++;
      const t = timeoutArg(argv[i]);
      if (typeof t !== 'number') return t;
      timeout = t;
    } else if (eqi(o, 'count') && more) {
      i++;
      const v = parseLL(argv[i]);
      if (v === null) return ERR.notInteger;
      // Past the size of any stream, any count is as good as another.
      count = v < 0n ? 0 : v > 2n ** 53n ? Number.MAX_SAFE_INTEGER : Number(v);
    } else if (eqi(o, 'streams') && more) {
      streamsArg = i + 1;
      n = argv.length - streamsArg;
      if (n % 2 !== 0) {
        return error("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.");
      }
      n /= 2;
      break;
    } else if (eqi(o, 'group') && more >= 2) {
      if (!isGroup) return error('ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.');
      group = argv[i + 1];
      consumer = argv[i + 2];
      i += 2;
    } else if (eqi(o, 'noack')) {
      if (!isGroup) return error('ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.');
      noack = true;
    } else {
      return ERR.syntax;
    }
  }
  if (streamsArg === 0) return ERR.syntax;
  if (isGroup && group === null) return error('ERR Missing GROUP option for XREADGROUP');
  const ids: StreamId[] = [];
  const groups: (StreamGroup | undefined)[] = [];
  for (let i = streamsArg + n; i < argv.length; i++) {
    const key = argv[i - n];
    const o = ctx.lookupRead(key);
    if (o !== undefined && !isStream(o)) return ERR.wrongType;
    if (group !== null) {
      const g = o?.groups.get(group);
      if (g === undefined) return noGroup(key, group, ' in XREADGROUP with GROUP option');
      groups.push(g);
    }
    if (argv[i] === '$') {
      if (isGroup) {
        return error(
          'ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.',
        );
      }
      ids.push(o !== undefined ? o.lastId : 0n);
    } else if (argv[i] === '>') {
      if (!isGroup) {
        return error(
          'ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.',
        );
      }
      ids.push(MAX_ID);
    } else {
      const p = parseId(argv[i], 0n, true);
      if (p === null) return error('ERR Invalid stream ID specified as stream command argument');
      ids.push(p.id);
    }
  }
  ctx.noPropagate();
  const out: [string, Reply[]][] = [];
  for (let i = 0; i < n; i++) {
    const key = argv[streamsArg + i];
    const o = ctx.lookupRead(key) as RStream | undefined;
    if (o === undefined) continue;
    const g = groups[i];
    let gt = ids[i];
    if (g !== undefined && group !== null) {
      const history = gt !== MAX_ID;
      if (!history) {
        if (o.entries.size === 0 || lastLiveId(o) <= g.lastId) continue;
        gt = g.lastId;
      }
      out.push([
        key,
        serveGroup(ctx.srv, ctx.now, o, key, group, g, consumer, gt, count, noack, history, (a) => ctx.also(a)),
      ]);
      // Served through a group: a change even when nothing was delivered (a served waiter counts none).
      ctx.dirty();
    } else if (o.entries.size > 0 && lastLiveId(o) > gt) {
      const start = gt === MAX_ID ? MAX_ID : gt + 1n;
      const entries = rangeEntries(o, start, MAX_ID, count, false);
      out.push([key, entries.map(([id, fv]) => entryReply(id, fv))]);
    }
  }
  if (out.length > 0) return streamsReply(ctx.client, out);
  if (timeout === -1) return NIL_ARRAY;
  // A client that may not block (inside EXEC) gets what a timeout would give, even with BLOCK 0.
  if (ctx.client.inExec) return NIL_ARRAY;
  blockForKeys(ctx.srv, ctx.client, {
    kind: 'stream',
    dbid: ctx.db.id,
    keys: argv.slice(streamsArg, streamsArg + n),
    where: 'head',
    to: 'head',
    dst: '',
    count: count || BLOCKED_DEFAULT_COUNT,
    rpoplpush: false,
    timeoutAt: timeout > 0 ? ctx.now + timeout : 0,
    streamIds: ids,
    group: group ?? undefined,
    consumer,
    noack,
  });
  return null;
}

// XAUTOCLAIM key group consumer min-idle-time start [COUNT count] [JUSTID]
import { array, bulk, ERR, error, type Reply } from '../resp';
import { formatStreamId, type RStream, type StreamConsumer, type StreamGroup } from '../stream';
import type { Arg, Command, Ctx } from './types';
import { eqi } from './util/args';
import { parseLL } from './util/int';
import { entryReply, INVALID_ID, isStream, MAX_ID } from './util/stream';
import { consumerFor, dropNack, moveNack, noGroup, sortedPel, xclaimArgv } from './util/streamgroup';
import { parseBound } from './util/xrange';

/** The stream at argv[1] and its group argv[2]: WRONGTYPE, or NOGROUP when either is missing. */
export function groupOf(ctx: Ctx): { s: RStream; g: StreamGroup } | Reply {
  const o = ctx.lookupRead(ctx.argv[1]);
  if (o !== undefined && !isStream(o)) return ERR.wrongType;
  const g = o?.groups.get(ctx.argv[2]);
  if (o === undefined || g === undefined) return noGroup(ctx.argv[1], ctx.argv[2]);
  return { s: o, g };
}

/** What XCLAIM and XAUTOCLAIM both declare: the table entry but for the key spec's flag and the tail arguments. */
export function claimSpec(name: string, keyFlag: 'update' | 'delete', tail: Arg[]): Omit<Command, 'run' | 'docs'> {
  return {
    name,
    versions: ['7.0'],
    arity: -6,
    flags: ['write', 'fast'],
    acl: ['stream'],
    tips: ['nondeterministic_output'],
    keySpecs: [{ flags: ['RW', keyFlag], index: 1, range: [0, 1, 0] }],
    args: [
      { name: 'key', type: 'key', keySpec: 0 },
      { name: 'group', type: 'string' },
      { name: 'consumer', type: 'string' },
      { name: 'min-idle-time', type: 'string' },
      ...tail,
    ],
    touchesOwnKeys: true,
  };
}

/** COUNT's bounds: LONG_MAX / max(sizeof(streamID), attempts factor). */
const MAX_COUNT = (2n ** 63n - 1n) / 16n;

/**
 * XAUTOCLAIM: XCLAIM over the PEL from `start` on: up to COUNT (100) entries idle at least
 * min-idle-time go to the consumer, looking at no more than ten times COUNT. Replies the cursor
 * (the next pending ID, 0-0 at the end), the claimed entries (IDs with JUSTID), and the IDs of
 * entries it found deleted from the stream (they leave the PEL, and count against COUNT).
 * Propagated as one XCLAIM per entry it changed.
 */
export const xautoclaimCommand: Command = {
  ...claimSpec('xautoclaim', 'delete', [
    { name: 'start', type: 'string' },
    { name: 'count', type: 'integer', token: 'COUNT', optional: true },
    { name: 'justid', type: 'pure-token', token: 'JUSTID', optional: true },
  ]),
  docs: {
    complexity: 'O(1) if COUNT is small.',
    history: [
      ['7.0.0', 'Added an element to the reply array, containing deleted entries the command cleared from the PEL'],
    ],
  },
  run(ctx) {
    const argv = ctx.argv;
    const mi = parseLL(argv[4]);
    if (mi === null) return error('ERR Invalid min-idle-time argument for XAUTOCLAIM');
    const minIdle = mi < 0n ? 0 : Number(mi);
    const b = parseBound(argv[5], 0n);
    if (b === null) return INVALID_ID;
    if (b.ex && b.id === MAX_ID) return error('ERR invalid start ID for the interval');
    const start = b.ex ? b.id + 1n : b.id;
    let count = 100;
    let justid = false;
    for (let j = 6; j < argv.length; j++) {
      if (eqi(argv[j], 'count') && argv.length - 1 - j > 0) {
        const v = parseLL(argv[++j]);
        if (v === null || v < 1n || v > MAX_COUNT) return error('ERR COUNT must be > 0');
        count = Number(v);
      } else if (eqi(argv[j], 'justid')) {
        justid = true;
      } else {
        return ERR.syntax;
      }
    }
    const found = groupOf(ctx);
    if ('t' in found) return found;
    const { s, g } = found;
    const now = ctx.now;
    const key = argv[1];
    const group = argv[2];
    ctx.noPropagate();
    // The walk goes over the PEL as it was: entries it drops are behind it.
    const pel = sortedPel(g);
    let i = 0;
    while (i < pel.length && pel[i][0] < start) i++;
    let attempts = count * 10;
    let consumer: StreamConsumer | null = null;
    const claimed: Reply[] = [];
    const deleted: Reply[] = [];
    while (attempts-- > 0 && count > 0 && i < pel.length) {
      const [id, nack] = pel[i++];
      const fv = s.entries.get(id);
      if (fv === undefined) {
        ctx.also(xclaimArgv(key, group, g, formatStreamId(id), nack));
        ctx.dirty();
        dropNack(g, id, nack);
        deleted.push(bulk(formatStreamId(id)));
        count--;
        continue;
      }
      if (minIdle && now - nack.deliveryTime < minIdle) continue;
      if (consumer === null) {
        const r = consumerFor(g, argv[3], now);
        consumer = r.c;
        if (r.created) ctx.dirty();
      }
      moveNack(g, id, nack, consumer);
      nack.deliveryTime = now;
      if (!justid) nack.deliveryCount++;
      claimed.push(justid ? bulk(formatStreamId(id)) : entryReply(id, fv));
      count--;
      ctx.also(xclaimArgv(key, group, g, formatStreamId(id), nack));
      ctx.dirty();
    }
    const cursor = i < pel.length ? formatStreamId(pel[i][0]) : '0-0';
    return array([bulk(cursor), array(claimed), array(deleted)]);
  },
};

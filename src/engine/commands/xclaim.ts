// XCLAIM key group consumer min-idle-time id [id ...] [IDLE ms] [TIME unix-time-milliseconds]
//   [RETRYCOUNT count] [FORCE] [JUSTID] [LASTID id]
import { array, bulk, error, type Reply } from '../resp';
import { formatStreamId, type StreamConsumer, type StreamId } from '../stream';
import type { Command } from './types';
import { eqi } from './util/args';
import { parseLL } from './util/int';
import { entryReply, parseId } from './util/stream';
import { consumerFor, dropNack, moveNack, setIdArgv, xclaimArgv } from './util/streamgroup';
import { claimSpec, groupOf } from './xautoclaim';

/** getLongLongFromObjectOrReply with XCLAIM's own message. */
function llArg(s: string, what: string): bigint | Reply {
  const v = parseLL(s);
  return v === null ? error(`ERR Invalid ${what} argument for XCLAIM`) : v;
}

/**
 * XCLAIM: give pending entries idle at least min-idle-time to a consumer (made if missing),
 * setting their delivery time (now, or IDLE / TIME) and count (incremented unless JUSTID, or
 * RETRYCOUNT); FORCE puts an entry of the stream that was not pending into the PEL; an entry
 * deleted from the stream leaves the PEL. The IDs are read up to the first that is not one; the
 * rest are options. Propagated as one XCLAIM per entry it changed (the ID as typed), and as
 * XGROUP SETID when only LASTID moved the group.
 */
export const xclaimCommand: Command = {
  ...claimSpec('xclaim', 'update', [
    { name: 'id', type: 'string', multiple: true },
    { name: 'ms', type: 'integer', token: 'IDLE', optional: true },
    { name: 'unix-time-milliseconds', type: 'unix-time', token: 'TIME', optional: true },
    { name: 'count', type: 'integer', token: 'RETRYCOUNT', optional: true },
    { name: 'force', type: 'pure-token', token: 'FORCE', optional: true },
    { name: 'justid', type: 'pure-token', token: 'JUSTID', optional: true },
    { name: 'id', type: 'string', token: 'LASTID', optional: true },
  ]),
  docs: { complexity: 'O(log N) with N being the number of messages in the PEL of the consumer group.' },
  run(ctx) {
    const argv = ctx.argv;
    const found = groupOf(ctx);
    if ('t' in found) return found;
    const { s, g } = found;
    const mi = llArg(argv[4], 'min-idle-time');
    if (typeof mi !== 'bigint') return mi;
    const minIdle = mi < 0n ? 0 : Number(mi);
    const ids: [StreamId, string][] = [];
    let j = 5;
    for (; j < argv.length; j++) {
      const p = parseId(argv[j], 0n, true);
      if (p === null) break;
      ids.push([p.id, argv[j]]);
    }
    const now = ctx.now;
    let force = false;
    let justid = false;
    let deliveryTime: number | null = null;
    let retryCount = -1;
    let lastId = 0n;
    for (; j < argv.length; j++) {
      const more = argv.length - 1 - j;
      const opt = argv[j];
      if (eqi(opt, 'force')) force = true;
      else if (eqi(opt, 'justid')) justid = true;
      else if ((eqi(opt, 'idle') || eqi(opt, 'time')) && more) {
        const v = llArg(argv[++j], eqi(opt, 'idle') ? 'IDLE option' : 'TIME option');
        if (typeof v !== 'bigint') return v;
        deliveryTime = eqi(opt, 'idle') ? now - Number(v) : Number(v);
      } else if (eqi(opt, 'retrycount') && more) {
        const v = llArg(argv[++j], 'RETRYCOUNT option');
        if (typeof v !== 'bigint') return v;
        retryCount = Number(v);
      } else if (eqi(opt, 'lastid') && more) {
        const p = parseId(argv[++j], 0n, true);
        if (p === null) return error('ERR Invalid stream ID specified as stream command argument');
        lastId = p.id;
      } else {
        return error(`ERR Unrecognized XCLAIM option '${opt}'`);
      }
    }
    let propagateLastId = false;
    if (lastId > g.lastId) {
      g.lastId = lastId;
      propagateLastId = true;
    }
    // A delivery time in the future or before 1970 is taken as now, not refused.
    const time = deliveryTime === null || deliveryTime < 0 || deliveryTime > now ? now : deliveryTime;
    const key = argv[1];
    const group = argv[2];
    let consumer: StreamConsumer | null = null;
    const out: Reply[] = [];
    ctx.noPropagate();
    for (const [id, typed] of ids) {
      let nack = g.pel.get(id);
      const fv = s.entries.get(id);
      if (fv === undefined) {
        if (nack !== undefined) {
          ctx.also(xclaimArgv(key, group, g, typed, nack));
          propagateLastId = false;
          ctx.dirty();
          dropNack(g, id, nack);
        }
        continue;
      }
      if (force && nack === undefined) {
        nack = { deliveryTime: now, deliveryCount: 1, consumer: null };
        g.pel.set(id, nack);
      }
      if (nack === undefined) continue;
      if (nack.consumer !== null && minIdle && now - nack.deliveryTime < minIdle) continue;
      if (consumer === null) {
        const r = consumerFor(g, argv[3], now);
        consumer = r.c;
        if (r.created) ctx.dirty();
      }
      nack.deliveryTime = time;
      if (retryCount >= 0) nack.deliveryCount = retryCount;
      else if (!justid) nack.deliveryCount++;
      moveNack(g, id, nack, consumer);
      out.push(justid ? bulk(formatStreamId(id)) : entryReply(id, fv));
      ctx.also(xclaimArgv(key, group, g, typed, nack));
      propagateLastId = false;
      ctx.dirty();
    }
    if (propagateLastId) {
      ctx.also(setIdArgv(key, group, g));
      ctx.dirty();
    }
    return array(out);
  },
};

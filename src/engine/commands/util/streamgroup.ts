/**
 * Consumer groups at work (t_stream.c): reading through a group (new entries move the group's
 * last ID and read counter and enter the pending entries lists; history comes from the consumer's
 * own PEL), consumers made and looked up (their seen time), the read counter and lag as 7.0
 * estimates them, and the commands a master propagates for what a group read or claim did:
 * `XCLAIM key group consumer 0 id TIME ms RETRYCOUNT n FORCE JUSTID LASTID id` per pending entry,
 * `XGROUP SETID key group id ENTRIESREAD n` when NOACK moved the last ID, and
 * `XGROUP CREATECONSUMER` for a consumer NOACK made.
 *
 * A group's PEL and a consumer's are kept as a Map and a Set; Redis's are radix trees, ordered by
 * ID, so the walks here sort the IDs first.
 */
import { array, bulk, int, NIL, NIL_ARRAY, type Reply } from '../../resp';
import {
  formatStreamId,
  type RStream,
  type StreamConsumer,
  type StreamGroup,
  type StreamId,
  type StreamNack,
} from '../../stream';
import { entryReply, MAX_ID } from './stream';

/** SCG_INVALID_ENTRIES_READ: the group's read counter is not known. */
export const INVALID_READ = -1n;

const byId = (a: StreamId, b: StreamId): number => (a < b ? -1 : a > b ? 1 : 0);

/** IDs in ascending order (a radix tree's walk of 16-byte big-endian keys). */
export const sortedIds = (ids: Iterable<StreamId>): StreamId[] => [...ids].sort(byId);

/** The group's pending entries by ascending ID. */
export const sortedPel = (g: StreamGroup): [StreamId, StreamNack][] =>
  [...g.pel.entries()].sort((a, b) => byId(a[0], b[0]));

/** NOGROUP of XREADGROUP, XPENDING, XCLAIM and XAUTOCLAIM (key or group missing). */
export const noGroup = (key: string, group: string, suffix = ''): Reply => ({
  t: 'error',
  s: `NOGROUP No such key '${key}' or consumer group '${group}'${suffix}`,
});

/** streamLookupConsumer: the consumer, its seen time refreshed unless `refresh` is false. */
export function lookupConsumer(g: StreamGroup, name: string, now: number, refresh = true): StreamConsumer | undefined {
  const c = g.consumers.get(name);
  if (c !== undefined && refresh) c.seenTime = now;
  return c;
}

/** streamCreateConsumer: a new consumer (the caller counts the change). */
export function createConsumer(g: StreamGroup, name: string, now: number): StreamConsumer {
  const c: StreamConsumer = { name, seenTime: now, pel: new Set() };
  g.consumers.set(name, c);
  return c;
}

/** The consumer, made when missing; `created` says so. */
export function consumerFor(g: StreamGroup, name: string, now: number): { c: StreamConsumer; created: boolean } {
  const c = lookupConsumer(g, name, now);
  return c !== undefined ? { c, created: false } : { c: createConsumer(g, name, now), created: true };
}

/** streamRangeHasTombstones: whether a deleted ID could lie in [start, end] (end: the last ID). */
export function rangeHasTombstones(s: RStream, start: StreamId, end: StreamId = MAX_ID): boolean {
  if (s.entries.size === 0 || s.maxDeletedId === 0n) return false;
  if (s.firstId > s.maxDeletedId) return false;
  return start <= s.maxDeletedId && s.maxDeletedId <= end;
}

/** streamEstimateDistanceFromFirstEverEntry: the read counter of `id`, or INVALID_READ. */
export function estimateEntriesRead(s: RStream, id: StreamId): bigint {
  if (s.entriesAdded === 0n) return 0n;
  const length = BigInt(s.entries.size);
  if (length === 0n && id <= s.lastId) return s.entriesAdded;
  if (id === s.lastId) return s.entriesAdded;
  if (id > s.lastId) return INVALID_READ;
  if (s.maxDeletedId === 0n || s.maxDeletedId < s.firstId) {
    if (id < s.firstId) return s.entriesAdded - length;
    if (id === s.firstId) return s.entriesAdded - length + 1n;
  }
  return INVALID_READ;
}

/** streamReplyWithCGLag: entries not yet delivered to the group, or nil when it cannot be told. */
export function lagReply(s: RStream, g: StreamGroup): Reply {
  if (s.entriesAdded === 0n) return int(0);
  if (g.entriesRead !== INVALID_READ && !rangeHasTombstones(s, g.lastId)) return int(s.entriesAdded - g.entriesRead);
  const read = estimateEntriesRead(s, g.lastId);
  return read === INVALID_READ ? NIL : int(s.entriesAdded - read);
}

/** The entries-read field: the counter, or nil when unknown. */
export const entriesReadReply = (g: StreamGroup): Reply => (g.entriesRead === INVALID_READ ? NIL : int(g.entriesRead));

/** streamPropagateXCLAIM: the idempotent XCLAIM that gives a replica this pending entry. */
export function xclaimArgv(key: string, group: string, g: StreamGroup, idArg: string, nack: StreamNack): string[] {
  return [
    'XCLAIM',
    key,
    group,
    nack.consumer ?? '',
    '0',
    idArg,
    'TIME',
    String(nack.deliveryTime),
    'RETRYCOUNT',
    String(nack.deliveryCount),
    'FORCE',
    'JUSTID',
    'LASTID',
    formatStreamId(g.lastId),
  ];
}

/** streamPropagateGroupID: the group's last ID and read counter. */
export const setIdArgv = (key: string, group: string, g: StreamGroup): string[] => [
  'XGROUP',
  'SETID',
  key,
  group,
  formatStreamId(g.lastId),
  'ENTRIESREAD',
  String(g.entriesRead),
];

/** Give a pending entry to `c` (removing it from its previous consumer's PEL). */
export function moveNack(g: StreamGroup, id: StreamId, nack: StreamNack, c: StreamConsumer): void {
  if (nack.consumer === c.name) return;
  if (nack.consumer !== null) g.consumers.get(nack.consumer)?.pel.delete(id);
  nack.consumer = c.name;
  c.pel.add(id);
}

/** Take a pending entry out of the group and its consumer. */
export function dropNack(g: StreamGroup, id: StreamId, nack: StreamNack): void {
  g.pel.delete(id);
  if (nack.consumer !== null) g.consumers.get(nack.consumer)?.pel.delete(id);
}

/** What a read through a group answers and what it makes the master propagate. */
export interface GroupRead {
  entries: Reply[];
  ops: string[][];
}

/**
 * streamReplyWithRange with a group: the entries from `start` on (at most `count`, 0 = all). Each
 * one past the group's last ID moves it (and the read counter); unless `noack`, each enters the
 * PEL for `c` (taken from another consumer if it was pending there) and is propagated as XCLAIM.
 * With NOACK a moved last ID is propagated as XGROUP SETID.
 */
export function readNew(
  s: RStream,
  key: string,
  group: string,
  g: StreamGroup,
  c: StreamConsumer,
  start: StreamId,
  count: number,
  noack: boolean,
  now: number,
): GroupRead {
  const out: GroupRead = { entries: [], ops: [] };
  let moved = false;
  for (const [id, fv] of s.entries) {
    if (id < start) continue;
    if (id > g.lastId) {
      if (g.entriesRead !== INVALID_READ && !rangeHasTombstones(s, id)) g.entriesRead++;
      else if (s.entriesAdded !== 0n) g.entriesRead = estimateEntriesRead(s, id);
      g.lastId = id;
      if (noack) moved = true;
    }
    out.entries.push(entryReply(id, fv));
    if (!noack) {
      let nack = g.pel.get(id);
      if (nack === undefined) {
        nack = { deliveryTime: now, deliveryCount: 1, consumer: null };
        g.pel.set(id, nack);
      } else {
        nack.deliveryTime = now;
        nack.deliveryCount = 1;
      }
      moveNack(g, id, nack, c);
      out.ops.push(xclaimArgv(key, group, g, formatStreamId(id), nack));
    }
    if (count && out.entries.length === count) break;
  }
  if (moved) out.ops.push(setIdArgv(key, group, g));
  return out;
}

/**
 * streamReplyWithRangeFromConsumerPEL: the consumer's own pending entries from `start` on; each
 * one still in the stream counts a delivery, one deleted since is [id, nil]. Not propagated.
 */
export function readHistory(
  s: RStream,
  g: StreamGroup,
  c: StreamConsumer,
  start: StreamId,
  count: number,
  now: number,
): Reply[] {
  const out: Reply[] = [];
  for (const id of sortedIds(c.pel)) {
    if (id < start) continue;
    if (count && out.length >= count) break;
    const fv = s.entries.get(id);
    if (fv === undefined) {
      out.push(array([bulk(formatStreamId(id)), NIL_ARRAY]));
      continue;
    }
    out.push(entryReply(id, fv));
    const nack = g.pel.get(id);
    if (nack !== undefined) {
      nack.deliveryTime = now;
      nack.deliveryCount++;
    }
  }
  return out;
}

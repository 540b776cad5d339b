/**
 * The shared body of the stream commands (t_stream.c): ID parsing as Redis parses IDs, the
 * stream's listpack nodes (which decide what approximate trimming removes), appending, trimming
 * and deleting entries, the MAXLEN/MINID/LIMIT options XADD and XTRIM share, and the entry replies.
 *
 * Why nodes: Redis keeps a stream as a radix tree of listpacks, and `MAXLEN ~` / `MINID ~` only
 * ever drop whole listpacks, so what an approximate trim leaves depends on where the node
 * boundaries fall. The entries themselves live in RStream.entries; beside them this module keeps,
 * per stream, the node list Redis would have: each node's master ID, its last ID, its master
 * fields, how many live and deleted entries it holds and its lpBytes — enough to decide exactly as
 * streamAppendItem, streamTrim and streamIteratorRemoveEntry decide. A stream that was loaded from
 * an RDB file (or made before this module saw it) gets its nodes laid out as a stream grown by
 * XADD would have them.
 */
import { array, bulk, bulkArray, ERR, error, type Reply } from '../../resp';
import { formatStreamId, idMs, idSeq, newStream, type RStream, type StreamId, streamId } from '../../stream';
import type { Ctx } from '../types';
import { eqi } from './args';
import { parseLL } from './int';

const U64 = (1n << 64n) - 1n;
/** The largest ID, ms and seq both UINT64_MAX. */
export const MAX_ID: StreamId = (U64 << 64n) | U64;
/** STREAM_LISTPACK_MAX_SIZE: no node grows past 1 GB whatever stream-node-max-bytes says. */
const LISTPACK_MAX_SIZE = 1 << 30;

export const INVALID_ID = error('ERR Invalid stream ID specified as stream command argument');

/** A stream value, told apart from the other types. */
export const isStream = (v: unknown): v is RStream =>
  typeof v === 'object' && v !== null && (v as { type?: string }).type === 'stream';

/** Tell a stream from a reply (replies carry `t`). */
export const isReply = (x: unknown): x is Reply => typeof x === 'object' && x !== null && 't' in x;

// ---------------------------------------------------------------------------------------------
// IDs

/**
 * string2ull: a string2ll that is not negative, or else what C's strtoull accepts (leading
 * spaces, a sign, leading zeros; a '-' wraps around), refusing overflow and trailing bytes.
 */
function parseULL(s: string): bigint | null {
  const ll = parseLL(s);
  if (ll !== null) return ll < 0n ? null : ll;
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)$/.exec(s);
  if (!m) return null;
  const v = BigInt(m[2]);
  if (v > U64) return null;
  return m[1] === '-' ? (U64 + 1n - v) & U64 : v;
}

/** A parsed ID, and whether its sequence was given (`ms-*` leaves it to XADD). */
export interface ParsedId {
  id: StreamId;
  seqGiven: boolean;
}

/**
 * streamGenericParseIDOrReply: `-`, `+` (unless strict), `ms` (seq = missingSeq), `ms-seq`, and
 * `ms-*` when `allowStar`. Null when Redis answers "Invalid stream ID".
 */
export function parseId(s: string, missingSeq: bigint, strict: boolean, allowStar = false): ParsedId | null {
  if (s.length > 127) return null;
  // The C code works on a NUL-terminated copy: anything after a NUL is not seen.
  const nul = s.indexOf('\0');
  const str = nul >= 0 ? s.slice(0, nul) : s;
  if (strict && (str === '-' || str === '+')) return null;
  if (str === '-') return { id: 0n, seqGiven: true };
  if (str === '+') return { id: MAX_ID, seqGiven: true };
  const dash = str.indexOf('-');
  const msPart = dash >= 0 ? str.slice(0, dash) : str;
  const ms = parseULL(msPart);
  if (ms === null) return null;
  if (dash < 0) return { id: streamId(ms, missingSeq), seqGiven: true };
  const seqPart = str.slice(dash + 1);
  if (allowStar && seqPart === '*') return { id: streamId(ms, 0n), seqGiven: false };
  const seq = parseULL(seqPart);
  if (seq === null) return null;
  return { id: streamId(ms, seq), seqGiven: true };
}

/** streamIncrID: the next ID, or null past the last one. */
export function incrId(id: StreamId): StreamId | null {
  return id === MAX_ID ? null : id + 1n;
}

/** streamDecrID: the previous ID, or null before 0-0. */
export function decrId(id: StreamId): StreamId | null {
  return id === 0n ? null : id - 1n;
}

// ---------------------------------------------------------------------------------------------
// Lookups

/** streamTypeLookupWriteOrCreate: the stream, created unless `noCreate` (then undefined). */
export function streamForWrite(ctx: Ctx, key: string, noCreate: boolean): RStream | undefined | Reply {
  const o = ctx.lookupWrite(key);
  if (o !== undefined) return isStream(o) ? o : ERR.wrongType;
  if (noCreate) return undefined;
  const s = newStream();
  ctx.setKey(key, s);
  return s;
}

/** The stream at a key for reading, undefined when missing, or WRONGTYPE. */
export function streamForRead(ctx: Ctx, key: string): RStream | undefined | Reply {
  const o = ctx.lookupRead(key);
  if (o === undefined) return undefined;
  return isStream(o) ? o : ERR.wrongType;
}

/** The stream at a key for writing without creating it, undefined when missing, or WRONGTYPE. */
export function existingStreamForWrite(ctx: Ctx, key: string): RStream | undefined | Reply {
  const o = ctx.lookupWrite(key);
  if (o === undefined) return undefined;
  return isStream(o) ? o : ERR.wrongType;
}

// ---------------------------------------------------------------------------------------------
// Listpack nodes

/** One listpack node of a stream, as much of it as the decisions need. */
interface StreamNode {
  /** The master entry's ID (the node's key in the radix tree). */
  master: StreamId;
  /** The last ID appended to the node (deleted or not): what MINID trimming compares. */
  last: StreamId;
  /** The master entry's fields (the first entry's). */
  fields: string[];
  /** Live entries (the master entry's count). */
  live: number;
  /** Entries flagged deleted but still in the node. */
  deleted: number;
  /** lpBytes of the node. */
  bytes: number;
}

/** Node limits from the config (stream-node-max-entries, stream-node-max-bytes). */
export interface NodeLimits {
  maxEntries: number;
  maxBytes: number;
}

export function nodeLimits(ctx: Ctx): NodeLimits {
  return {
    maxEntries: Number(ctx.srv.config.get('stream-node-max-entries')),
    maxBytes: Number(ctx.srv.config.get('stream-node-max-bytes')),
  };
}

const nodesOf = new WeakMap<RStream, StreamNode[]>();

/** Bytes of a listpack element's backlen (lpEncodeBacklen). */
function backlenSize(l: number): number {
  if (l <= 127) return 1;
  if (l < 16383) return 2;
  if (l < 2097151) return 3;
  if (l < 268435455) return 4;
  return 5;
}

/** Bytes one element takes in a listpack: integer-looking strings are stored as integers. */
export function lpElementSize(x: string): number {
  let enc: number;
  const v = x.length > 0 && x.length <= 20 ? parseLL(x) : null;
  if (v !== null) {
    if (v >= 0n && v <= 127n) enc = 1;
    else if (v >= -4096n && v <= 4095n) enc = 2;
    else if (v >= -32768n && v <= 32767n) enc = 3;
    else if (v >= -8388608n && v <= 8388607n) enc = 4;
    else if (v >= -2147483648n && v <= 2147483647n) enc = 5;
    else enc = 9;
  } else {
    const n = x.length;
    enc = n < 64 ? 1 + n : n < 4096 ? 2 + n : 5 + n;
  }
  return enc + backlenSize(enc);
}

const intSize = (n: number | bigint): number => lpElementSize(String(n));

/** The delta of an entry's ms or seq against the master's, as lpAppendInteger stores it (int64). */
const delta = (a: bigint, b: bigint): bigint => BigInt.asIntN(64, a - b);

/** Open a node for `id` with fields/values `fv`, as streamAppendItem's new-node branch does. */
function openNode(id: StreamId, fv: readonly string[]): StreamNode {
  const fields: string[] = [];
  for (let i = 0; i < fv.length; i += 2) fields.push(fv[i]);
  let bytes = 7 + intSize(1) + intSize(0) + intSize(fields.length) + intSize(0);
  for (const f of fields) bytes += lpElementSize(f);
  return { master: id, last: id, fields, live: 0, deleted: 0, bytes };
}

/**
 * Add an entry's elements to the node (streamAppendItem's tail): counts and bytes. A `fresh` node
 * was just opened for this entry (its count of 1 is already in its bytes).
 */
function addToNode(n: StreamNode, id: StreamId, fv: readonly string[], fresh: boolean): void {
  const nf = fv.length / 2;
  // An existing node: its count moves from live to live+1.
  if (!fresh) n.bytes += intSize(n.live + 1) - intSize(n.live);
  let same = n.fields.length === nf;
  for (let i = 0; same && i < nf; i++) if (n.fields[i] !== fv[2 * i]) same = false;
  let b = intSize(same ? 2 : 0) + lpElementSize(String(delta(idMs(id), idMs(n.master))));
  b += lpElementSize(String(delta(idSeq(id), idSeq(n.master))));
  if (!same) b += intSize(nf);
  for (let i = 0; i < fv.length; i += 2) {
    if (!same) b += lpElementSize(fv[i]);
    b += lpElementSize(fv[i + 1]);
  }
  b += intSize(same ? nf + 3 : 2 * nf + 4);
  n.bytes += b;
  n.live++;
  n.last = id;
}

/** Whether the tail node takes no more entries of `totelelen` bytes (streamAppendItem). */
function needsNewNode(n: StreamNode, totelelen: number, limits: NodeLimits): boolean {
  const maxBytes = limits.maxBytes === 0 || limits.maxBytes > LISTPACK_MAX_SIZE ? LISTPACK_MAX_SIZE : limits.maxBytes;
  if (n.bytes + totelelen >= maxBytes) return true;
  return limits.maxEntries !== 0 && n.live + n.deleted >= limits.maxEntries;
}

function totLen(fv: readonly string[]): number {
  let t = 0;
  for (const x of fv) t += x.length;
  return t;
}

/** The stream's nodes, laid out as appends would have made them when not tracked yet. */
function nodes(s: RStream, limits: NodeLimits): StreamNode[] {
  let list = nodesOf.get(s);
  if (list) return list;
  list = [];
  let tail: StreamNode | undefined;
  for (const [id, fv] of s.entries) {
    const fresh = !tail || needsNewNode(tail, totLen(fv), limits);
    if (fresh || !tail) {
      tail = openNode(id, fv);
      list.push(tail);
    }
    addToNode(tail, id, fv, fresh);
  }
  nodesOf.set(s, list);
  return list;
}

/** The master IDs of the stream's listpack nodes (the keys of Redis's radix tree), ascending. */
export function nodeMasterIds(s: RStream, limits: NodeLimits): StreamId[] {
  return nodes(s, limits).map((n) => n.master);
}

/** Index of the node holding `id` (the last master <= id), or -1. */
function nodeIndexOf(list: StreamNode[], id: StreamId): number {
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].master <= id) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Appending

/** Why an append failed: the ID is not above the top item, or the stream is exhausted. */
export type AppendError = 'edom' | 'exhausted';

/**
 * streamAppendItem: the ID to use (explicit, `ms-*`, or the next one after the last ID given the
 * clock), then the entry appended to the tail node or a new node.
 */
export function appendEntry(
  s: RStream,
  fv: string[],
  now: number,
  use: ParsedId | null,
  limits: NodeLimits,
): StreamId | AppendError {
  let id: StreamId;
  if (use) {
    if (use.seqGiven) {
      id = use.id;
    } else if (idMs(s.lastId) === idMs(use.id)) {
      if (idSeq(s.lastId) === U64) return 'edom';
      id = s.lastId + 1n;
    } else {
      id = use.id;
    }
  } else {
    const ms = BigInt(now);
    id = ms > idMs(s.lastId) ? streamId(ms, 0n) : s.lastId + 1n;
  }
  if (id <= s.lastId) return 'edom';
  const list = nodes(s, limits);
  let tail: StreamNode | undefined = list[list.length - 1];
  const fresh = !tail || needsNewNode(tail, totLen(fv), limits);
  if (fresh || !tail) {
    tail = openNode(id, fv);
    list.push(tail);
  }
  addToNode(tail, id, fv, fresh);
  s.entries.set(id, fv);
  s.entriesAdded++;
  s.lastId = id;
  if (s.entries.size === 1) s.firstId = id;
  return id;
}

// ---------------------------------------------------------------------------------------------
// Deleting and trimming

/** Flag one live entry of a node deleted (streamIteratorRemoveEntry); a node left empty goes. */
function removeFromNode(list: StreamNode[], i: number): void {
  const n = list[i];
  if (n.live === 1) {
    list.splice(i, 1);
    return;
  }
  n.bytes += intSize(n.live - 1) - intSize(n.live) + intSize(n.deleted + 1) - intSize(n.deleted);
  n.live--;
  n.deleted++;
}

/** The first live ID (0-0 when empty). */
export function firstLiveId(s: RStream): StreamId {
  for (const id of s.entries.keys()) return id;
  return 0n;
}

/** The last live ID (streamLastValidID), 0-0 when empty. */
export function lastLiveId(s: RStream): StreamId {
  let last = 0n;
  // Map keeps insertion order, which is ID order: the last key is the largest.
  for (const id of s.entries.keys()) last = id;
  return last;
}

/** streamDeleteItem: delete one entry; whether it existed. Keeps first/max-deleted IDs as XDEL does. */
export function deleteEntry(s: RStream, id: StreamId, limits: NodeLimits): boolean {
  if (!s.entries.has(id)) return false;
  const list = nodes(s, limits);
  const i = nodeIndexOf(list, id);
  if (i >= 0) removeFromNode(list, i);
  s.entries.delete(id);
  return true;
}

/** XADD/XTRIM's trimming options (streamAddTrimArgs). */
export interface TrimArgs {
  strategy: 'none' | 'maxlen' | 'minid';
  approx: boolean;
  maxlen: bigint;
  minid: StreamId;
  /** Most entries to remove, 0 = no limit. */
  limit: bigint;
  /** argv index of the MAXLEN count or the MINID ID (rewritten after an approximate trim). */
  argIdx: number;
}

/**
 * streamTrim: drop whole nodes from the head while the rule allows, then (unless approximate)
 * flag single entries of the next node deleted. Returns how many entries went.
 */
export function trimStream(s: RStream, a: TrimArgs, limits: NodeLimits): bigint {
  if (a.strategy === 'none') return 0n;
  const list = nodes(s, limits);
  let deleted = 0n;
  while (list.length > 0) {
    if (a.strategy === 'maxlen' && BigInt(s.entries.size) <= a.maxlen) break;
    const n = list[0];
    const entries = BigInt(n.live);
    if (a.limit !== 0n && deleted + entries > a.limit) break;
    const removeNode = a.strategy === 'maxlen' ? BigInt(s.entries.size) - entries >= a.maxlen : n.last < a.minid;
    const end = list.length > 1 ? list[1].master : MAX_ID;
    // The loops below delete the key they are on: a Map iterator carries on past a deleted entry.
    if (removeNode) {
      for (const id of s.entries.keys()) {
        if (id >= end && list.length > 1) break;
        s.entries.delete(id);
      }
      list.shift();
      deleted += entries;
      continue;
    }
    if (a.approx) break;
    let fromNode = 0;
    for (const id of s.entries.keys()) {
      if (list.length > 1 && id >= end) break;
      const stop = a.strategy === 'maxlen' ? BigInt(s.entries.size) <= a.maxlen : id >= a.minid;
      if (stop) break;
      s.entries.delete(id);
      fromNode++;
    }
    // streamTrim rewrites both counters once, and keeps the node even when no live entry is left.
    n.bytes += intSize(n.live - fromNode) - intSize(n.live) + intSize(n.deleted + fromNode) - intSize(n.deleted);
    n.live -= fromNode;
    n.deleted += fromNode;
    deleted += BigInt(fromNode);
    break;
  }
  if (s.entries.size === 0) s.firstId = 0n;
  else if (deleted > 0n) s.firstId = firstLiveId(s);
  return deleted;
}

/**
 * streamParseAddOrTrimArgsOrReply: the trimming options from argv[2] on; for XADD also
 * NOMKSTREAM and the ID (parsing stops there). Returns the ID's argv index (XADD), or the reply.
 */
export function parseTrimArgs(
  ctx: Ctx,
  xadd: boolean,
): { args: TrimArgs; idPos: number; noMkStream: boolean; id: ParsedId | null } | Reply {
  const argv = ctx.argv;
  const args: TrimArgs = { strategy: 'none', approx: false, maxlen: 0n, minid: 0n, limit: 0n, argIdx: 0 };
  let noMkStream = false;
  let id: ParsedId | null = null;
  let limitGiven = false;
  let i = 2;
  for (; i < argv.length; i++) {
    const more = argv.length - 1 - i;
    const opt = argv[i];
    if (xadd && opt === '*') break;
    if ((eqi(opt, 'maxlen') || eqi(opt, 'minid')) && more) {
      if (args.strategy !== 'none') {
        return error('ERR syntax error, MAXLEN and MINID options at the same time are not compatible');
      }
      args.approx = false;
      const next = argv[i + 1];
      if (more >= 2 && next === '~') {
        args.approx = true;
        i++;
      } else if (more >= 2 && next === '=') {
        i++;
      }
      if (eqi(opt, 'maxlen')) {
        const v = parseLL(argv[i + 1]);
        if (v === null) return ERR.notInteger;
        if (v < 0n) return error('ERR The MAXLEN argument must be >= 0.');
        args.maxlen = v;
        args.strategy = 'maxlen';
      } else {
        const p = parseId(argv[i + 1], 0n, true);
        if (p === null) return INVALID_ID;
        args.minid = p.id;
        args.strategy = 'minid';
      }
      i++;
      args.argIdx = i;
    } else if (eqi(opt, 'limit') && more) {
      const v = parseLL(argv[i + 1]);
      if (v === null) return ERR.notInteger;
      if (v < 0n) return error('ERR The LIMIT argument must be >= 0.');
      args.limit = v;
      limitGiven = true;
      i++;
    } else if (xadd && eqi(opt, 'nomkstream')) {
      noMkStream = true;
    } else if (xadd) {
      id = parseId(opt, 0n, true, true);
      if (id === null) return INVALID_ID;
      break;
    } else {
      return ERR.syntax;
    }
  }
  if (args.limit !== 0n && args.strategy === 'none') {
    return error('ERR syntax error, LIMIT cannot be used without specifying a trimming strategy');
  }
  if (!xadd && args.strategy === 'none') {
    return error('ERR syntax error, XTRIM must be called with a trimming strategy');
  }
  if (ctx.client.isMaster) {
    // What the master sends was rewritten to be exact: never limit it (mustObeyClient).
    args.limit = 0n;
  } else if (limitGiven) {
    if (!args.approx) return error('ERR syntax error, LIMIT cannot be used without the special ~ option');
  } else if (args.approx) {
    let l = 100n * BigInt(nodeLimits(ctx).maxEntries);
    if (l <= 0n) l = 10000n;
    if (l > 1000000n) l = 1000000n;
    args.limit = l;
  } else {
    args.limit = 0n;
  }
  return { args, idPos: i, noMkStream, id };
}

/**
 * streamRewriteApproxSpecifier + streamRewriteTrimArgument: after an approximate trim, propagate
 * `= <length>` (MAXLEN) or `= <first ID>` (MINID) so replicas trim exactly the same.
 */
export function rewriteTrim(argv: string[], s: RStream, a: TrimArgs, limits: NodeLimits): void {
  argv[a.argIdx - 1] = '=';
  if (a.strategy === 'maxlen') {
    argv[a.argIdx] = String(s.entries.size);
    return;
  }
  // streamGetEdgeID without skipping tombstones: the first node's master ID, whether that entry is
  // still live or only flagged deleted; the largest ID when no node is left.
  const list = nodes(s, limits);
  argv[a.argIdx] = formatStreamId(list.length > 0 ? list[0].master : MAX_ID);
}

// ---------------------------------------------------------------------------------------------
// Replies

/** One entry as replies carry it: [id, [field, value, ...]]. */
export function entryReply(id: StreamId, fv: readonly string[]): Reply {
  return array([bulk(formatStreamId(id)), bulkArray(fv)]);
}

/**
 * The entries with start <= ID <= end, ascending (descending when `rev`), at most `count`
 * (0 = all): streamReplyWithRange without a group.
 */
export function rangeEntries(
  s: RStream,
  start: StreamId,
  end: StreamId,
  count: number,
  rev: boolean,
): [StreamId, string[]][] {
  const out: [StreamId, string[]][] = [];
  if (start > end) return out;
  if (!rev) {
    for (const [id, fv] of s.entries) {
      if (id < start) continue;
      if (id > end) break;
      out.push([id, fv]);
      if (count && out.length >= count) break;
    }
    return out;
  }
  const all = [...s.entries.keys()];
  for (let i = all.length - 1; i >= 0; i--) {
    const id = all[i];
    if (id > end) continue;
    if (id < start) break;
    out.push([id, s.entries.get(id) as string[]]);
    if (count && out.length >= count) break;
  }
  return out;
}

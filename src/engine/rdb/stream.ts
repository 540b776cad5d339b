/**
 * Streams in RDB files (rdb.c, the RDB_TYPE_STREAM_LISTPACKS* types; t_stream.c's node layout).
 *
 * On disk a stream is its radix tree of listpack nodes — each keyed by its master ID (ms and seq,
 * big-endian) and holding a master entry (count, deleted, the master fields, 0) followed by
 * entries (flags, ms and seq relative to the master ID, the fields unless the entry has the master
 * fields, the values, and the entry's element count) — then the stream's metadata and its consumer
 * groups: each group's last ID, its PEL (raw 16-byte IDs, delivery time, delivery count) and its
 * consumers (name, seen time, raw IDs of their pending entries).
 *
 * Loading reads every version (15: 5.0–6.2, 19: 7.0, 21: 7.2 with the consumers' active time).
 * Writing produces version 19, as 7.0 does, laying the entries out in nodes exactly as a stream
 * grown by XADD is (stream-node-max-entries 100 and stream-node-max-bytes 4096 by default), so a
 * stream that was only ever appended to is written as Redis writes it; entries a real server had
 * deleted but still kept in a node (flagged) are not kept here, so such a file comes back smaller.
 */
import {
  byName,
  idMs,
  idSeq,
  newStream,
  newStreamGroup,
  type RStream,
  type StreamConsumer,
  type StreamId,
  streamId,
} from '../stream';
import { listpackEntries, RdbError } from './load';
import { ListpackBuilder } from './write';

/** RDB types of streams (rdb.h). */
export const STREAM_LISTPACKS = 15;
export const STREAM_LISTPACKS_2 = 19;
export const STREAM_LISTPACKS_3 = 21;

/** Entry flags (t_stream.c STREAM_ITEM_FLAG_*). */
const FLAG_DELETED = 1;
const FLAG_SAMEFIELDS = 2;
/** The most bytes a node may reach whatever stream-node-max-bytes says (STREAM_LISTPACK_MAX_SIZE). */
const LISTPACK_MAX_SIZE = 1 << 30;

/** What the loader's reader offers the stream decoder. */
export interface RdbSource {
  len(): number;
  /** A length that may exceed 2^53 (IDs, counters). */
  lenBig(): bigint;
  string(): string;
  bytes(): Uint8Array;
  /** `n` raw bytes (rioRead). */
  raw(n: number): Uint8Array;
  /** A millisecond time: 8 bytes, little-endian. */
  msTime(): number;
}

/** What the writer offers the stream encoder. */
export interface RdbSink {
  len(v: number): void;
  lenBig(v: bigint): void;
  string(s: string): void;
  blob(b: Uint8Array): void;
  raw(b: Uint8Array): void;
  msTime(ms: number): void;
}

/** A 16-byte stream ID as stored (streamEncodeID: ms then seq, big-endian). */
function encodeId(id: StreamId): Uint8Array {
  const out = new Uint8Array(16);
  let v = id;
  for (let i = 15; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

function decodeId(b: Uint8Array, from = 0): StreamId {
  let v = 0n;
  for (let i = 0; i < 16; i++) v = (v << 8n) | BigInt(b[from + i]);
  return v;
}

function int(s: string | undefined): bigint {
  if (s === undefined || !/^-?\d+$/.test(s)) throw new RdbError('Stream listpack integrity check failed.');
  return BigInt(s);
}

const U64 = (1n << 64n) - 1n;

/** The entries of one node, appended to `into` in order (deleted ones skipped). */
function readNode(master: StreamId, lp: Uint8Array, into: Map<StreamId, string[]>): void {
  const e = listpackEntries(lp);
  if (e.length === 0) throw new RdbError('Empty listpack inside stream');
  let p = 0;
  const next = () => {
    if (p >= e.length) throw new RdbError('Stream listpack integrity check failed.');
    return e[p++];
  };
  next(); // count
  next(); // deleted
  const nf = Number(int(next()));
  const masterFields: string[] = [];
  for (let i = 0; i < nf; i++) masterFields.push(next());
  if (int(next()) !== 0n) throw new RdbError('Stream listpack integrity check failed.');
  const mMs = idMs(master);
  const mSeq = idSeq(master);
  while (p < e.length) {
    const flags = Number(int(next()));
    const ms = (mMs + int(next())) & U64;
    const seq = (mSeq + int(next())) & U64;
    const fv: string[] = [];
    if (flags & FLAG_SAMEFIELDS) {
      for (let i = 0; i < nf; i++) fv.push(masterFields[i], next());
    } else {
      const n = Number(int(next()));
      for (let i = 0; i < n; i++) fv.push(next(), next());
    }
    next(); // lp-count
    if (!(flags & FLAG_DELETED)) into.set(streamId(ms, seq), fv);
  }
}

/** rdbLoadObject for the stream types. */
export function readStream(r: RdbSource, type: number): RStream {
  const s = newStream();
  const nodes = r.len();
  let prev = -1n;
  for (let i = 0; i < nodes; i++) {
    const key = r.bytes();
    if (key.length !== 16) throw new RdbError('Stream node key entry is not the size of a stream ID');
    const master = decodeId(key);
    if (master <= prev) throw new RdbError('Listpack re-added with existing key');
    prev = master;
    readNode(master, r.bytes(), s.entries);
  }
  const length = r.lenBig();
  s.lastId = streamId(r.lenBig(), r.lenBig());
  if (type !== STREAM_LISTPACKS) {
    s.firstId = streamId(r.lenBig(), r.lenBig());
    s.maxDeletedId = streamId(r.lenBig(), r.lenBig());
    s.entriesAdded = r.lenBig();
  } else {
    s.entriesAdded = length;
    s.firstId = s.entries.size ? s.entries.keys().next().value! : 0n;
  }
  if (BigInt(s.entries.size) !== length) throw new RdbError('Stream length inconsistent with rax entries');
  const groups = r.len();
  for (let i = 0; i < groups; i++) {
    const name = r.string();
    const last = streamId(r.lenBig(), r.lenBig());
    // Before 7.0 there is no entries_read: Redis estimates it; -1 (unknown) stands in here.
    const entriesRead = type !== STREAM_LISTPACKS ? BigInt.asIntN(64, r.lenBig()) : -1n;
    if (s.groups.has(name)) throw new RdbError(`Duplicated consumer group name ${name}`);
    const g = newStreamGroup(name, last, entriesRead);
    s.groups.set(name, g);
    const pel = r.len();
    for (let j = 0; j < pel; j++) {
      const id = decodeId(r.raw(16));
      const deliveryTime = r.msTime();
      const deliveryCount = r.len();
      if (g.pel.has(id)) throw new RdbError('Duplicated global PEL entry loading stream consumer group');
      g.pel.set(id, { deliveryTime, deliveryCount, consumer: null });
    }
    const consumers = r.len();
    for (let j = 0; j < consumers; j++) {
      const cname = r.string();
      if (g.consumers.has(cname)) throw new RdbError('Duplicate stream consumer detected.');
      const c: StreamConsumer = { name: cname, seenTime: r.msTime(), pel: new Set() };
      if (type === STREAM_LISTPACKS_3) r.msTime(); // active-time (7.2): not kept
      g.consumers.set(cname, c);
      const n = r.len();
      for (let k = 0; k < n; k++) {
        const id = decodeId(r.raw(16));
        const nack = g.pel.get(id);
        if (!nack) throw new RdbError('Consumer entry not found in group global PEL');
        if (c.pel.has(id)) throw new RdbError('Duplicated consumer PEL entry loading a stream consumer group');
        nack.consumer = cname;
        c.pel.add(id);
      }
    }
    for (const nack of g.pel.values()) {
      if (nack.consumer === null) throw new RdbError('Stream CG PEL entry without consumer');
    }
  }
  return s;
}

/** Node limits (stream-node-max-entries, stream-node-max-bytes). */
export interface StreamNodeLimits {
  maxEntries: number;
  maxBytes: number;
}

/** Size in bytes of one listpack element (its encoding and back-length). */
function elementSize(x: string): number {
  const b = new ListpackBuilder();
  b.add(x);
  return b.size - 7;
}

/**
 * The listpack nodes of a stream, as streamAppendItem builds them when the entries are added in
 * order: a new node when the current one would reach max-bytes or holds max-entries.
 */
export function streamNodes(s: RStream, limits: StreamNodeLimits): { master: StreamId; lp: Uint8Array }[] {
  const out: { master: StreamId; lp: Uint8Array }[] = [];
  const maxBytes = limits.maxBytes === 0 || limits.maxBytes > LISTPACK_MAX_SIZE ? LISTPACK_MAX_SIZE : limits.maxBytes;
  let master: StreamId = 0n;
  let fields: string[] = [];
  let body: string[] = [];
  let count = 0;
  /** lpBytes of the node as Redis would hold it now (its count field as it stands). */
  let bytes = 0;
  const flush = () => {
    if (count === 0) return;
    const lp = new ListpackBuilder();
    for (const x of [String(count), '0', String(fields.length), ...fields, '0', ...body]) lp.add(x);
    out.push({ master, lp: lp.finish() });
  };
  for (const [id, fv] of s.entries) {
    const n = fv.length / 2;
    let tot = 0;
    for (const x of fv) tot += x.length;
    if (count > 0 && (bytes + tot >= maxBytes || (limits.maxEntries !== 0 && count >= limits.maxEntries))) {
      flush();
      count = 0;
    }
    if (count === 0) {
      master = id;
      fields = [];
      for (let i = 0; i < fv.length; i += 2) fields.push(fv[i]);
      body = [];
      bytes = 7 + elementSize('1') + elementSize('0') + elementSize(String(n)) + elementSize('0');
      for (const f of fields) bytes += elementSize(f);
    } else {
      bytes += elementSize(String(count + 1)) - elementSize(String(count));
    }
    count++;
    let same = fields.length === n;
    for (let i = 0; same && i < n; i++) if (fields[i] !== fv[2 * i]) same = false;
    const part: string[] = [
      String(same ? FLAG_SAMEFIELDS : 0),
      String(BigInt.asIntN(64, idMs(id) - idMs(master))),
      String(BigInt.asIntN(64, idSeq(id) - idSeq(master))),
    ];
    if (same) {
      for (let i = 1; i < fv.length; i += 2) part.push(fv[i]);
    } else {
      part.push(String(n), ...fv);
    }
    part.push(String(same ? n + 3 : 2 * n + 4));
    for (const x of part) bytes += elementSize(x);
    body.push(...part);
  }
  flush();
  return out;
}

/** rdbSaveObject for a stream, as 7.0 writes it (RDB_TYPE_STREAM_LISTPACKS_2). */
export function writeStream(w: RdbSink, s: RStream, limits: StreamNodeLimits): void {
  const nodes = streamNodes(s, limits);
  w.len(nodes.length);
  for (const n of nodes) {
    w.blob(encodeId(n.master));
    w.blob(n.lp);
  }
  w.lenBig(BigInt(s.entries.size));
  w.lenBig(idMs(s.lastId));
  w.lenBig(idSeq(s.lastId));
  w.lenBig(idMs(s.firstId));
  w.lenBig(idSeq(s.firstId));
  w.lenBig(idMs(s.maxDeletedId));
  w.lenBig(idSeq(s.maxDeletedId));
  w.lenBig(s.entriesAdded);
  // Groups, consumers and pending entries in rax order: names and IDs byte by byte.
  const groups = [...s.groups.values()].sort((a, b) => byName(a.name, b.name));
  w.len(groups.length);
  for (const g of groups) {
    w.string(g.name);
    w.lenBig(idMs(g.lastId));
    w.lenBig(idSeq(g.lastId));
    w.lenBig(BigInt.asUintN(64, g.entriesRead));
    const pel = [...g.pel.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    w.len(pel.length);
    for (const [id, nack] of pel) {
      w.raw(encodeId(id));
      w.msTime(nack.deliveryTime);
      w.len(nack.deliveryCount);
    }
    const consumers = [...g.consumers.values()].sort((a, b) => byName(a.name, b.name));
    w.len(consumers.length);
    for (const c of consumers) {
      w.string(c.name);
      w.msTime(c.seenTime);
      const ids = [...c.pel].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      w.len(ids.length);
      for (const id of ids) w.raw(encodeId(id));
    }
  }
}

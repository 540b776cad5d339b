/**
 * The stream value type (t_stream.c, stream.h): entries by ID, each a list of field/value pairs,
 * and the consumer groups with their pending entries lists (PEL) and consumers. The engine loads
 * streams from RDB files and writes them back (rdb/stream.ts); the X* commands work on this
 * structure.
 *
 * An ID is a pair of unsigned 64-bit numbers, ms and seq, held as one bigint `ms << 64 | seq`:
 * exact over the whole range, and ordered as Redis orders IDs by plain comparison.
 */

/** A stream ID, `ms << 64n | seq` (both unsigned 64-bit). */
export type StreamId = bigint;

const U64 = (1n << 64n) - 1n;

/** The ID ms-seq. */
export function streamId(ms: bigint | number, seq: bigint | number): StreamId {
  return ((BigInt(ms) & U64) << 64n) | (BigInt(seq) & U64);
}
export const idMs = (id: StreamId): bigint => id >> 64n;
export const idSeq = (id: StreamId): bigint => id & U64;

/** `ms-seq`, as replies and propagated commands spell an ID. */
export function formatStreamId(id: StreamId): string {
  return `${idMs(id)}-${idSeq(id)}`;
}

/** A pending entry of a group (streamNACK): delivered, not yet acknowledged. */
export interface StreamNack {
  /** Unix ms of the last delivery. */
  deliveryTime: number;
  deliveryCount: number;
  /** The consumer it was delivered to (every PEL entry has one once loaded). */
  consumer: string | null;
}

/** A consumer of a group (streamConsumer). */
export interface StreamConsumer {
  readonly name: string;
  /** Unix ms of its last interaction. */
  seenTime: number;
  /** The IDs pending for it (each is also in the group's PEL). */
  readonly pel: Set<StreamId>;
}

/** A consumer group (streamCG). */
export interface StreamGroup {
  readonly name: string;
  /** The last ID delivered to the group. */
  lastId: StreamId;
  /** entries_read: the group's logical read counter, -1 when unknown (SCG_INVALID_ENTRIES_READ). */
  entriesRead: bigint;
  /** Pending entries by ID. */
  readonly pel: Map<StreamId, StreamNack>;
  readonly consumers: Map<string, StreamConsumer>;
}

/** A stream (stream.h `stream`). */
export interface RStream {
  readonly type: 'stream';
  /**
   * Entries by ID, in ascending ID order (appends only ever add a larger ID; a loaded stream is
   * read in order). Each value is [field1, value1, field2, value2, ...].
   */
  readonly entries: Map<StreamId, string[]>;
  /** The last ID ever added (0-0 for a new stream). */
  lastId: StreamId;
  /** The first entry's ID (0-0 when empty). */
  firstId: StreamId;
  /** The largest ID ever deleted. */
  maxDeletedId: StreamId;
  /** How many entries were ever added. */
  entriesAdded: bigint;
  readonly groups: Map<string, StreamGroup>;
}

export const newStream = (): RStream => ({
  type: 'stream',
  entries: new Map(),
  lastId: 0n,
  firstId: 0n,
  maxDeletedId: 0n,
  entriesAdded: 0n,
  groups: new Map(),
});

/** A new consumer group at `lastId`. */
export function newStreamGroup(name: string, lastId: StreamId, entriesRead: bigint): StreamGroup {
  return { name, lastId, entriesRead, pel: new Map(), consumers: new Map() };
}

/** Byte-order comparison, as rax orders group and consumer names. */
export const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

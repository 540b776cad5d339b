/**
 * The replication backlog: the tail of the replication stream a master (or replica) keeps so a
 * reconnecting replica can continue with PSYNC instead of a full resync.
 *
 * Two models, because the two Redis versions differ in ways a learner can see in INFO:
 * - 4.0 (`CircularBacklog`): a circular buffer of exactly repl-backlog-size bytes; histlen never
 *   exceeds the size, and resizing at runtime empties it.
 * - 7.0 (`BlockBacklog`): the stream is a list of shared blocks (also the replicas' output
 *   buffers). A new block is allocated as a jemalloc size class, so its usable size is e.g. 20440
 *   bytes for the default 16 KiB request; blocks are trimmed only whole, only while the rest stays
 *   larger than repl-backlog-size, and never past a block a replica still needs. Real 7.0.15 tries
 *   to trim in five places: when a block is appended, when repl-backlog-size changes, when a
 *   replica lets go of a block (sent past it, or freed), and at the end of every event-loop turn
 *   (beforeSleep, up to 100 blocks). The engine trims on append and resize, and at the end of
 *   every event (`trimBeforeSleep`), which covers the replica cases too: its pins are read at
 *   each trim. So repl_backlog_histlen can exceed repl-backlog-size (by less than one block once
 *   the event is over), and a PSYNC just past the configured size can still succeed — exactly as
 *   in real 7.0.
 *
 * Offsets are replication-stream offsets: the first byte of the whole stream is offset 1.
 */

import { binOf, copyBytes } from '../resp/bin';

/** What the master needs from a backlog. */
export interface Backlog {
  /** repl_backlog_first_byte_offset */
  readonly firstByteOffset: number;
  /** repl_backlog_histlen */
  readonly histlen: number;
  /** Append bytes (a byte string); `offsetAfter` is master_repl_offset after appending. */
  append(data: string): void;
  /** Append bytes b[start, end) (the same as append of their byte string). */
  appendBytes(b: Uint8Array, start: number, end: number): void;
  /** The bytes from `offset` (inclusive) to the end; offset must be within the window or end+1. */
  from(offset: number): string;
  /** Apply a new repl-backlog-size. */
  resize(size: number): void;
  /** Trim at the end of an event (7.0's beforeSleep trims up to 100 blocks). */
  trimBeforeSleep(): void;
  /** 7.0: replicas waiting for an RDB pin the blocks from this offset on. */
  setPins(pins: () => number | null): void;
}

/** Size of one block request, PROTO_REPLY_CHUNK_BYTES. */
const CHUNK = 16 * 1024;
/** sizeof(replBufBlock): refcount(+pad) + id + repl_offset + size + used. */
const BLOCK_HEADER = 40;
const TRIM_BLOCKS_PER_CALL = 10;

/**
 * jemalloc's usable size for an allocation of n bytes (size classes: four per doubling above
 * 64 bytes). Redis sizes a replication block by what the allocator really gave it.
 */
export function jemallocUsable(n: number): number {
  if (n <= 8) return 8;
  if (n <= 128) return Math.ceil(n / 16) * 16;
  const lg = Math.floor(Math.log2(n - 1));
  const delta = 2 ** (lg - 2);
  return Math.ceil(n / delta) * delta;
}

interface Block {
  /** Replication offset of the block's first byte. */
  readonly replOffset: number;
  /** Usable size. */
  readonly size: number;
  used: number;
  /** The block's bytes (`size` of them allocated, `used` filled), and a DataView of them. */
  readonly buf: Uint8Array;
  readonly dv: DataView;
}

/** Redis 7.0's block-list backlog. */
export class BlockBacklog implements Backlog {
  private blocks: Block[] = [];
  /**
   * The last block trimmed, whose bytes the next new block of the same size reuses: a backlog
   * that is full trims one block for every block it adds, and allocating (and later collecting)
   * a fresh 20 KB array each time is a measurable share of a busy master's time. Nothing reads
   * a trimmed block, and every byte a block exposes (up to `used`) is written before it is read.
   */
  private spare: Block | null = null;
  histlen = 0;
  private pinned: () => number | null = () => null;

  /** @param endOffset master_repl_offset at creation: the first byte will be endOffset+1. */
  constructor(
    private size: number,
    private endOffset: number,
  ) {}

  get firstByteOffset(): number {
    return this.endOffset - this.histlen + 1;
  }

  setPins(pins: () => number | null): void {
    this.pinned = pins;
  }

  append(data: string): void {
    const b = new Uint8Array(data.length);
    for (let i = 0; i < data.length; i++) b[i] = data.charCodeAt(i);
    this.appendBytes(b, 0, b.length);
  }

  appendBytes(b: Uint8Array, start: number, end: number): void {
    // The usual case: it all fits in the last block (the loop below would do just this).
    const last = this.blocks.length === 0 ? undefined : this.blocks[this.blocks.length - 1];
    const n = end - start;
    if (last !== undefined && last.size - last.used >= n && n > 0) {
      copyBytes(b, start, end, last.buf, last.dv, last.used);
      last.used += n;
      this.endOffset += n;
      this.histlen += n;
      return;
    }
    let p = start;
    let added = false;
    while (p < end) {
      const tail = this.blocks[this.blocks.length - 1];
      if (tail && tail.size > tail.used) {
        const copy = Math.min(tail.size - tail.used, end - p);
        copyBytes(b, p, p + copy, tail.buf, tail.dv, tail.used);
        tail.used += copy;
        p += copy;
        this.endOffset += copy;
        this.histlen += copy;
      }
      if (p < end) {
        const limit = Math.max(Math.floor(this.size / 16), CHUNK);
        const want = Math.min(Math.max(end - p, CHUNK), limit);
        const usable = jemallocUsable(want + BLOCK_HEADER) - BLOCK_HEADER;
        const copy = Math.min(usable, end - p);
        const spare = this.spare;
        let buf: Uint8Array;
        let dv: DataView;
        if (spare !== null && spare.size === usable) {
          buf = spare.buf;
          dv = spare.dv;
          this.spare = null;
        } else {
          buf = new Uint8Array(usable);
          dv = new DataView(buf.buffer);
        }
        copyBytes(b, p, p + copy, buf, dv, 0);
        this.blocks.push({ replOffset: this.endOffset + 1, size: usable, used: copy, buf, dv });
        p += copy;
        this.endOffset += copy;
        this.histlen += copy;
        added = true;
      }
      if (added) {
        this.trim(TRIM_BLOCKS_PER_CALL);
        added = false;
      }
    }
  }

  private trim(max: number): void {
    // Runs after every event: the cheap test first (a backlog within its size has nothing to free).
    if (this.blocks.length <= 1 || this.histlen - this.blocks[0].size <= this.size) return;
    let trimmed = 0;
    const pin = this.pinned();
    while (this.histlen > this.size && trimmed < max) {
      // Never fewer than one block.
      if (this.blocks.length <= 1) break;
      const first = this.blocks[0];
      // A replica still reading from this block keeps it alive.
      if (pin !== null && pin < first.replOffset + first.used) break;
      // Only while what remains still covers repl-backlog-size.
      if (this.histlen - first.size <= this.size) break;
      this.histlen -= first.size;
      this.spare = this.blocks.shift()!;
      trimmed++;
    }
  }

  trimBeforeSleep(): void {
    this.trim(10 * TRIM_BLOCKS_PER_CALL);
  }

  from(offset: number): string {
    const out: string[] = [];
    for (const b of this.blocks) {
      const end = b.replOffset + b.used; // exclusive
      if (end <= offset) continue;
      out.push(binOf(b.buf, offset > b.replOffset ? offset - b.replOffset : 0, b.used));
    }
    return out.join('');
  }

  resize(size: number): void {
    this.size = size;
    this.trim(TRIM_BLOCKS_PER_CALL);
  }
}

/** Redis 4.0's circular backlog of exactly `size` bytes. */
export class CircularBacklog implements Backlog {
  private data: string[] = [];
  private stored = 0;
  histlen = 0;

  constructor(
    private size: number,
    private endOffset: number,
  ) {}

  get firstByteOffset(): number {
    return this.endOffset - this.histlen + 1;
  }

  setPins(): void {}
  trimBeforeSleep(): void {}

  appendBytes(b: Uint8Array, start: number, end: number): void {
    this.append(binOf(b, start, end));
  }

  append(s: string): void {
    this.data.push(s);
    this.stored += s.length;
    this.endOffset += s.length;
    this.histlen = Math.min(this.histlen + s.length, this.size);
    if (this.stored > this.size * 2 || this.data.length > 4096) this.compact();
  }

  private compact(): void {
    let all = this.data.join('');
    if (all.length > this.size) all = all.slice(all.length - this.size);
    this.data = [all];
    this.stored = all.length;
  }

  from(offset: number): string {
    this.compact();
    const all = this.data[0] ?? '';
    const skip = offset - this.firstByteOffset;
    return all.slice(all.length - this.histlen + skip);
  }

  /**
   * 4.0 resizeReplicationBacklog: the same size is a no-op; any other size gets a new, empty
   * buffer (histlen 0, first byte = offset + 1).
   */
  resize(size: number): void {
    if (size === this.size) return;
    this.size = size;
    this.data = [];
    this.stored = 0;
    this.histlen = 0;
  }
}

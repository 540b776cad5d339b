/**
 * A growable byte buffer for the output of one connection during one event (a client's reply
 * buffer, a replica's share of the replication stream). Replies and commands are encoded into it
 * directly, byte for byte what encodeReply / encodeCommand produce, without building strings.
 */
import { copyBytes, copyBytesWith } from './bin';
import { encodeReply } from './encode';
import type { Reply } from './reply';

const CR = 13;
const LF = 10;

/** What owns an output buffer while it is queued (a server's client). */
export interface OutOwner {
  out: OutBuf | null;
}

export class OutBuf {
  /** The connection the bytes are for, and the client holding this buffer (set by the server). */
  conn = 0;
  owner: OutOwner | null = null;
  a: Uint8Array;
  /** A DataView of `a`. */
  private dv: DataView;
  n = 0;

  constructor(cap = 1024) {
    this.a = new Uint8Array(cap);
    this.dv = new DataView(this.a.buffer);
  }

  /** Make room for `k` more bytes. */
  private grow(k: number): void {
    let cap = this.a.length * 2;
    while (cap < this.n + k) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.a.subarray(0, this.n));
    this.a = b;
    this.dv = new DataView(b.buffer);
  }

  /** The bytes of a byte string (each char code taken modulo 256, as a Uint8Array store does). */
  bin(s: string): void {
    const k = s.length;
    if (this.n + k > this.a.length) this.grow(k);
    const a = this.a;
    let n = this.n;
    for (let i = 0; i < k; i++) a[n++] = s.charCodeAt(i);
    this.n = n;
  }

  /** Bytes b[start, end). */
  bytes(b: Uint8Array, start: number, end: number): void {
    const k = end - start;
    if (this.n + k > this.a.length) this.grow(k);
    copyBytes(b, start, end, this.a, this.dv, this.n);
    this.n += k;
  }

  /**
   * `<type><decimal>\r\n`: the header of a bulk or multibulk, or an integer reply. `v` is an
   * integer; from -2^31+1 to 2^31-1 its digits are written directly (what String(v) spells).
   */
  private header(type: number, v: number): void {
    if (this.n + 24 > this.a.length) this.grow(24);
    const a = this.a;
    a[this.n++] = type;
    if (v >= 0 && v < 10) {
      a[this.n++] = 48 + v;
    } else if (v >= 10 && v < 100) {
      a[this.n++] = 48 + ((v / 10) | 0);
      a[this.n++] = 48 + (v % 10);
    } else if (v >= -0x7fffffff && v <= 0x7fffffff) {
      let u = v;
      if (u < 0) {
        a[this.n++] = 45; // '-'
        u = -u;
      }
      let digits = 1;
      for (let t = u; t >= 10; t = (t / 10) | 0) digits++;
      let at = this.n + digits;
      this.n = at;
      do {
        const q = (u / 10) | 0;
        a[--at] = 48 + (u - q * 10);
        u = q;
      } while (u > 0);
    } else {
      const s = String(v);
      for (let i = 0; i < s.length; i++) a[this.n++] = s.charCodeAt(i);
    }
    a[this.n++] = CR;
    a[this.n++] = LF;
  }

  private crlf(): void {
    if (this.n + 2 > this.a.length) this.grow(2);
    this.a[this.n++] = CR;
    this.a[this.n++] = LF;
  }

  /** A reply, exactly as encodeReply(r, resp). */
  reply(r: Reply, resp: 2 | 3 = 2): void {
    switch (r.t) {
      case 'status':
        this.bin('+');
        this.bin(r.s);
        this.crlf();
        return;
      case 'error':
        this.bin('-');
        this.bin(r.s);
        this.crlf();
        return;
      case 'int':
        if (typeof r.n === 'number' && r.n >= -0x7fffffff && r.n <= 0x7fffffff && r.n === (r.n | 0)) {
          this.header(58 /* : */, r.n); // the common counter: digits written directly
          return;
        }
        this.bin(':');
        this.bin(String(r.n));
        this.crlf();
        return;
      case 'bulk':
        if (r.s === null) {
          this.bin(resp === 3 ? '_\r\n' : '$-1\r\n');
          return;
        }
        this.header(36 /* $ */, r.s.length);
        this.bin(r.s);
        this.crlf();
        return;
      case 'array':
        if (r.items === null) {
          this.bin(resp === 3 ? '_\r\n' : '*-1\r\n');
          return;
        }
        this.header(42 /* * */, r.items.length);
        for (const it of r.items) this.reply(it, resp);
        return;
      default:
        // The RESP3 types are rare (HELLO, CONFIG GET, HGETALL...): built as a string.
        this.bin(encodeReply(r, resp));
        return;
    }
  }

  /** A command as a RESP multibulk, exactly as encodeCommand(argv). */
  command(argv: readonly string[]): void {
    this.header(42 /* * */, argv.length);
    for (let i = 0; i < argv.length; i++) {
      const s = argv[i];
      this.header(36 /* $ */, s.length);
      this.bin(s);
      this.crlf();
    }
  }

  /**
   * A copy of the bytes written so far, for the network. Up to CHUNK_MAX bytes the copy is cut
   * from a shared slab (see below); larger output gets an array of its own.
   */
  take(): Uint8Array {
    const n = this.n;
    if (n > CHUNK_MAX) return this.a.slice(0, n);
    if (slabUsed + n > SLAB_SIZE) {
      slab = new Uint8Array(SLAB_SIZE);
      slabView = new DataView(slab.buffer);
      slabUsed = 0;
    }
    const at = slabUsed;
    copyBytesWith(this.a, this.dv, 0, n, slab, slabView, at);
    slabUsed = at + n;
    return slab.subarray(at, at + n);
  }
}

/**
 * Small chunks of output are views of a shared slab: making an ArrayBuffer costs a few hundred
 * nanoseconds whatever its size, which for a pipeline's replies or its share of the replication
 * stream is more than encoding them. A slab is only ever appended to, so a chunk's bytes never
 * change after it is handed out; a full slab is left to the chunks that still refer to it.
 * (A host that moves a chunk to another thread copies the view, not its whole buffer.)
 */
const SLAB_SIZE = 64 * 1024;
const CHUNK_MAX = 4 * 1024;
let slab = new Uint8Array(SLAB_SIZE);
let slabView = new DataView(slab.buffer);
let slabUsed = 0;

/**
 * A growable byte buffer for the output of one connection during one event (a client's reply
 * buffer, a replica's share of the replication stream). Replies and commands are encoded into it
 * directly, byte for byte what encodeReply / encodeCommand produce, without building strings.
 */
import { copyBytes } from './bin';
import type { Reply } from './reply';

const CR = 13;
const LF = 10;

export class OutBuf {
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

  /** `<type><decimal>\r\n`, the header of a bulk or multibulk. */
  private header(type: number, v: number): void {
    if (this.n + 24 > this.a.length) this.grow(24);
    const a = this.a;
    a[this.n++] = type;
    if (v >= 0 && v < 10) {
      a[this.n++] = 48 + v;
    } else if (v >= 10 && v < 100) {
      a[this.n++] = 48 + ((v / 10) | 0);
      a[this.n++] = 48 + (v % 10);
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

  /** A reply, exactly as encodeReply(r). */
  reply(r: Reply): void {
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
        this.bin(':');
        this.bin(String(r.n));
        this.crlf();
        return;
      case 'bulk':
        if (r.s === null) {
          this.bin('$-1\r\n');
          return;
        }
        this.header(36 /* $ */, r.s.length);
        this.bin(r.s);
        this.crlf();
        return;
      case 'array':
        if (r.items === null) {
          this.bin('*-1\r\n');
          return;
        }
        this.header(42 /* * */, r.items.length);
        for (const it of r.items) this.reply(it);
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

  /** A copy of the bytes written so far. */
  take(): Uint8Array {
    return this.a.slice(0, this.n);
  }
}

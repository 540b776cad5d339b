/**
 * Incremental RESP2 request decoder, the server side of a connection (networking.c
 * processMultibulkBuffer / processInlineBuffer). Bytes arrive split anywhere; `next()` returns one
 * whole command, `null` when more bytes are needed, or a protocol error (after which Redis replies
 * and closes the connection). Every command carries its exact size in bytes: a replica adds that
 * to its offset and proxies those very bytes to its own replicas.
 */
import { binFromBytes } from '../../lib';
import { binOf } from './bin';

export type Decoded =
  | { readonly argv: string[]; readonly size: number; readonly inline: boolean }
  | { readonly error: string };

const CR = 13;
const LF = 10;
const PROTO_INLINE_MAX_SIZE = 64 * 1024;
const PROTO_MBULK_BIG_ARG = 512 * 1024 * 1024;
/** Command names a decoder keeps for reuse, and the longest it keeps (the longest command is 17). */
const NAMES_KEPT = 8;
const NAME_MAX = 32;

/** Split an inline command line the way sdssplitargs does ("quotes", 'quotes', \x escapes). */
export function splitArgs(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  const isSpace = (c: string) => c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\v' || c === '\f';
  const isHex = (c: string) => /^[0-9a-fA-F]$/.test(c);
  for (;;) {
    while (i < n && isSpace(line[i])) i++;
    if (i >= n) return out;
    let inq = false;
    let insq = false;
    let done = false;
    let cur = '';
    while (!done) {
      if (inq) {
        if (i >= n) return null;
        if (
          line[i] === '\\' &&
          line[i + 1] === 'x' &&
          i + 3 < n + 0 &&
          isHex(line[i + 2] ?? '') &&
          isHex(line[i + 3] ?? '')
        ) {
          cur += String.fromCharCode(Number.parseInt(line.slice(i + 2, i + 4), 16));
          i += 3;
        } else if (line[i] === '\\' && i + 1 < n) {
          i++;
          const c = line[i];
          cur += c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c === 'b' ? '\b' : c === 'a' ? '\x07' : c;
        } else if (line[i] === '"') {
          if (i + 1 < n && !isSpace(line[i + 1])) return null;
          done = true;
        } else {
          cur += line[i];
        }
      } else if (insq) {
        if (i >= n) return null;
        if (line[i] === '\\' && line[i + 1] === "'") {
          i++;
          cur += "'";
        } else if (line[i] === "'") {
          if (i + 1 < n && !isSpace(line[i + 1])) return null;
          done = true;
        } else {
          cur += line[i];
        }
      } else if (i >= n) {
        done = true;
      } else {
        const c = line[i];
        if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\0') done = true;
        else if (c === '"') inq = true;
        else if (c === "'") insq = true;
        else cur += c;
      }
      if (i < n) i++;
    }
    out.push(cur);
  }
}

/** Digits of a non-negative integer below 2^31 in decimal. */
function decimalLength(v: number): number {
  return v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : String(v).length;
}

/** Incremental decoder; owns its input buffer. */
export class RespDecoder {
  private buf = new Uint8Array(0);
  private start = 0;
  private end = 0;
  /** Don't retry parsing until at least this many bytes are buffered (a big bulk in flight). */
  private need = 0;
  /** Set by readNum: the number, the position after its CRLF, or the protocol error. */
  private numVal = 0;
  private numNext = 0;
  private numErr = '';
  /**
   * The last command next() returned was a multibulk written exactly as encodeCommand writes its
   * argv (no leading zeros, signs or other odd length headers), so its bytes can be propagated
   * as they are instead of being encoded again.
   */
  canonical = false;
  /**
   * What next() returns for a multibulk command: one object per decoder, refilled by every call
   * (a command is decoded, then run, then the next one decoded — one object is all it takes).
   */
  private readonly result: { argv: string[]; size: number; inline: false } = { argv: [], size: 0, inline: false };
  /** Command names (argv[0]) this connection sent lately, reused by nameOf. */
  private readonly names: string[] = [];
  private nextName = 0;

  /** Append received bytes. */
  push(chunk: Uint8Array): void {
    const len = this.end - this.start;
    if (this.end + chunk.length > this.buf.length) {
      const needed = len + chunk.length;
      if (needed > this.buf.length) {
        const nb = new Uint8Array(Math.max(needed, this.buf.length * 2, 4096));
        nb.set(this.buf.subarray(this.start, this.end), 0);
        this.buf = nb;
      } else {
        this.buf.copyWithin(0, this.start, this.end);
      }
      this.start = 0;
      this.end = len;
    }
    this.buf.set(chunk, this.end);
    this.end += chunk.length;
  }

  /** Give back the command next() just returned (`size` bytes): it is decoded again later. */
  unread(size: number): void {
    this.start -= size;
  }

  /** Bytes buffered and not yet consumed. */
  get pending(): number {
    return this.end - this.start;
  }

  /** Take every unconsumed byte out of the decoder (used when a link changes hands). */
  drain(): Uint8Array {
    const out = this.buf.slice(this.start, this.end);
    this.start = this.end = 0;
    this.need = 0;
    return out;
  }

  /** The raw bytes of the last `size` consumed bytes are needed by replicas; expose a slice view. */
  consumedSlice(size: number): Uint8Array {
    return this.buf.subarray(this.start - size, this.start);
  }

  /**
   * The buffer and the end of what next() consumed: the last command's bytes are
   * buffer[consumedEnd - size, consumedEnd) until the next push() or next().
   */
  get buffer(): Uint8Array {
    return this.buf;
  }
  get consumedEnd(): number {
    return this.start;
  }

  /** The last `size` consumed bytes as a byte string (what a replica proxies). */
  consumedBin(size: number): string {
    return binOf(this.buf, this.start - size, this.start);
  }

  /**
   * argv[0] of a multibulk, b[q, q + len): the same string as binOf, but when this connection
   * sent the same name lately the string made then is returned again. A connection sends few
   * distinct command names, so this saves making a string per command, and the dispatcher's
   * lookup by name finds the string's hash already computed.
   */
  private nameOf(b: Uint8Array, q: number, len: number): string {
    const names = this.names;
    search: for (let i = 0; i < names.length; i++) {
      const s = names[i];
      if (s.length !== len) continue;
      for (let j = 0; j < len; j++) if (s.charCodeAt(j) !== b[q + j]) continue search;
      return s;
    }
    const s = binOf(b, q, q + len);
    if (len <= NAME_MAX) {
      names[this.nextName] = s;
      this.nextName = (this.nextName + 1) % NAMES_KEPT;
    }
    return s;
  }

  /**
   * Decode the next whole command, or null when more bytes are needed. What it returns is valid
   * until the next call (the object is reused); its argv array is the caller's to keep.
   */
  next(): Decoded | null {
    this.canonical = false;
    if (this.start >= this.end) return null;
    if (this.need && this.end - this.start < this.need) return null;
    this.need = 0;
    return this.buf[this.start] === 42 /* '*' */ ? this.multibulk() : this.inline();
  }

  private inline(): Decoded | null {
    const b = this.buf;
    let nl = -1;
    for (let i = this.start; i < this.end; i++) {
      if (b[i] === LF) {
        nl = i;
        break;
      }
    }
    if (nl < 0) {
      if (this.end - this.start > PROTO_INLINE_MAX_SIZE) return { error: 'Protocol error: too big inline request' };
      return null;
    }
    let lineEnd = nl;
    if (lineEnd > this.start && b[lineEnd - 1] === CR) lineEnd--;
    const line = binFromBytes(b, this.start, lineEnd);
    const size = nl + 1 - this.start;
    this.start = nl + 1;
    const argv = splitArgs(line);
    if (argv === null) return { error: 'Protocol error: unbalanced quotes in request' };
    return { argv, size, inline: true };
  }

  /**
   * Read a CRLF-terminated decimal after a type byte at `p` ('*' when `mbulk`, else '$'): 1 with
   * numVal/numNext set, 0 when more bytes are needed, -1 on a protocol error (numErr).
   */
  private readNum(p: number, mbulk: boolean): number {
    const b = this.buf;
    const end = this.end;
    // Fast path: one or two digits and CRLF, all buffered (what the general loop reads too).
    const c1 = b[p + 1];
    if (c1 >= 48 && c1 <= 57 && p + 3 < end) {
      const c2 = b[p + 2];
      if (c2 === CR) {
        if (b[p + 3] === LF) {
          this.numVal = c1 - 48;
          this.numNext = p + 4;
          return 1;
        }
      } else if (c2 >= 48 && c2 <= 57 && p + 4 < end && b[p + 3] === CR && b[p + 4] === LF) {
        this.numVal = (c1 - 48) * 10 + (c2 - 48);
        this.numNext = p + 5;
        return 1;
      }
    }
    let i = p + 1;
    let neg = false;
    let v = 0;
    let digits = 0;
    for (; i < end; i++) {
      const c = b[i];
      if (c === CR) break;
      if (c === 45 && i === p + 1) {
        neg = true;
        continue;
      }
      if (c < 48 || c > 57) {
        this.numErr = mbulk ? 'Protocol error: invalid multibulk length' : 'Protocol error: invalid bulk length';
        return -1;
      }
      v = v * 10 + (c - 48);
      digits++;
    }
    if (i + 1 >= end) {
      if (end - p > PROTO_INLINE_MAX_SIZE) {
        this.numErr = mbulk
          ? 'Protocol error: too big mbulk count string'
          : 'Protocol error: too big bulk count string';
        return -1;
      }
      return 0;
    }
    if (b[i + 1] !== LF || digits === 0) {
      this.numErr = mbulk ? 'Protocol error: invalid multibulk length' : 'Protocol error: invalid bulk length';
      return -1;
    }
    this.numVal = neg ? -v : v;
    this.numNext = i + 2;
    return 1;
  }

  private multibulk(): Decoded | null {
    const b = this.buf;
    const end = this.end;
    const r = this.readNum(this.start, true);
    if (r === 0) return null;
    if (r < 0) return { error: this.numErr };
    const count = this.numVal;
    let p = this.numNext;
    if (count > 1024 * 1024) return { error: 'Protocol error: invalid multibulk length' };
    if (count <= 0) {
      const size = p - this.start;
      this.start = p;
      return { argv: [], size, inline: false };
    }
    const argv: string[] = new Array(count);
    // The size encodeCommand(argv) has: every header is at least as long as its canonical form,
    // so the command is canonical exactly when its size is this.
    let canonicalSize = 3 + decimalLength(count);
    for (let k = 0; k < count; k++) {
      if (p >= end) return null;
      if (b[p] !== 36 /* '$' */) {
        return { error: `Protocol error: expected '$', got '${String.fromCharCode(b[p])}'` };
      }
      const rn = this.readNum(p, false);
      if (rn === 0) return null;
      if (rn < 0) return { error: this.numErr };
      const len = this.numVal;
      const q = this.numNext;
      if (len < 0 || len > PROTO_MBULK_BIG_ARG) return { error: 'Protocol error: invalid bulk length' };
      if (q + len + 2 > end) {
        this.need = q + len + 2 - this.start;
        return null;
      }
      argv[k] = k === 0 ? this.nameOf(b, q, len) : binOf(b, q, q + len);
      p = q + len + 2;
      canonicalSize += 5 + decimalLength(len) + len;
    }
    const size = p - this.start;
    this.start = p;
    this.canonical = size === canonicalSize;
    const out = this.result;
    out.argv = argv;
    out.size = size;
    return out;
  }
}

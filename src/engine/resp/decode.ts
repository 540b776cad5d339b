/**
 * Incremental RESP2 request decoder, the server side of a connection (networking.c
 * processMultibulkBuffer / processInlineBuffer). Bytes arrive split anywhere; `next()` returns one
 * whole command, `null` when more bytes are needed, or a protocol error (after which Redis replies
 * and closes the connection). Every command carries its exact size in bytes: a replica adds that
 * to its offset and proxies those very bytes to its own replicas.
 *
 * It reads what real Redis reads, quirks included: length headers in string2ll's strict syntax,
 * the byte after each CR skipped whatever it is, a line's end searched as strchr searches a C
 * string (a NUL first means it is never found), counts up to a limit with nothing sized by them.
 */
import { binFromBytes } from '../../lib';
import { binOf } from './bin';

export type Decoded =
  | { readonly argv: string[]; readonly size: number; readonly inline: boolean }
  | { readonly error: string; readonly reason: string };

const CR = 13;
const LF = 10;
const PROTO_INLINE_MAX_SIZE = 64 * 1024;
/** proto-max-bulk-len's default. */
const PROTO_MAX_BULK_LEN_DEFAULT = 512 * 1024 * 1024;
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

/**
 * string2ll over b[from, to): Redis's strict integer syntax — an optional '-', then "0" alone or a
 * digit 1-9 followed by digits, nothing else (no '+', no leading zeros, no "-0", no spaces), within
 * a signed 64-bit range. NaN when it is not one.
 */
export function strictInt(b: Uint8Array, from: number, to: number): number {
  let i = from;
  if (i >= to) return Number.NaN;
  if (to - i === 1 && b[i] === 48) return 0;
  const neg = b[i] === 45;
  if (neg) i++;
  if (i >= to || b[i] < 49 || b[i] > 57) return Number.NaN;
  // 19 digits is the most a long long holds; the rare 19-digit value is checked as a BigInt.
  if (to - i > 19) return Number.NaN;
  let v = 0;
  for (let j = i; j < to; j++) {
    const c = b[j];
    if (c < 48 || c > 57) return Number.NaN;
    v = v * 10 + (c - 48);
  }
  if (to - i === 19) {
    let big = 0n;
    for (let j = i; j < to; j++) big = big * 10n + BigInt(b[j] - 48);
    if (big > (neg ? 9223372036854775808n : 9223372036854775807n)) return Number.NaN;
  }
  return neg ? -v : v;
}

/**
 * Limits the decoder applies: the largest multibulk count (7.0: INT_MAX; 4.0: 1024*1024) and the
 * largest bulk (proto-max-bulk-len; none for the master's stream in 7.0). One object is shared by
 * every client of a server, so CONFIG SET reaches them all.
 */
export interface DecoderLimits {
  maxCount: number;
  maxBulk: number;
}

const DEFAULT_LIMITS: DecoderLimits = { maxCount: 2147483647, maxBulk: PROTO_MAX_BULK_LEN_DEFAULT };

/** A protocol error: the reply (after "ERR ") and what Redis logs as the reason. */
export interface ProtocolError {
  readonly error: string;
  readonly reason: string;
}

/** The argv of no command in progress (never written to). */
const NO_ARGS: string[] = [];

const protoError = (error: string, reason: string): ProtocolError => ({ error: `Protocol error: ${error}`, reason });

/**
 * Incremental decoder; owns its input buffer. A multibulk is parsed as its bytes arrive and never
 * read twice: what has been parsed of the command in progress (its arguments, the count still to
 * come, a bulk length already read, how far a header line was searched) is kept between calls,
 * as Redis keeps multibulklen, bulklen and argv on the client. Every byte costs the same however
 * the command is cut, so parsing is linear in the bytes received.
 */
export class RespDecoder {
  private buf = new Uint8Array(0);
  /** The first byte of the command in progress (Redis's qb_pos): what is before it is consumed. */
  private start = 0;
  private end = 0;
  /** Where the command in progress continues: the next header or bulk to read. */
  private pos = 0;
  /** Arguments still to read of the multibulk in progress (0: no multibulk started). */
  private left = 0;
  /** The length of the bulk whose header was read and whose bytes have not all arrived, or -1. */
  private bulkLen = -1;
  /** Arguments read so far of the multibulk in progress, and how many. */
  private argv: string[] = NO_ARGS;
  private nargs = 0;
  /** The size encodeCommand would give what has been read so far, and whether every terminator was CRLF. */
  private canonSize = 0;
  private crlf = true;
  /** How far a line's search for its terminator got (a header or inline line split across chunks). */
  private scanFrom = 0;
  /** A NUL came before the terminator of the line being searched: that line never completes. */
  private blocked = false;
  /** Limits applied to this connection's commands. */
  limits: DecoderLimits = DEFAULT_LIMITS;
  /**
   * Bytes looked at or copied, a measure of the decoder's work that tests compare with the bytes
   * received (it must grow linearly with them however the input is split).
   */
  work = 0;
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
      const shift = this.start;
      if (needed > this.buf.length) {
        const nb = new Uint8Array(Math.max(needed, this.buf.length * 2, 4096));
        nb.set(this.buf.subarray(this.start, this.end), 0);
        this.buf = nb;
      } else {
        this.buf.copyWithin(0, this.start, this.end);
      }
      this.work += len;
      this.start = 0;
      this.end = len;
      this.pos -= shift;
      this.scanFrom -= shift;
    }
    this.buf.set(chunk, this.end);
    this.end += chunk.length;
  }

  /** Give back the command next() just returned (`size` bytes): it is decoded again later. */
  unread(size: number): void {
    this.start -= size;
    this.pos = this.scanFrom = this.start;
    this.blocked = false;
  }

  /** Bytes buffered and not yet consumed. */
  get pending(): number {
    return this.end - this.start;
  }

  /**
   * The bytes not yet parsed: from the header of a multibulk argument still to read, or from the
   * start of the command (a view, valid until the next push). After a protocol error, where it
   * was met (what Redis's log samples).
   */
  get unparsed(): Uint8Array {
    return this.buf.subarray(this.left > 0 ? this.pos : this.start, this.end);
  }

  /** Take every unconsumed byte out of the decoder (used when a link changes hands). */
  drain(): Uint8Array {
    const out = this.buf.slice(this.start, this.end);
    this.start = this.end = this.pos = this.scanFrom = 0;
    this.blocked = false;
    this.left = 0;
    this.bulkLen = -1;
    this.argv = NO_ARGS;
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

  /** The command in progress ends at `p`: consume it. */
  private finish(p: number): number {
    const size = p - this.start;
    this.start = this.pos = this.scanFrom = p;
    this.blocked = false;
    return size;
  }

  /**
   * Decode the next whole command, or null when more bytes are needed. What it returns is valid
   * until the next call (the object is reused); its argv array is the caller's to keep.
   */
  next(): Decoded | null {
    this.canonical = false;
    if (this.left > 0) return this.multibulkArgs();
    if (this.start >= this.end) return null;
    return this.buf[this.start] === 42 /* '*' */ ? this.multibulk() : this.inline();
  }

  /**
   * Find the line terminator `t` of the line starting at `from` as strchr does on Redis's query
   * buffer: the first `t`, unless a NUL comes first (the C string ends there, so such a line is
   * never complete). -1 while not found. The search resumes where the previous call stopped.
   */
  private findLine(from: number, t: number): number {
    const b = this.buf;
    const end = this.end;
    if (this.blocked) return -1;
    let i = Math.max(this.scanFrom, from);
    const begin = i;
    for (; i < end; i++) {
      const c = b[i];
      if (c === t) break;
      if (c === 0) {
        this.blocked = true;
        break;
      }
    }
    this.work += i - begin;
    if (i >= end || this.blocked) {
      this.scanFrom = end;
      return -1;
    }
    // Stay on the terminator: an incomplete CRLF is found again at once.
    this.scanFrom = i;
    return i;
  }

  private inline(): Decoded | null {
    const b = this.buf;
    const nl = this.findLine(this.start, LF);
    if (nl < 0) {
      if (this.end - this.start > PROTO_INLINE_MAX_SIZE) {
        return protoError('too big inline request', 'too big inline request');
      }
      return null;
    }
    let lineEnd = nl;
    if (lineEnd > this.start && b[lineEnd - 1] === CR) lineEnd--;
    const line = binFromBytes(b, this.start, lineEnd);
    this.work += lineEnd - this.start;
    const argv = splitArgs(line);
    // The line stays unconsumed on an error (the log samples the buffer from it).
    if (argv === null) return protoError('unbalanced quotes in request', 'unbalanced quotes in inline request');
    return { argv, size: this.finish(nl + 1), inline: true };
  }

  /**
   * A header line at `p` ('*' or '$' then digits up to a CR, and one more byte, which Redis skips
   * whatever it is): the CR's position, or -1 while the line is incomplete.
   */
  private headerEnd(p: number): number {
    const cr = this.findLine(p, CR);
    if (cr < 0 || cr + 1 >= this.end) return -1;
    return cr;
  }

  private multibulk(): Decoded | null {
    const b = this.buf;
    const p = this.start;
    // Fast path: a count of one or two digits, its CR and the byte after it buffered.
    let count = -1;
    let cr = -1;
    const c1 = b[p + 1];
    if (c1 >= 49 && c1 <= 57 && p + 3 < this.end) {
      const c2 = b[p + 2];
      if (c2 === CR) {
        count = c1 - 48;
        cr = p + 2;
      } else if (c2 >= 48 && c2 <= 57 && b[p + 3] === CR && p + 4 < this.end) {
        count = (c1 - 48) * 10 + (c2 - 48);
        cr = p + 3;
      }
    }
    if (cr < 0) {
      cr = this.headerEnd(p);
      if (cr < 0) {
        if (this.end - p > PROTO_INLINE_MAX_SIZE) {
          return protoError('too big mbulk count string', 'too big mbulk count string');
        }
        return null;
      }
      count = strictInt(b, p + 1, cr);
      if (Number.isNaN(count) || count > this.limits.maxCount) {
        return protoError('invalid multibulk length', 'invalid mbulk count');
      }
      if (count <= 0) {
        const size = this.finish(cr + 2);
        return { argv: [], size, inline: false };
      }
    }
    this.work += cr + 2 - p;
    this.crlf = b[cr + 1] === LF;
    this.canonSize = 3 + decimalLength(count);
    this.left = count;
    this.bulkLen = -1;
    // Sized as Redis sizes argv: by the count, up to 1024 (a client may announce 2^31 - 1
    // arguments and send none); beyond that it grows as arguments arrive.
    this.argv = new Array(Math.min(count, 1024));
    this.nargs = 0;
    this.pos = this.scanFrom = cr + 2;
    return this.multibulkArgs();
  }

  /** Read the arguments of the multibulk in progress, as far as they have arrived. */
  private multibulkArgs(): Decoded | null {
    const b = this.buf;
    const end = this.end;
    const argv = this.argv;
    let p = this.pos;
    let left = this.left;
    let k = this.nargs;
    let len = this.bulkLen;
    let canon = this.canonSize;
    let crlf = this.crlf;
    let work = 0;
    let err: ProtocolError | null = null;
    while (left > 0) {
      if (len < 0) {
        if (p >= end) break;
        if (b[p] !== 36 /* '$' */) {
          // Redis looks for the line's CR before it looks at the type byte.
          if (this.headerEnd(p) < 0) {
            if (end - p > PROTO_INLINE_MAX_SIZE)
              err = protoError('too big bulk count string', 'too big bulk count string');
            break;
          }
          err = protoError(`expected '$', got '${String.fromCharCode(b[p])}'`, 'expected $ but got something else');
          break;
        }
        // Fast path: one or two digits, the CR and the byte after it buffered.
        let cr = -1;
        const c1 = b[p + 1];
        if (c1 >= 48 && c1 <= 57 && p + 3 < end) {
          const c2 = b[p + 2];
          if (c2 === CR) {
            len = c1 - 48;
            cr = p + 2;
          } else if (c1 !== 48 && c2 >= 48 && c2 <= 57 && b[p + 3] === CR && p + 4 < end) {
            len = (c1 - 48) * 10 + (c2 - 48);
            cr = p + 3;
          }
        }
        if (cr < 0) {
          cr = this.headerEnd(p);
          if (cr < 0) {
            if (end - p > PROTO_INLINE_MAX_SIZE)
              err = protoError('too big bulk count string', 'too big bulk count string');
            break;
          }
          len = strictInt(b, p + 1, cr);
          if (Number.isNaN(len) || len < 0 || len > this.limits.maxBulk) {
            len = -1;
            err = protoError('invalid bulk length', 'invalid bulk length');
            break;
          }
        }
        if (b[cr + 1] !== LF) crlf = false;
        work += cr + 2 - p;
        p = cr + 2;
        this.scanFrom = p;
      }
      // The bulk and the two bytes after it (Redis skips them whatever they are).
      if (end - p < len + 2) break;
      argv[k] = k === 0 ? this.nameOf(b, p, len) : binOf(b, p, p + len);
      k++;
      work += len + 2;
      if (b[p + len] !== CR || b[p + len + 1] !== LF) crlf = false;
      canon += 5 + (len < 10 ? 1 : len < 100 ? 2 : decimalLength(len)) + len;
      p += len + 2;
      len = -1;
      left--;
    }
    this.work += work;
    this.pos = p;
    this.left = left;
    this.nargs = k;
    this.bulkLen = len;
    this.canonSize = canon;
    this.crlf = crlf;
    if (err !== null) return err;
    if (left > 0) {
      this.scanFrom = Math.max(this.scanFrom, p);
      return null;
    }
    const size = this.finish(p);
    this.canonical = crlf && size === canon;
    const out = this.result;
    out.argv = argv;
    out.size = size;
    this.argv = NO_ARGS;
    return out;
  }
}

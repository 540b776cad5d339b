/**
 * LZF, the compression RDB uses for long strings and packed blobs (`rdbcompression yes`).
 *
 * Format: a sequence of chunks. A control byte below 32 starts a literal run of (ctrl + 1) bytes
 * that follow verbatim. Otherwise it is a back reference: the top 3 bits hold (length - 2), where 7
 * means "add the next byte", and the low 5 bits with one more byte give (distance - 1) into the
 * output produced so far (up to 8192 back); references may overlap the bytes they produce.
 *
 * The compressor is greedy with a one-entry hash table of 2^16 slots indexed by the next three
 * bytes, and after each match rehashes only the last two positions it covered. That is the choice
 * liblzf makes when built as Redis builds it, so for the same input this produces the same bytes,
 * which keeps RDB sizes equal to a real server's. Position 0 of the input is never used as a
 * match source (liblzf stores it as a zero offset, which reads back as "empty slot").
 */

const HLOG = 16;
const HSIZE = 1 << HLOG;
const MAX_LIT = 1 << 5;
const MAX_OFF = 1 << 13;
const MAX_REF = (1 << 8) + (1 << 3);

/**
 * Hash slots, shared by all calls and never cleared: each call numbers its input positions from a
 * fresh base above every number used before, so entries left by earlier calls read as "before the
 * start" and are ignored, as an empty table would be.
 */
const htab = new Uint32Array(HSIZE);
let nextBase = 1;

/** Slot of the 3-byte window whose value (first byte highest) is `h`. */
const idx = (h: number): number => ((h >>> 8) - h * 5) & (HSIZE - 1);

/**
 * Compress `input[inStart, inEnd)` into `out[outStart, outStart + outLen)`.
 * Returns the compressed size, or 0 when it would not fit in `outLen` bytes (RDB passes
 * `outLen = length - 4`: compression must save at least four bytes to be used).
 */
export function lzfCompressInto(
  input: Uint8Array,
  inStart: number,
  inEnd: number,
  out: Uint8Array,
  outStart: number,
  outLen: number,
): number {
  if (inEnd <= inStart || outLen <= 0) return 0;
  if (nextBase + (inEnd - inStart) >= 0xffffffff) {
    htab.fill(0);
    nextBase = 1;
  }
  // Table value v stands for input position v - vbase; position 0 is stored as vbase itself and
  // (like liblzf's zero offset) is never matched.
  const vbase = nextBase - inStart;
  nextBase += inEnd - inStart + 1;
  const minValid = vbase + inStart;
  const outEnd = outStart + outLen;
  let ip = inStart;
  let op = outStart;
  let lit = 0;
  op++; // room for the first literal run's control byte

  let hval = (input[ip] << 8) | input[ip + 1];
  while (ip < inEnd - 2) {
    hval = ((hval << 8) | input[ip + 2]) & 0xffffff;
    const slot = idx(hval);
    const v = htab[slot];
    htab[slot] = vbase + ip;
    const refPos = v - vbase;
    let off: number;
    if (
      v > minValid &&
      refPos < ip &&
      (off = ip - refPos - 1) < MAX_OFF &&
      input[refPos + 2] === input[ip + 2] &&
      input[refPos] === input[ip] &&
      input[refPos + 1] === input[ip + 1]
    ) {
      let len = 2;
      let maxlen = inEnd - ip - len;
      if (maxlen > MAX_REF) maxlen = MAX_REF;

      if (op + 3 + 1 >= outEnd && op - (lit === 0 ? 1 : 0) + 3 + 1 >= outEnd) return 0;

      out[op - lit - 1] = lit - 1; // close the literal run
      if (lit === 0) op--; // (or take back its unused control byte)

      // Extend the match. The first sixteen bytes are compared without the length bound, so a
      // match near the end can run one past `maxlen` (never past the input), as liblzf's does.
      let done = false;
      if (maxlen > 16) {
        for (let k = 0; k < 16; k++) {
          len++;
          if (input[refPos + len] !== input[ip + len]) {
            done = true;
            break;
          }
        }
      }
      if (!done) {
        do len++;
        while (len < maxlen && input[refPos + len] === input[ip + len]);
      }

      len -= 2; // now (match length - 2)... encoded as such
      ip++;

      if (len < 7) {
        out[op++] = (off >>> 8) + (len << 5);
      } else {
        out[op++] = (off >>> 8) + (7 << 5);
        out[op++] = len - 7;
      }
      out[op++] = off & 0xff;

      lit = 0;
      op++; // start a new literal run

      ip += len + 1;
      if (ip >= inEnd - 2) break;

      // Rehash the last two positions of the match.
      ip -= 2;
      hval = (input[ip] << 8) | input[ip + 1];
      hval = ((hval << 8) | input[ip + 2]) & 0xffffff;
      htab[idx(hval)] = vbase + ip;
      ip++;
      hval = ((hval << 8) | input[ip + 2]) & 0xffffff;
      htab[idx(hval)] = vbase + ip;
      ip++;
    } else {
      if (op >= outEnd) return 0;
      lit++;
      out[op++] = input[ip++];
      if (lit === MAX_LIT) {
        out[op - lit - 1] = lit - 1;
        lit = 0;
        op++;
      }
    }
  }

  if (op + 3 > outEnd) return 0; // at most three more bytes follow

  while (ip < inEnd) {
    lit++;
    out[op++] = input[ip++];
    if (lit === MAX_LIT) {
      out[op - lit - 1] = lit - 1;
      lit = 0;
      op++;
    }
  }
  out[op - lit - 1] = lit - 1;
  if (lit === 0) op--;
  return op - outStart;
}

/**
 * Compress `input`; `null` when the result would exceed `maxOut` bytes (default: no limit beyond
 * LZF's worst case, about 1/32 larger than the input).
 */
export function lzfCompress(input: Uint8Array, maxOut?: number): Uint8Array | null {
  const limit = maxOut ?? input.length + (input.length >>> 5) + 4;
  // A few spare bytes: the final literal bytes are written before the last bound check bites.
  const out = new Uint8Array(limit + 4);
  const n = lzfCompressInto(input, 0, input.length, out, 0, limit);
  return n === 0 ? null : out.slice(0, n);
}

/** Thrown by {@link lzfDecompress} on malformed input. */
export class LzfError extends Error {
  override name = 'LzfError';
}

/**
 * Decompress `input[inStart, inEnd)`, which must expand to exactly `outLen` bytes.
 * @throws LzfError when the data is malformed or does not expand to `outLen` bytes.
 */
export function lzfDecompress(input: Uint8Array, outLen: number, inStart = 0, inEnd = input.length): Uint8Array {
  const out = new Uint8Array(outLen);
  let ip = inStart;
  let op = 0;
  while (ip < inEnd) {
    const ctrl = input[ip++];
    if (ctrl < 32) {
      const n = ctrl + 1;
      if (op + n > outLen) throw new LzfError('LZF literal run overflows the output');
      if (ip + n > inEnd) throw new LzfError('LZF literal run overflows the input');
      for (let k = 0; k < n; k++) out[op++] = input[ip++];
    } else {
      let len = ctrl >>> 5;
      if (len === 7) {
        if (ip >= inEnd) throw new LzfError('LZF input truncated');
        len += input[ip++];
      }
      if (ip >= inEnd) throw new LzfError('LZF input truncated');
      const ref = op - ((ctrl & 0x1f) << 8) - 1 - input[ip++];
      len += 2;
      if (op + len > outLen) throw new LzfError('LZF back reference overflows the output');
      if (ref < 0) throw new LzfError('LZF back reference points before the start');
      if (len > 32 && op - ref >= len) {
        out.copyWithin(op, ref, ref + len);
        op += len;
      } else {
        // Byte by byte: the reference may overlap what it produces.
        for (let k = 0; k < len; k++) out[op++] = out[ref + k];
      }
    }
  }
  if (op !== outLen) throw new LzfError(`LZF data expands to ${op} bytes, expected ${outLen}`);
  return out;
}

/**
 * CRC-64/Jones, the checksum that closes every RDB file (and that DEBUG DIGEST-less tools use to
 * validate dumps): reflected, polynomial 0xad93d23594c935a9, initial value 0, no final xor. The
 * check value of "123456789" is 0xe9c6d914c4b8d9ca.
 *
 * JS has no fast 64-bit integers, so the register is kept as two 32-bit halves and the input is
 * consumed eight bytes at a time through eight 256-entry tables ("slice-by-8"); a 25 MB file
 * checksums in a few tens of milliseconds.
 */

/** The polynomial bit-reversed, as a reflected CRC shifts right. */
const POLY_REFLECTED = (() => {
  const p = 0xad93d23594c935a9n;
  let r = 0n;
  for (let i = 0n; i < 64n; i++) if ((p >> i) & 1n) r |= 1n << (63n - i);
  return r;
})();

/** Tables T0..T7, low and high halves: entry k*256+n of LO/HI is table k at byte n. */
const LO = new Uint32Array(8 * 256);
const HI = new Uint32Array(8 * 256);
(() => {
  const pLo = Number(POLY_REFLECTED & 0xffffffffn);
  const pHi = Number(POLY_REFLECTED >> 32n);
  for (let n = 0; n < 256; n++) {
    let lo = n;
    let hi = 0;
    for (let b = 0; b < 8; b++) {
      const carry = lo & 1;
      lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
      hi >>>= 1;
      if (carry) {
        lo = (lo ^ pLo) >>> 0;
        hi = (hi ^ pHi) >>> 0;
      }
    }
    LO[n] = lo;
    HI[n] = hi;
  }
  for (let k = 1; k < 8; k++) {
    for (let n = 0; n < 256; n++) {
      const pl = LO[(k - 1) * 256 + n];
      const ph = HI[(k - 1) * 256 + n];
      const i = pl & 0xff;
      LO[k * 256 + n] = (((pl >>> 8) | (ph << 24)) ^ LO[i]) >>> 0;
      HI[k * 256 + n] = ((ph >>> 8) ^ HI[i]) >>> 0;
    }
  }
})();

/** An incremental CRC-64 register (for checksumming a file written or received in pieces). */
export class Crc64 {
  /** Low 32 bits of the register. */
  lo = 0;
  /** High 32 bits of the register. */
  hi = 0;

  /** Feed `data[start, end)`. */
  update(data: Uint8Array, start = 0, end = data.length): this {
    let lo = this.lo;
    let hi = this.hi;
    let i = start;
    // Byte-at-a-time until the rest is a multiple of 8.
    while (i < end && (end - i) & 7) {
      const t = (lo ^ data[i++]) & 0xff;
      lo = ((lo >>> 8) | (hi << 24)) ^ LO[t];
      hi = (hi >>> 8) ^ HI[t];
    }
    // Two little-endian words per step through a DataView: one load each instead of four bytes
    // shifted together (about a tenth faster on a 25 MB file).
    const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
    while (i < end) {
      const a = lo ^ dv.getInt32(i, true);
      const b = hi ^ dv.getInt32(i + 4, true);
      i += 8;
      lo =
        LO[1792 + (a & 0xff)] ^
        LO[1536 + ((a >>> 8) & 0xff)] ^
        LO[1280 + ((a >>> 16) & 0xff)] ^
        LO[1024 + (a >>> 24)] ^
        LO[768 + (b & 0xff)] ^
        LO[512 + ((b >>> 8) & 0xff)] ^
        LO[256 + ((b >>> 16) & 0xff)] ^
        LO[b >>> 24];
      hi =
        HI[1792 + (a & 0xff)] ^
        HI[1536 + ((a >>> 8) & 0xff)] ^
        HI[1280 + ((a >>> 16) & 0xff)] ^
        HI[1024 + (a >>> 24)] ^
        HI[768 + (b & 0xff)] ^
        HI[512 + ((b >>> 8) & 0xff)] ^
        HI[256 + ((b >>> 16) & 0xff)] ^
        HI[b >>> 24];
    }
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
    return this;
  }

  /** The register as a 64-bit unsigned value. */
  value(): bigint {
    return (BigInt(this.hi) << 32n) | BigInt(this.lo);
  }

  /** Store the register little-endian (as it trails an RDB file) at `out[off, off+8)`. */
  writeLE(out: Uint8Array, off: number): void {
    const { lo, hi } = this;
    out[off] = lo & 0xff;
    out[off + 1] = (lo >>> 8) & 0xff;
    out[off + 2] = (lo >>> 16) & 0xff;
    out[off + 3] = lo >>> 24;
    out[off + 4] = hi & 0xff;
    out[off + 5] = (hi >>> 8) & 0xff;
    out[off + 6] = (hi >>> 16) & 0xff;
    out[off + 7] = hi >>> 24;
  }
}

/** CRC-64/Jones of `data[start, end)`. */
export function crc64(data: Uint8Array, start = 0, end = data.length): bigint {
  return new Crc64().update(data, start, end).value();
}

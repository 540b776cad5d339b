/**
 * Bytes the hot path copies. `binOf` (a byte range as a byte string, tuned for short keys and
 * values) lives in lib/bytes.ts, which every layer may use; it is re-exported here for the engine.
 */
export { binOf } from '../../lib';

/** DataViews of the last two source arrays copied from (a master's encode buffer, a decoder's buffer). */
let srcA: Uint8Array | null = null;
let dvA: DataView | null = null;
let srcB: Uint8Array | null = null;
let dvB: DataView | null = null;

function viewOf(u: Uint8Array): DataView {
  if (u === srcA) return dvA!;
  if (u === srcB) {
    const dv = dvB!;
    srcB = srcA;
    dvB = dvA;
    srcA = u;
    dvA = dv;
    return dv;
  }
  srcB = srcA;
  dvB = dvA;
  srcA = u;
  dvA = new DataView(u.buffer, u.byteOffset, u.byteLength);
  return dvA;
}

/**
 * dst[at…] = src[start, end), `ddv` being a DataView of `dst`. The copies of single commands
 * (tens of bytes) move four bytes at a time through DataViews, which is several times faster
 * than a byte loop and than subarray()+set() at that size; long ranges use set().
 */
export function copyBytes(
  src: Uint8Array,
  start: number,
  end: number,
  dst: Uint8Array,
  ddv: DataView,
  at: number,
): void {
  if (end - start < 8) {
    for (let i = start; i < end; i++) dst[at++] = src[i];
    return;
  }
  copyBytesWith(src, viewOf(src), start, end, dst, ddv, at);
}

/** copyBytes when the caller also has a DataView of `src` (`sdv`). */
export function copyBytesWith(
  src: Uint8Array,
  sdv: DataView,
  start: number,
  end: number,
  dst: Uint8Array,
  ddv: DataView,
  at: number,
): void {
  if (end - start >= 256) {
    dst.set(src.subarray(start, end), at);
    return;
  }
  let i = start;
  const stop = end - 3;
  for (; i < stop; i += 4, at += 4) ddv.setUint32(at, sdv.getUint32(i));
  for (; i < end; i++) dst[at++] = src[i];
}

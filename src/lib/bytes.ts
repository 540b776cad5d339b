/**
 * Byte strings. Redis keys and values are binary; inside the engine they are JS strings whose
 * every char code is one byte (0–255), "latin1 strings". They index Maps cheaply, compare with
 * ===, and concatenate fast; they become Uint8Array only at the wire. Text typed by a person is
 * UTF-8 encoded first (`utf8ToBin`), exactly as redis-cli would send it.
 */

/** Uint8Array → byte string. */
export function binFromBytes(b: Uint8Array, start = 0, end = b.length): string {
  const n = end - start;
  if (n <= 0) return '';
  if (n < 64) {
    let s = '';
    for (let i = start; i < end; i++) s += String.fromCharCode(b[i]);
    return s;
  }
  let s = '';
  const CH = 8192;
  for (let i = start; i < end; i += CH) {
    s += String.fromCharCode.apply(null, b.subarray(i, Math.min(end, i + CH)) as unknown as number[]);
  }
  return s;
}

/** Byte string → Uint8Array. */
export function bytesFromBin(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** A JS (UTF-16) string → its UTF-8 bytes as a byte string. */
export function utf8ToBin(text: string): string {
  // Fast path: pure ASCII is already its own UTF-8.
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return text;
  return binFromBytes(new TextEncoder().encode(text));
}

/** A byte string holding UTF-8 → a JS string (invalid sequences become U+FFFD). */
export function binToUtf8(bin: string): string {
  for (let i = 0; i < bin.length; i++) {
    if (bin.charCodeAt(i) > 0x7f) return new TextDecoder().decode(bytesFromBin(bin));
  }
  return bin;
}

/** Concatenate byte arrays. */
export function concatBytes(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

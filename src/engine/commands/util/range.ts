/**
 * Index ranges as LRANGE and ZRANGE read them (addListRangeReply / genericZrangebyrankCommand):
 * negative indexes count from the end, start is clamped at 0, end at the last element, and an
 * empty range is reported as null.
 */

/** Normalise inclusive [start, end] over `len` items; null when the range selects nothing. */
export function normalizeRange(start: number, end: number, len: number): [number, number] | null {
  let s = start < 0 ? len + start : start;
  let e = end < 0 ? len + end : end;
  if (s < 0) s = 0;
  if (s > e || s >= len) return null;
  if (e >= len) e = len - 1;
  return [s, e];
}

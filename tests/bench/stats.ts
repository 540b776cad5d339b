/** Small numeric helpers shared by the bench sections (run.ts, page.ts). */

/** The median of `xs` (NaN when empty). */
export const median = (xs: number[]): number => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** `x` rounded to `d` decimals. */
export const round = (x: number, d = 0): number => Math.round(x * 10 ** d) / 10 ** d;

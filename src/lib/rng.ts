/**
 * Seeded randomness. Replication IDs, run ids, pids, ephemeral ports and the EOF marks of diskless
 * transfers all come from an Rng handed in by the host, so a seeded run replays byte for byte.
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
}

/** sfc32-style generator seeded through splitmix32: fast, small state, good enough spread. */
export function seededRng(seed: number): Rng {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  return {
    next() {
      const t = (((a + b) >>> 0) + d) >>> 0;
      d = (d + 1) >>> 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) >>> 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) >>> 0;
      return t / 4294967296;
    },
  };
}

/** An integer in [lo, hi]. */
export function randInt(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng.next() * (hi - lo + 1));
}

const HEX = '0123456789abcdef';

/** `n` random lowercase hex characters: the shape of a Redis replication ID or run id. */
export function randomHex(rng: Rng, n = 40): string {
  let out = '';
  for (let i = 0; i < n; i++) out += HEX[Math.floor(rng.next() * 16)];
  return out;
}

/**
 * The random generator Redis gives scripts in place of Lua's math.random: the rand48 linear
 * congruential generator (X' = 0x5DEECE66D·X + 0xB mod 2^48), not reseeded by 7.0 (one sequence
 * across all scripts, as Redis's process-wide state) and reseeded with 0 before every script by 4.0,
 * which replicates whole scripts and needs every replica to draw the same numbers. math.random()
 * maps the draw to [0,1); math.random(m) to 1..m; math.random(m, n) to m..n, as Lua 5.1 does.
 */

const A = 0x5deece66dn;
const MASK = (1n << 48n) - 1n;
/** REDIS_LRAND48_MAX: INT32_MAX. */
const LRAND48_MAX = 2147483647;

export class Rand48 {
  /** The state before any seeding (rand.c's X0, X1, X2). */
  private x = 0x1234abcd330en;

  /** srand48(seed): the high 32 bits from the seed, the low 16 bits 0x330E. */
  seed(s: number): void {
    this.x = ((BigInt(s) & 0xffffffffn) << 16n) | 0x330en;
  }

  /** lrand48(): the next 31-bit value. */
  next(): number {
    this.x = (A * this.x + 0xbn) & MASK;
    return Number(this.x >> 17n);
  }

  /** The [0,1) draw math.random builds on ((lrand48() % MAX) / MAX). */
  unit(): number {
    return (this.next() % LRAND48_MAX) / LRAND48_MAX;
  }
}

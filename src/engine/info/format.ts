/**
 * What every INFO section shares: the `name:value` line and Redis's number formats (bytesToHuman,
 * printf's %.2f). A section is its `# Title` line and its fields, each line ending in CRLF.
 */

/** One section's lines, without line ends. */
export class Section {
  readonly lines: string[];
  constructor(title: string) {
    this.lines = [`# ${title}`];
  }
  /** A `name:value` field. */
  add(name: string, value: string | number): void {
    this.lines.push(`${name}:${value}`);
  }
  /** A line with its own `name:k=v,...` layout (slaveN, dbN, cmdstat_*). */
  line(s: string): void {
    this.lines.push(s);
  }
  toString(): string {
    return `${this.lines.join('\r\n')}\r\n`;
  }
}

/** printf("%.2f"). */
export const fixed2 = (x: number): string => x.toFixed(2);

/** bytesToHuman: 100B, 1.50K, 2.00M, ... (powers of 1024, two decimals above bytes). */
export function bytesToHuman(n: number): string {
  if (n < 1024) return `${n}B`;
  const units = ['K', 'M', 'G', 'T', 'P'];
  let d = n / 1024;
  for (const u of units) {
    if (d < 1024 || u === 'P') return `${d.toFixed(2)}${u}`;
    d /= 1024;
  }
  return `${n}B`;
}

/** A CPU time in µs as 7.0 prints it (`%ld.%06ld` of a timeval): seconds, six digits of µs. */
export function timeval(us: number): string {
  const u = Math.floor(us);
  return `${Math.floor(u / 1_000_000)}.${String(u % 1_000_000).padStart(6, '0')}`;
}

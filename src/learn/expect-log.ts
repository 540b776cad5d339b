/**
 * ```expect-log blocks: the log lines a reader should now see. One pattern per line; blank lines
 * and lines starting with `#` are skipped. A line may start with `[PORT]` (or `[HOST:PORT]`) to
 * say which node logs it; without it, any node's line will do. The rest is matched against the
 * whole log line as Redis prints it (`pid:role date time level message`): it must occur in it,
 * where `…` stands for any run of characters (so a line copied from a log with its pid and time
 * replaced by `…` matches, and so does just its message). Matching is exact otherwise — case and
 * spaces included — because the point is to show Redis's own wording.
 */
import type { LearnError } from './markdown-blocks';

export interface ExpectLine {
  readonly line: number;
  /** Node name ("127.0.0.1:6380") or null for any node. */
  readonly node: string | null;
  /** The pattern as written (after the node prefix). */
  readonly pattern: string;
  readonly re: RegExp;
}

/** The node name a port or HOST:PORT token means in the playground. */
export function nodeName(token: string): string | null {
  const m = /^(?:([^\s:]+):)?(\d{1,5})$/.exec(token);
  if (!m) return null;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return null;
  return `${m[1] ?? '127.0.0.1'}:${port}`;
}

/** A pattern with `…` wildcards as an unanchored regular expression. */
export function patternRegExp(pattern: string): RegExp {
  const parts = pattern.split('…').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(parts.join('.*?'));
}

/** Parse an expect-log block whose first content line is `firstLine`. */
export function parseExpectLog(
  text: string,
  firstLine: number,
  ports: readonly number[],
  errors: LearnError[],
): ExpectLine[] {
  const out: ExpectLine[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = firstLine + i;
    const t = raw.trim();
    if (t === '' || t.startsWith('#')) return;
    let node: string | null = null;
    let pattern = t;
    const m = /^\[([^\]]+)\]\s*(.*)$/.exec(t);
    if (m) {
      node = nodeName(m[1]);
      if (node === null || !ports.some((p) => node === `127.0.0.1:${p}`)) {
        errors.push({ line, message: `expect-log: [${m[1]}] is not a node of this playground (${ports.join(' ')})` });
        return;
      }
      pattern = m[2];
    }
    if (pattern.replace(/…/g, '').trim() === '') {
      errors.push({ line, message: 'expect-log: an empty pattern would match any line' });
      return;
    }
    out.push({ line, node, pattern, re: patternRegExp(pattern) });
  });
  return out;
}

/** A log line as the playground reports it. */
export interface LogEntry {
  readonly node: string;
  readonly line: string;
}

/** Index of the first entry (from `from`) the expectation matches, or -1. */
export function findExpected(e: ExpectLine, logs: readonly LogEntry[], from = 0): number {
  for (let i = from; i < logs.length; i++) {
    const l = logs[i];
    if ((e.node === null || l.node === e.node) && e.re.test(l.line)) return i;
  }
  return -1;
}

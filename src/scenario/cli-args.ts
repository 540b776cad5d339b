/**
 * Splitting a line typed into a redis-cli console into the command's arguments, by redis-cli 7.0's
 * rules (sdssplitargs), and the console's own handling of the line (empty lines, the repeat count).
 *
 * The typed text is UTF-8 encoded first, so every argument is a byte string (one char per byte)
 * exactly as redis-cli would send it. Rules, byte by byte:
 * - arguments are separated by whitespace (space, \t, \n, \r, \v, \f); an unquoted argument ends
 *   at a space, \t, \n or \r (a \v or \f inside one is kept);
 * - "double quotes": `\xHH` (two hex digits) is that byte; `\n` `\r` `\t` `\b` `\a` are the control
 *   bytes; a backslash before any other character is that character (`\"`, `\\`, `\q` → `q`);
 * - 'single quotes': everything literal except `\'`, which is a quote;
 * - a quote may open in the middle of an argument (`ab"c d"` is `abc d`), but a closing quote must
 *   be followed by whitespace or the end of the line;
 * - an unterminated quote, or a closing quote followed by anything else, makes the whole line
 *   invalid: redis-cli sends nothing and prints `Invalid argument(s)`.
 * A line cannot hold a NUL byte in redis-cli (C strings), so the text is cut at the first one.
 */
import { utf8ToBin } from '../lib/bytes';

export const INVALID_ARGUMENTS = 'Invalid argument(s)';
export const INVALID_REPEAT = 'Invalid redis-cli repeat command option value.';

export type SplitResult =
  | { readonly ok: true; readonly argv: string[] }
  | { readonly ok: false; readonly error: string };

/** isspace() in the C locale. */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

function hexVal(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', a: '\x07' };

/** Split a console line into argv (byte strings). Never throws. */
export function splitCliArgs(line: string): SplitResult {
  let s = utf8ToBin(line);
  const nul = s.indexOf('\0');
  if (nul >= 0) s = s.slice(0, nul);
  const n = s.length;
  const code = (i: number) => (i < n ? s.charCodeAt(i) : 0);
  const invalid: SplitResult = { ok: false, error: INVALID_ARGUMENTS };
  const argv: string[] = [];
  let i = 0;
  for (;;) {
    while (i < n && isSpace(code(i))) i++;
    if (i >= n) return { ok: true, argv };
    let cur = '';
    let mode: 'plain' | 'double' | 'single' = 'plain';
    for (;;) {
      const c = code(i);
      if (mode === 'double') {
        if (i >= n) return invalid; // unterminated "
        if (c === 0x5c && code(i + 1) === 0x78 && hexVal(code(i + 2)) >= 0 && hexVal(code(i + 3)) >= 0) {
          cur += String.fromCharCode(hexVal(code(i + 2)) * 16 + hexVal(code(i + 3)));
          i += 4;
        } else if (c === 0x5c && i + 1 < n) {
          const e = s[i + 1];
          cur += ESCAPES[e] ?? e;
          i += 2;
        } else if (c === 0x22) {
          if (i + 1 < n && !isSpace(code(i + 1))) return invalid; // "foo"bar
          i++;
          break;
        } else {
          cur += s[i];
          i++;
        }
      } else if (mode === 'single') {
        if (i >= n) return invalid; // unterminated '
        if (c === 0x5c && code(i + 1) === 0x27) {
          cur += "'";
          i += 2;
        } else if (c === 0x27) {
          if (i + 1 < n && !isSpace(code(i + 1))) return invalid; // 'foo'bar
          i++;
          break;
        } else {
          cur += s[i];
          i++;
        }
      } else {
        if (i >= n) break;
        if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
          i++;
          break;
        }
        if (c === 0x22) mode = 'double';
        else if (c === 0x27) mode = 'single';
        else cur += s[i];
        i++;
      }
    }
    argv.push(cur);
  }
}

/** What the console does with one typed line. */
export type ConsoleLine =
  /** Nothing to send (an empty or all-blank line); redis-cli prints nothing. */
  | { readonly kind: 'empty' }
  /** redis-cli refuses the line and prints `message` (one line) instead of sending anything. */
  | { readonly kind: 'invalid'; readonly message: string }
  /** Send `argv` `repeat` times, printing each reply. */
  | { readonly kind: 'command'; readonly argv: string[]; readonly repeat: number };

const LONG_MAX = 2n ** 63n - 1n;

/**
 * A console line as redis-cli's prompt handles it: split into arguments, then a leading number
 * followed by more arguments is a repeat count (`3 INCR n` sends INCR three times; a count that is
 * zero, negative or out of range is refused). Console-only commands (QUIT, HELP, CONNECT, CLEAR,
 * :set) are not interpreted here: they come back as ordinary commands.
 */
export function parseConsoleLine(line: string): ConsoleLine {
  const split = splitCliArgs(line);
  if (!split.ok) return { kind: 'invalid', message: split.error };
  const argv = split.argv;
  if (argv.length === 0) return { kind: 'empty' };
  if (argv.length > 1) {
    // strtol(argv[0], &end, 10) consuming the whole argument. An empty argv[0] counts as the number
    // 0 (strtol stops at once and the end pointer is already at the terminating NUL).
    const m = /^[\t\n\v\f\r ]*([+-]?\d+)$/.exec(argv[0]);
    if (argv[0] === '' || m) {
      const v = m ? BigInt(m[1]) : 0n;
      if (v <= 0n || v > LONG_MAX) return { kind: 'invalid', message: INVALID_REPEAT };
      return { kind: 'command', argv: argv.slice(1), repeat: Number(v) };
    }
  }
  return { kind: 'command', argv, repeat: 1 };
}

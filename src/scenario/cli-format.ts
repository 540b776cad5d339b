/**
 * How redis-cli 7.0 prints a reply in an interactive terminal session (its default "standard"
 * output mode on a TTY; `redis-cli --no-raw` gives the same output without a TTY).
 *
 * Two renderings exist, chosen per command by redis-cli itself:
 *
 * - the human rendering, for almost every command: `OK`, `"bar"` (a C-style quoted repr of the bulk
 *   bytes), `(integer) 1`, `(nil)`, `(empty array)`, `(error) ERR ...`, and arrays as numbered
 *   lines `1) ...` whose numbers are right-aligned to the width of the largest index; a nested array
 *   starts on its parent's line and its further lines are indented by the parent's prefix plus
 *   (index width + 2) spaces;
 * - the verbatim rendering, for the commands whose reply is text meant to be read as-is (INFO,
 *   CLIENT LIST, LOLWUT, ... see `isRawOutputCommand`): the bulk text exactly as the server sent it
 *   (CRLF line ends included, no newline added), an error as its bare message plus a newline (no
 *   `(error) ` prefix), an integer as its digits, nil as nothing at all, and array elements joined
 *   by newlines.
 *
 * Verified against redis-cli 7.0.15 (see tests/scenario/cli-format.test.ts for the captured output).
 * After HELLO 3 the RESP3 types show as redis-cli 7.0 shows them: a map's entries as
 * `1# "key" => value`, a set's as `1~ "member"`, `(double) 1.5`, a verbatim string raw, and empty
 * ones as `(empty hash)` / `(empty set)` / `(empty push)`.
 */
import type { Reply } from '../engine/resp/reply';
import { binToUtf8 } from '../lib/bytes';

/** ASCII-only lowercase, like the comparisons strcasecmp makes on byte strings. */
function lower(s: string | undefined): string {
  return s === undefined ? '' : s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

/**
 * Whether redis-cli prints the reply to this command (argv as typed, after the optional repeat
 * count) verbatim instead of in the human rendering. The list is redis-cli 7.0's own.
 */
export function isRawOutputCommand(argv: readonly string[]): boolean {
  const argc = argv.length;
  if (argc === 0) return false;
  const cmd = lower(argv[0]);
  const sub = lower(argv[1]);
  if (cmd === 'info' || cmd === 'lolwut') return true;
  if (argc >= 2 && cmd === 'debug' && (sub === 'htstats' || sub === 'htstats-key' || sub === 'client-eviction'))
    return true;
  if (argc >= 2 && cmd === 'memory' && (sub === 'malloc-stats' || sub === 'doctor')) return true;
  if (argc === 2 && cmd === 'cluster' && (sub === 'nodes' || sub === 'info')) return true;
  if (argc >= 2 && cmd === 'client' && (sub === 'list' || sub === 'info')) return true;
  if (argc === 3 && cmd === 'latency' && sub === 'graph') return true;
  if (argc === 2 && cmd === 'latency' && sub === 'doctor') return true;
  if (argc >= 2 && cmd === 'proxy' && sub === 'info') return true;
  return false;
}

/** The byte string quoted the way redis-cli shows a bulk string (sds's repr escaping). */
export function quoteBulk(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const b = s.charCodeAt(i) & 0xff;
    switch (b) {
      case 0x5c:
        out += '\\\\';
        break;
      case 0x22:
        out += '\\"';
        break;
      case 0x0a:
        out += '\\n';
        break;
      case 0x0d:
        out += '\\r';
        break;
      case 0x09:
        out += '\\t';
        break;
      case 0x07:
        out += '\\a';
        break;
      case 0x08:
        out += '\\b';
        break;
      default:
        // Printable in the C locale: 0x20..0x7e. Everything else, including every byte >= 0x80, as \xNN.
        out += b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
    }
  }
  return `${out}"`;
}

/** A status or error text printed through C's `%s`: it ends at the first NUL byte. */
function cText(s: string): string {
  const z = s.indexOf('\0');
  return z < 0 ? s : s.slice(0, z);
}

function intText(n: number | bigint): string {
  if (typeof n === 'bigint') return n.toString();
  return Number.isSafeInteger(n) ? String(n) : Number.isInteger(n) ? BigInt(n).toString() : String(Math.trunc(n));
}

const EMPTY = { array: '(empty array)\n', map: '(empty hash)\n', set: '(empty set)\n', push: '(empty push)\n' };

function human(r: Reply, prefix: string): string {
  switch (r.t) {
    case 'error':
      return `(error) ${cText(r.s)}\n`;
    case 'status':
      return `${cText(r.s)}\n`;
    case 'int':
      return `(integer) ${intText(r.n)}\n`;
    case 'bulk':
      return r.s === null ? '(nil)\n' : `${quoteBulk(r.s)}\n`;
    case 'double':
      return `(double) ${r.s}\n`;
    case 'verbatim':
      return `${r.s}\n`;
    case 'bool':
      return r.b ? '(true)\n' : '(false)\n';
    case 'bignum':
      return `(big number) ${r.s}\n`;
    case 'attr':
      return human(r.reply, prefix);
    case 'array':
    case 'set':
    case 'push':
    case 'map': {
      const items = r.items;
      if (items === null) return '(nil)\n'; // *-1 reaches redis-cli as a nil
      if (items.length === 0) return EMPTY[r.t];
      const isMap = r.t === 'map';
      const sep = r.t === 'set' ? '~' : isMap ? '#' : ')';
      const width = String(isMap ? items.length / 2 : items.length).length;
      const inner = prefix + ' '.repeat(width + 2);
      let out = '';
      for (let i = 0; i < items.length; i += isMap ? 2 : 1) {
        const idx = isMap ? i / 2 : i;
        // The first element goes right after the parent's own "N) " marker, the others start a line.
        out += `${i === 0 ? '' : prefix}${String(idx + 1).padStart(width, ' ')}${sep} ${human(items[i], inner)}`;
        // A map's value follows its key on the same line.
        if (isMap) out = `${out.slice(0, -1)} => ${human(items[i + 1], inner)}`;
      }
      return out;
    }
  }
}

function verbatim(r: Reply): string {
  switch (r.t) {
    case 'error':
      return `${r.s}\n`;
    case 'status':
      return r.s;
    case 'bulk':
      return r.s ?? '';
    case 'int':
      return intText(r.n);
    case 'array':
      return r.items === null ? '' : r.items.map(verbatim).join('\n');
    case 'map':
    case 'set':
    case 'push':
      return r.items.map(verbatim).join('\n');
    case 'double':
    case 'verbatim':
    case 'bignum':
      return r.s;
    case 'bool':
      return r.b ? '1' : '0';
    case 'attr':
      return verbatim(r.reply);
  }
}

/**
 * The bytes redis-cli writes to the terminal for this reply, as a byte string. `argv` is the command
 * that produced it (after the repeat count); without it the human rendering is used.
 */
export function formatReplyBin(r: Reply, argv?: readonly string[]): string {
  return argv !== undefined && isRawOutputCommand(argv) ? verbatim(r) : human(r, '');
}

/**
 * What redis-cli 7.0 prints on a terminal for this reply, as text: the output of `formatReplyBin`
 * with bytes written raw (status and error text, verbatim replies) decoded as UTF-8, the way a
 * terminal shows them. Quoted bulk strings are pure ASCII. The human rendering always ends with
 * "\n"; a verbatim one ends however the server's text ends (INFO: "\r\n"), and may be empty.
 */
export function formatReply(r: Reply, argv?: readonly string[]): string {
  return binToUtf8(formatReplyBin(r, argv));
}

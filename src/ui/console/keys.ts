/**
 * Splitting what a terminal sends (xterm's `onData`: typed characters, control codes, escape
 * sequences, pasted text) into key tokens for the line editor. Runs of printable characters stay
 * together, so a long paste is inserted in one step instead of one redraw per character.
 */

/** One key (or a run of printable text) as the line editor handles it. */
export type KeyToken =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'enter' }
  | { readonly kind: 'ctrl'; readonly key: string }
  | { readonly kind: 'special'; readonly key: SpecialKey }
  | { readonly kind: 'ignored'; readonly seq: string };

export type SpecialKey =
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'home'
  | 'end'
  | 'delete'
  | 'backspace'
  | 'tab'
  | 'escape'
  | 'word-left'
  | 'word-right'
  | 'delete-word-right'
  | 'delete-word-left';

/** CSI / SS3 sequences the editor understands (xterm, VT220 and rxvt spellings). */
const SEQUENCES: Record<string, SpecialKey> = {
  '\x1b[A': 'up',
  '\x1b[B': 'down',
  '\x1b[C': 'right',
  '\x1b[D': 'left',
  '\x1bOA': 'up',
  '\x1bOB': 'down',
  '\x1bOC': 'right',
  '\x1bOD': 'left',
  '\x1b[H': 'home',
  '\x1b[F': 'end',
  '\x1bOH': 'home',
  '\x1bOF': 'end',
  '\x1b[1~': 'home',
  '\x1b[4~': 'end',
  '\x1b[7~': 'home',
  '\x1b[8~': 'end',
  '\x1b[3~': 'delete',
  '\x1b[1;5C': 'word-right',
  '\x1b[1;5D': 'word-left',
  '\x1b[1;3C': 'word-right',
  '\x1b[1;3D': 'word-left',
  '\x1bb': 'word-left',
  '\x1bf': 'word-right',
  '\x1bd': 'delete-word-right',
  '\x1b\x7f': 'delete-word-left',
  '\x1b\b': 'delete-word-left',
};

/** Whether a character is printable text (not C0/C1 control, not DEL). */
function printable(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return c >= 0x20 && c !== 0x7f && !(c >= 0x80 && c < 0xa0);
}

/** Tokenize a chunk of terminal input. An escape sequence is never split across chunks by xterm. */
export function tokenize(data: string): KeyToken[] {
  const out: KeyToken[] = [];
  const chars = Array.from(data);
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i];
    if (ch === '\x1b') {
      // CSI: ESC [ params final; SS3: ESC O x; Alt-x: ESC x; a lone ESC is the Escape key.
      let seq = ch;
      let j = i + 1;
      if (chars[j] === '[') {
        seq += chars[j++];
        while (j < chars.length && /[0-9;?]/.test(chars[j])) seq += chars[j++];
        if (j < chars.length) seq += chars[j++];
      } else if (chars[j] === 'O' && j + 1 < chars.length) {
        seq += chars[j] + chars[j + 1];
        j += 2;
      } else if (j < chars.length && chars[j] !== '\x1b') {
        seq += chars[j++];
      }
      i = j;
      if (seq === '\x1b') out.push({ kind: 'special', key: 'escape' });
      else if (seq === '\x1b[200~' || seq === '\x1b[201~')
        continue; // bracketed paste markers
      else if (SEQUENCES[seq]) out.push({ kind: 'special', key: SEQUENCES[seq] });
      else out.push({ kind: 'ignored', seq });
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      out.push({ kind: 'enter' });
      // CR LF (and LF after CR from a pasted Windows text) is one line end.
      i += ch === '\r' && chars[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    if (ch === '\x7f' || ch === '\b') {
      out.push({ kind: 'special', key: 'backspace' });
      i++;
      continue;
    }
    if (ch === '\t') {
      out.push({ kind: 'special', key: 'tab' });
      i++;
      continue;
    }
    const code = ch.codePointAt(0)!;
    if (code < 0x20) {
      out.push({ kind: 'ctrl', key: String.fromCharCode(code + 0x60) });
      i++;
      continue;
    }
    let text = '';
    while (i < chars.length && printable(chars[i])) text += chars[i++];
    if (text) out.push({ kind: 'text', text });
    else i++; // a C1 control or DEL variant: dropped
  }
  return out;
}

/**
 * Display width of a character in a terminal cell grid: 2 for East Asian wide and emoji, 0 for
 * combining marks, else 1 (a small wcwidth, enough to keep the cursor where xterm draws it).
 */
export function charWidth(ch: string): number {
  const c = ch.codePointAt(0)!;
  if ((c >= 0x300 && c <= 0x36f) || (c >= 0x200b && c <= 0x200f) || (c >= 0xfe00 && c <= 0xfe0f)) return 0;
  if (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x1f300 && c <= 0x1faff) ||
    (c >= 0x20000 && c <= 0x3fffd)
  )
    return 2;
  return 1;
}

/** Display width of a string. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch);
  return w;
}

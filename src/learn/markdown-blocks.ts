/**
 * Splitting a learning file (a tutorial or an exercise) into its front matter, its prose and its
 * fenced blocks, keeping every piece's 1-based line number so that a failure can name FILE:LINE.
 *
 * Front matter is the usual `---` … `---` header at the very top, one `key: value` per line (a
 * deliberately tiny subset of YAML: no nesting, no lists, values taken as trimmed text, `#` lines
 * are comments). Fences are CommonMark's: a line starting with three or more backticks (or
 * tildes) opens a block, its first word after the fence is the block's kind (`scn`, `expect-log`,
 * `setup`, …), and a line with at least as many of the same character closes it. An unclosed
 * fence is an error, not silently the rest of the file, because the author would lose every step
 * after it without noticing.
 */

/** A problem found in a learning file, at a 1-based line. */
export interface LearnError {
  readonly line: number;
  readonly message: string;
}

/** One piece of a file's body, in order. */
export type BodyPart =
  | { readonly kind: 'markdown'; readonly line: number; readonly text: string }
  | {
      readonly kind: 'fence';
      /** The line of the opening fence. */
      readonly line: number;
      /** The first word of the info string, lower case ('' for a plain fence). */
      readonly info: string;
      /** The text between the fences (no trailing newline). */
      readonly text: string;
      /** The line of the block's first content line. */
      readonly firstLine: number;
      /** The whole block as written, fences included (for rendering). */
      readonly raw: string;
    };

export interface SplitFile {
  /** Front matter fields by key (keys lower case). */
  readonly meta: ReadonlyMap<string, { value: string; line: number }>;
  readonly body: readonly BodyPart[];
  readonly errors: readonly LearnError[];
}

/** Split a learning file. Never throws. */
export function splitLearnFile(text: string): SplitFile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const errors: LearnError[] = [];
  const meta = new Map<string, { value: string; line: number }>();
  let i = 0;
  if (lines[0]?.trim() === '---') {
    let closed = false;
    for (i = 1; i < lines.length; i++) {
      const l = lines[i];
      if (l.trim() === '---') {
        closed = true;
        i++;
        break;
      }
      if (l.trim() === '' || l.trim().startsWith('#')) continue;
      const m = /^\s*([A-Za-z][\w-]*)\s*:\s*(.*?)\s*$/.exec(l);
      if (!m) {
        errors.push({ line: i + 1, message: `front matter: expected "key: value", got "${l.trim()}"` });
        continue;
      }
      const key = m[1].toLowerCase();
      if (meta.has(key)) errors.push({ line: i + 1, message: `front matter: "${key}" given twice` });
      else meta.set(key, { value: unquote(m[2]), line: i + 1 });
    }
    if (!closed) {
      errors.push({ line: 1, message: 'front matter: no closing "---"' });
      return { meta, body: [], errors };
    }
  } else {
    errors.push({
      line: 1,
      message: 'the file must start with front matter ("---", then "key: value" lines, then "---")',
    });
  }

  const body: BodyPart[] = [];
  let prose: string[] = [];
  let proseLine = i + 1;
  const flush = () => {
    if (prose.some((l) => l.trim() !== '')) body.push({ kind: 'markdown', line: proseLine, text: prose.join('\n') });
    prose = [];
  };
  while (i < lines.length) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[i]);
    if (!open) {
      if (prose.length === 0) proseLine = i + 1;
      prose.push(lines[i]);
      i++;
      continue;
    }
    flush();
    const fence = open[1];
    const start = i;
    const content: string[] = [];
    let closed = false;
    for (i = i + 1; i < lines.length; i++) {
      const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
      if (close.test(lines[i])) {
        closed = true;
        break;
      }
      content.push(lines[i]);
    }
    if (!closed) {
      errors.push({ line: start + 1, message: `the block opened here (${fence}${open[2]}) is never closed` });
      break;
    }
    body.push({
      kind: 'fence',
      line: start + 1,
      info: open[2].toLowerCase(),
      text: content.join('\n'),
      firstLine: start + 2,
      raw: lines.slice(start, i + 1).join('\n'),
    });
    i++;
    proseLine = i + 1;
  }
  flush();
  return { meta, body, errors };
}

/** `"a b"` or `'a b'` → `a b`; anything else as is. */
function unquote(v: string): string {
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) return v.slice(1, -1);
  return v;
}

/**
 * Tutorials: Markdown with front matter, ```scn blocks (steps to run) and ```expect-log blocks
 * (log lines the reader should now see). A level-2 heading (`## …`) starts a step; the prose
 * before the first one is the introduction and may not hold blocks. A step is done when each of
 * its scn blocks has run and each line of its expect-log blocks has appeared in a log since the
 * step began. Any other fenced block (```sh, plain ```) is just shown.
 */
import { type ExpectLine, parseExpectLog } from './expect-log';
import { type BodyPart, type LearnError, splitLearnFile } from './markdown-blocks';
import { type LearnMeta, readMeta } from './meta';
import { parseScnBlock, type ScnStep } from './scn-block';

/** A piece of a step, in the order written. */
export type TutorialPart =
  | { readonly kind: 'markdown'; readonly line: number; readonly text: string }
  | { readonly kind: 'scn'; readonly line: number; readonly source: string; readonly steps: readonly ScnStep[] }
  | { readonly kind: 'expect'; readonly line: number; readonly source: string; readonly lines: readonly ExpectLine[] };

export interface TutorialStep {
  /** The heading's text. */
  readonly title: string;
  readonly line: number;
  readonly parts: readonly TutorialPart[];
}

export interface Tutorial {
  readonly kind: 'tutorial';
  readonly meta: LearnMeta;
  /** Markdown before the first step. */
  readonly intro: string;
  readonly steps: readonly TutorialStep[];
}

export type ParsedTutorial =
  | { readonly ok: true; readonly tutorial: Tutorial }
  | { readonly ok: false; readonly errors: readonly LearnError[] };

/** Split prose at `## ` headings outside fences (fences are separate parts already). */
function splitHeadings(
  p: Extract<BodyPart, { kind: 'markdown' }>,
): { heading: string | null; line: number; text: string }[] {
  const out: { heading: string | null; line: number; text: string }[] = [];
  let cur: { heading: string | null; line: number; lines: string[] } = { heading: null, line: p.line, lines: [] };
  p.text.split('\n').forEach((l, i) => {
    const m = /^##\s+(.+?)\s*#*\s*$/.exec(l);
    if (m && !l.startsWith('###')) {
      out.push({ heading: cur.heading, line: cur.line, text: cur.lines.join('\n') });
      cur = { heading: m[1], line: p.line + i, lines: [] };
    } else cur.lines.push(l);
  });
  out.push({ heading: cur.heading, line: cur.line, text: cur.lines.join('\n') });
  return out;
}

/** Parse a tutorial file. Never throws. */
export function parseTutorial(text: string): ParsedTutorial {
  const file = splitLearnFile(text);
  const errors: LearnError[] = [...file.errors];
  const meta = readMeta(file, errors);
  const intro: string[] = [];
  const steps: { title: string; line: number; parts: TutorialPart[] }[] = [];
  for (const part of file.body) {
    if (part.kind === 'markdown') {
      for (const piece of splitHeadings(part)) {
        if (piece.heading !== null) steps.push({ title: piece.heading, line: piece.line, parts: [] });
        if (piece.text.trim() === '') continue;
        const cur = steps[steps.length - 1];
        if (cur) cur.parts.push({ kind: 'markdown', line: piece.line, text: piece.text });
        else intro.push(piece.text);
      }
      continue;
    }
    const cur = steps[steps.length - 1];
    const special = part.info === 'scn' || part.info === 'expect-log';
    if (!cur) {
      if (special)
        errors.push({
          line: part.line,
          message: `a \`${part.info}\` block must be inside a step (after a "## " heading)`,
        });
      else intro.push(part.raw);
      continue;
    }
    if (part.info === 'scn') {
      const s = parseScnBlock(part.text, part.firstLine, meta, errors);
      if (s.length === 0 && !errors.some((e) => e.line >= part.line))
        errors.push({ line: part.line, message: 'this scn block has no steps' });
      cur.parts.push({ kind: 'scn', line: part.line, source: part.text, steps: s });
    } else if (part.info === 'expect-log') {
      const lines = parseExpectLog(part.text, part.firstLine, meta.ports, errors);
      if (lines.length === 0) errors.push({ line: part.line, message: 'this expect-log block has no lines' });
      cur.parts.push({ kind: 'expect', line: part.line, source: part.text, lines });
    } else cur.parts.push({ kind: 'markdown', line: part.line, text: part.raw });
  }
  if (steps.length === 0 && errors.length === 0)
    errors.push({ line: 1, message: 'a tutorial needs at least one step (a "## " heading)' });
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  return { ok: true, tutorial: { kind: 'tutorial', meta, intro: intro.join('\n\n'), steps } };
}

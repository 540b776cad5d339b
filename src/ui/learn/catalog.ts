/// <reference types="vite/client" />
/**
 * The built-in tutorials and exercises (src/content/tutorials, src/content/exercises), loaded on
 * demand — they are split out of the page's first bundle — and files from a URL
 * (`tutorial-src=`, `exercise-src=`), which are untrusted: they are only parsed and rendered
 * through the sanitizer, never run as code.
 */
import { type Exercise, type Lang, type LearnError, parseExercise, parseTutorial, type Tutorial } from '../../learn';

const TUTORIALS = import.meta.glob('../../content/tutorials/*.md', { query: '?raw', import: 'default' }) as Record<
  string,
  () => Promise<string>
>;
const EXERCISES = import.meta.glob('../../content/exercises/*.md', { query: '?raw', import: 'default' }) as Record<
  string,
  () => Promise<string>
>;

export type LessonKind = 'tutorial' | 'exercise';
export type Lesson = Tutorial | Exercise;
export type Loaded = { ok: true; lesson: Lesson } | { ok: false; errors: readonly LearnError[] };

function parse(kind: LessonKind, text: string): Loaded {
  if (kind === 'tutorial') {
    const t = parseTutorial(text);
    return t.ok ? { ok: true, lesson: t.tutorial } : { ok: false, errors: t.errors };
  }
  const x = parseExercise(text);
  return x.ok ? { ok: true, lesson: x.exercise } : { ok: false, errors: x.errors };
}

/** The ids of built-in lessons of one kind, in file order (from their file names). */
export function builtinIds(kind: LessonKind): string[] {
  const files = Object.keys(kind === 'tutorial' ? TUTORIALS : EXERCISES);
  return [...new Set(files.map((f) => f.replace(/^.*\/([^/]+)\.(en|zh)\.md$/, '$1')))];
}

/** A built-in lesson in a language (falls back to English), or null when there is none. */
export async function loadBuiltin(kind: LessonKind, id: string, lang: Lang): Promise<Loaded | null> {
  const table = kind === 'tutorial' ? TUTORIALS : EXERCISES;
  const dir = kind === 'tutorial' ? 'tutorials' : 'exercises';
  const load = table[`../../content/${dir}/${id}.${lang}.md`] ?? table[`../../content/${dir}/${id}.en.md`];
  if (!load) return null;
  return parse(kind, await load());
}

/** Every built-in lesson of one kind in a language, in the order their front matter gives. */
export async function loadAll(kind: LessonKind, lang: Lang): Promise<Lesson[]> {
  const out: Lesson[] = [];
  for (const id of builtinIds(kind)) {
    const l = await loadBuiltin(kind, id, lang);
    if (l?.ok) out.push(l.lesson);
  }
  return out.sort(
    (a, b) => a.meta.order - b.meta.order || a.meta.level - b.meta.level || a.meta.id.localeCompare(b.meta.id),
  );
}

/** A lesson from a URL (an author's own file). Only http(s) and same-origin paths are fetched. */
export async function loadFromUrl(kind: LessonKind, src: string): Promise<Loaded> {
  let url: URL;
  try {
    url = new URL(src, location.href);
  } catch {
    return { ok: false, errors: [{ line: 0, message: `not a URL: ${src}` }] };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, errors: [{ line: 0, message: `only http(s) URLs are loaded, not ${url.protocol}` }] };
  const res = await fetch(url, { credentials: 'omit' });
  if (!res.ok) return { ok: false, errors: [{ line: 0, message: `${res.status} ${res.statusText}` }] };
  return parse(kind, await res.text());
}

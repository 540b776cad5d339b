/**
 * Every built-in tutorial and exercise passes the headless checker (`npm run learn -- check`), and
 * each exists in English and Chinese with the same steps: the same scenario blocks, expect-log
 * lines, goals and solution, so the two languages cannot drift apart.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkLearnFile, parseExercise, parseTutorial } from '../../src/learn';

const CONTENT = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/content');
const files = (dir: string) =>
  readdirSync(join(CONTENT, dir))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => ({ name: `${dir}/${f}`, text: readFileSync(join(CONTENT, dir, f), 'utf8') }));
const tutorials = files('tutorials');
const exercises = files('exercises');

describe('built-in learning files pass learn check', () => {
  for (const f of [...tutorials, ...exercises]) {
    it(f.name, async () => {
      expect(await checkLearnFile(f.text)).toEqual([]);
    });
  }
});

/** The language-independent skeleton of a file: its blocks and goals. */
function skeleton(text: string): unknown {
  const t = /```solution/.test(text) ? parseExercise(text) : parseTutorial(text);
  if (!t.ok) return t.errors;
  if ('tutorial' in t) {
    const { meta, steps } = t.tutorial;
    return {
      meta: [meta.id, meta.redis, meta.preset, meta.nodes, meta.order],
      steps: steps.map((s) =>
        s.parts
          .map((p) =>
            p.kind === 'scn'
              ? p.steps.map((x) => x.text)
              : p.kind === 'expect'
                ? p.lines.map((l) => `${l.node} ${l.pattern}`)
                : null,
          )
          .filter((p) => p !== null),
      ),
    };
  }
  const x = t.exercise;
  return {
    meta: [x.meta.id, x.meta.redis, x.meta.preset, x.meta.nodes, x.meta.level, x.meta.order],
    setup: x.setup.map((s) => s.text),
    solution: x.solution.map((s) => s.text),
    checks: x.checks.map((c) => c.text),
    hints: x.hints.length,
  };
}

describe('every built-in file exists in English and Chinese, with the same steps', () => {
  for (const set of [tutorials, exercises]) {
    const ids = [...new Set(set.map((f) => f.name.replace(/\.(en|zh)\.md$/, '')))];
    for (const id of ids) {
      it(id, () => {
        const en = set.find((f) => f.name === `${id}.en.md`);
        const zh = set.find((f) => f.name === `${id}.zh.md`);
        expect(en, `${id}.en.md`).toBeDefined();
        expect(zh, `${id}.zh.md`).toBeDefined();
        expect(skeleton(zh!.text)).toEqual(skeleton(en!.text));
        expect(zh!.text).toMatch(/^lang: zh$/m);
        expect(en!.text).toMatch(/^lang: en$/m);
      });
    }
  }
  it('has the seed tutorial and at least ten exercises', () => {
    expect(tutorials.some((f) => f.name === 'tutorials/seed.zh.md')).toBe(true);
    expect(exercises.filter((f) => f.name.endsWith('.en.md')).length).toBeGreaterThanOrEqual(10);
  });
});

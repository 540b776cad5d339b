/**
 * Running learning files headless, for `npm run learn -- check` and the test suite: a tutorial
 * runs every scn block in order on one playground and each expect-log line must have appeared in
 * the logs since its step began; an exercise runs its set-up, must not be solved yet, then runs
 * its solution and must be solved. Every failure names the file's line. The playground is the
 * deterministic in-process simulator unless the caller hands in another `PlaygroundApi`.
 */
import { asApi, Playground, type PlaygroundApi, type RedisVersion } from '../playground';
import { evaluateChecks } from './evaluate';
import { parseExercise } from './exercise';
import { findExpected, type LogEntry } from './expect-log';
import type { LearnError } from './markdown-blocks';
import type { LearnMeta } from './meta';
import { Recorder } from './recorder';
import type { ScnStep } from './scn-block';
import { parseTutorial } from './tutorial';

/** The node name of a port in the playground. */
export const nodeOf = (port: string | number) => `127.0.0.1:${String(port).replace(/^.*:/, '')}`;

/** Make the playground a learning file starts from: the preset's nodes, started, its lines typed, settled. */
export async function startPlayground(
  meta: LearnMeta,
  make: (o: { version: RedisVersion; seed: number }) => PlaygroundApi = (o) => asApi(new Playground(o)),
): Promise<{ pg: PlaygroundApi; rec: Recorder }> {
  const pg = make({ version: meta.redis, seed: 1 });
  const rec = new Recorder(pg);
  const names = meta.ports.map((p) => pg.addNode('127.0.0.1', p));
  if (pg.startAll) await pg.startAll(names);
  else for (const n of names) await pg.start(n);
  for (const s of meta.setupLines) await rec.type(nodeOf(s.port), s.line);
  if (meta.setupLines.length) await pg.settle();
  return { pg, rec };
}

/** Run one scenario step; a command's replies go to the recorder. */
export async function runScnStep(pg: PlaygroundApi, rec: Recorder, step: ScnStep): Promise<void> {
  switch (step.kind) {
    case 'command':
      await rec.type(nodeOf(step.node), step.input);
      return;
    case 'settle':
      await pg.settle();
      return;
    case 'sleep':
      await pg.advance(step.ms);
      return;
    case 'kill':
      await pg.kill(nodeOf(step.node));
      return;
    case 'start':
      await pg.start(nodeOf(step.node));
      return;
    case 'link':
      await pg.link(nodeOf(step.a), nodeOf(step.b), step.state === 'up');
      return;
  }
}

/** What a check found: nothing wrong (empty) or the failures. */
export type CheckFailures = LearnError[];

/** Check a tutorial's text headless. */
export async function checkTutorial(text: string): Promise<CheckFailures> {
  return (await runTutorial(text)).failures;
}

/** Run a tutorial headless: its failures, and every log line it produced (for tests of its figures). */
export async function runTutorial(text: string): Promise<{ failures: CheckFailures; logs: readonly LogEntry[] }> {
  const parsed = parseTutorial(text);
  if (!parsed.ok) return { failures: [...parsed.errors], logs: [] };
  const t = parsed.tutorial;
  const { pg, rec } = await startPlayground(t.meta);
  const failures: LearnError[] = [];
  try {
    for (const step of t.steps) {
      const from = rec.allLogs.length;
      for (const part of step.parts) {
        if (part.kind === 'scn') for (const s of part.steps) await runScnStep(pg, rec, s);
        else if (part.kind === 'expect') {
          for (const e of part.lines) {
            if (findExpected(e, rec.allLogs, from) < 0)
              failures.push({
                line: e.line,
                message: `expected log line never appeared: ${e.node ? `[${e.node}] ` : ''}${e.pattern}`,
              });
          }
        }
      }
    }
  } finally {
    rec.dispose();
    pg.dispose();
  }
  return { failures, logs: rec.allLogs };
}

/** Check an exercise's text headless. */
export async function checkExercise(text: string): Promise<CheckFailures> {
  const parsed = parseExercise(text);
  if (!parsed.ok) return [...parsed.errors];
  const x = parsed.exercise;
  const { pg, rec } = await startPlayground(x.meta);
  const failures: LearnError[] = [];
  try {
    for (const s of x.setup) await runScnStep(pg, rec, s);
    rec.mark();
    const before = await evaluateChecks(x.checks, pg, rec);
    if (before.every((r) => r.ok))
      failures.push({ line: x.checks[0].line, message: 'the set-up alone already satisfies every check' });
    for (const s of x.solution) await runScnStep(pg, rec, s);
    const after = await evaluateChecks(x.checks, pg, rec);
    for (const r of after)
      if (!r.ok)
        failures.push({ line: r.check.line, message: `after the solution, "${r.check.text}" fails: ${r.why}` });
  } finally {
    rec.dispose();
    pg.dispose();
  }
  return failures;
}

/** Which kind a learning file is: an exercise has a ```solution block. */
export function learnKind(text: string): 'tutorial' | 'exercise' {
  return /^ {0,3}(```|~~~)\s*solution\b/m.test(text) ? 'exercise' : 'tutorial';
}

/** Check either kind. */
export function checkLearnFile(text: string): Promise<CheckFailures> {
  return learnKind(text) === 'exercise' ? checkExercise(text) : checkTutorial(text);
}

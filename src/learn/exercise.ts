/**
 * Exercises: Markdown with front matter whose prose is the task, plus fenced blocks with a
 * meaning — ```setup (a scenario run before the learner starts; optional), ```solution (a
 * scenario that solves it; required), ```goal (the checks, see checks.ts; required, one or more
 * blocks) and ```hint (one hint per block, Markdown, shown one at a time on request). Other fenced
 * blocks are part of the task's prose.
 */
import { type Check, parseChecks } from './checks';
import { type LearnError, splitLearnFile } from './markdown-blocks';
import { type LearnMeta, readMeta } from './meta';
import { commandCount, parseScnBlock, type ScnStep } from './scn-block';

export interface Exercise {
  readonly kind: 'exercise';
  readonly meta: LearnMeta;
  /** The task, Markdown. */
  readonly task: string;
  readonly setup: readonly ScnStep[];
  readonly solution: readonly ScnStep[];
  /** The solution as written (shown by "show solution"). */
  readonly solutionSource: string;
  readonly solutionLine: number;
  readonly hints: readonly string[];
  readonly checks: readonly Check[];
  /** How many console commands the solution types. */
  readonly solutionCommands: number;
}

export type ParsedExercise =
  | { readonly ok: true; readonly exercise: Exercise }
  | { readonly ok: false; readonly errors: readonly LearnError[] };

/** Parse an exercise file. Never throws. */
export function parseExercise(text: string): ParsedExercise {
  const file = splitLearnFile(text);
  const errors: LearnError[] = [...file.errors];
  const meta = readMeta(file, errors);
  const task: string[] = [];
  const hints: string[] = [];
  const checks: Check[] = [];
  let setup: ScnStep[] = [];
  let solution: ScnStep[] = [];
  let solutionSource = '';
  let solutionLine = 0;
  let setupLine = 0;
  for (const part of file.body) {
    if (part.kind === 'markdown') {
      task.push(part.text);
      continue;
    }
    switch (part.info) {
      case 'setup':
        if (setupLine)
          errors.push({ line: part.line, message: `a second setup block (the first is on line ${setupLine})` });
        setupLine = part.line;
        setup = parseScnBlock(part.text, part.firstLine, meta, errors);
        break;
      case 'solution':
        if (solutionLine)
          errors.push({ line: part.line, message: `a second solution block (the first is on line ${solutionLine})` });
        solutionLine = part.line;
        solutionSource = part.text;
        solution = parseScnBlock(part.text, part.firstLine, meta, errors);
        break;
      case 'goal':
        checks.push(...parseChecks(part.text, part.firstLine, meta.ports, errors));
        break;
      case 'hint':
        if (part.text.trim() === '') errors.push({ line: part.line, message: 'an empty hint' });
        hints.push(part.text);
        break;
      default:
        task.push(part.raw);
    }
  }
  if (!solutionLine) errors.push({ line: 1, message: 'an exercise needs a ```solution block' });
  if (checks.length === 0 && !errors.some((e) => e.message.startsWith('goal:')))
    errors.push({ line: 1, message: 'an exercise needs a ```goal block with at least one check' });
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  return {
    ok: true,
    exercise: {
      kind: 'exercise',
      meta,
      task: task.join('\n').trim(),
      setup,
      solution,
      solutionSource,
      solutionLine,
      hints,
      checks,
      solutionCommands: commandCount(solution),
    },
  };
}

/**
 * A fenced scenario block (```scn, ```setup, ```solution) parsed with the scenario parser, as if
 * it were a whole script whose `redis` and `nodes` steps came from the front matter: the block
 * names the nodes the front matter's preset made, and every step keeps its line number in the
 * learning file. A block may not say `redis` or `nodes` itself — the playground already exists.
 */
import type { Step } from '../scenario';
import { parseScenario } from '../scenario';
import type { LearnError } from './markdown-blocks';
import type { LearnMeta } from './meta';

/** A block's steps (never `redis` or `nodes`). */
export type ScnStep = Exclude<Step, { kind: 'redis' } | { kind: 'nodes' }>;

/** Parse one block whose first content line is `firstLine`; reports into `errors`. */
export function parseScnBlock(text: string, firstLine: number, meta: LearnMeta, errors: LearnError[]): ScnStep[] {
  // Lines 1 and 2 declare the playground; blank lines pad the block to its place in the file, so
  // the parser's line numbers are the file's (a block always starts below the front matter).
  const pad = Math.max(0, firstLine - 3);
  const script = [`redis ${meta.redis}`, `nodes ${meta.ports.join(' ')}`, ...Array(pad).fill(''), text].join('\n');
  const shift = firstLine - 3 - pad;
  const parsed = parseScenario(script);
  if (!parsed.ok) {
    for (const e of parsed.errors) {
      const line = e.line + shift;
      errors.push({ line, message: e.message.replace(/^line \d+: /, '') });
    }
    return [];
  }
  const out: ScnStep[] = [];
  for (const s of parsed.scenario.steps) {
    if (s.line <= 2) continue;
    if ((s.kind === 'command' && (s.console !== 1 || s.async)) || s.kind === 'ctrl-c') {
      errors.push({
        line: s.line + shift,
        message: `\`${s.text}\`: a tutorial block types into each node's own console (no PORT/N>, PORT&> or ctrl-c)`,
      });
      continue;
    }
    if (s.kind === 'redis' || s.kind === 'nodes') {
      errors.push({
        line: s.line + shift,
        message: `\`${s.kind}\` is not allowed in a block: the front matter's redis/preset/nodes make the playground`,
      });
      continue;
    }
    out.push(shift === 0 ? s : { ...s, line: s.line + shift });
  }
  return out;
}

/** How many console commands a block types (what "commands used" counts against). */
export function commandCount(steps: readonly ScnStep[]): number {
  return steps.filter((s) => s.kind === 'command' && s.input.trim() !== '').length;
}

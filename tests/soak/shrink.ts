/**
 * Shrinking a failing soak history: delta debugging over its operations. Any sub-list of a
 * history is a history (history.ts), so the shrinker drops chunks of operations — halves, then
 * quarters, down to single ones — keeping each removal after which the history still fails the
 * same way (same kind of failure: the text before its first colon), until no single operation can
 * go. Then it tries starting with no replication set up. The result is usually a handful of steps.
 */
import type { RedisVersion } from '../../src/playground';
import { type History, type Outcome, runHistory } from './history';

const kind = (f: string) => f.split(':')[0];

/** The smallest history found that still fails as `h` does, and its outcome. */
export function shrink(version: RedisVersion, h: History, first: Outcome, budget = 400): { h: History; out: Outcome } {
  const want = kind(first.failure ?? '');
  let best = h;
  let bestOut = first;
  let tries = 0;
  const fails = (c: History): boolean => {
    tries++;
    const o = runHistory(version, c);
    if (o.failure !== null && kind(o.failure) === want) {
      best = c;
      bestOut = o;
      return true;
    }
    return false;
  };
  let chunk = Math.max(1, Math.floor(best.ops.length / 2));
  while (tries < budget) {
    let removed = false;
    for (let at = 0; at < best.ops.length && tries < budget; ) {
      const ops = [...best.ops.slice(0, at), ...best.ops.slice(at + chunk)];
      if (ops.length < best.ops.length && fails({ ...best, ops })) removed = true;
      else at += chunk;
    }
    if (chunk === 1 && !removed) break;
    if (!removed) chunk = Math.max(1, Math.floor(chunk / 2));
  }
  if (tries < budget) fails({ ...best, initial: [9, 9, 9] });
  if (tries < budget && best.nodes === 4) fails({ ...best, nodes: 3 });
  return { h: best, out: bestOut };
}

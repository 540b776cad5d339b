/**
 * Script flags (7.0): what a function registers with (`flags = {'no-writes'}`) and what an EVAL
 * script declares in its shebang (`#!lua flags=no-writes,allow-stale`). They replace the
 * command's own write/stale flags when Redis decides whether to run it (scriptFlagsToCmdFlags),
 * and a script with none of them is in "compatibility mode", checked as EVAL always was.
 */
import { splitArgs } from '../resp';

/** The flags in Redis's order (FUNCTION LIST prints them so); bit i is 1 << i. */
export const SCRIPT_FLAG_NAMES = ['no-writes', 'allow-oom', 'allow-stale', 'no-cluster', 'allow-cross-slot-keys'];
export const NO_WRITES = 1;
export const ALLOW_STALE = 4;
/** A script without a shebang: the flags above do not apply. */
export const EVAL_COMPAT = 1 << 8;

/** A flag's bit from its lowercase name, 0 when there is no such flag. */
export function scriptFlagBit(name: string): number {
  const i = SCRIPT_FLAG_NAMES.indexOf(name);
  return i < 0 ? 0 : 1 << i;
}

/** The names of the flags set in `flags`, in Redis's order. */
export function scriptFlagNames(flags: number): string[] {
  return SCRIPT_FLAG_NAMES.filter((_, i) => flags & (1 << i));
}

/**
 * evalExtractShebangFlags: an EVAL body's flags and the length of its shebang line (0 and
 * EVAL_COMPAT without one), or the error text (`Unexpected flag in script shebang: x`, ...).
 */
export function shebangFlags(body: string): { flags: number; skip: number } | { err: string } {
  if (!body.startsWith('#!')) return { flags: EVAL_COMPAT, skip: 0 };
  const end = body.indexOf('\n');
  if (end < 0) return { err: 'Invalid script shebang' };
  const parts = splitArgs(body.slice(0, end));
  if (parts === null || parts.length === 0) return { err: 'Invalid engine in script shebang' };
  if (parts[0] !== '#!lua') return { err: `Unexpected engine in script shebang: ${parts[0]}` };
  let flags = 0;
  for (const part of parts.slice(1)) {
    if (!part.startsWith('flags=')) return { err: `Unknown lua shebang option: ${part}` };
    const list = part.slice(6);
    // sdssplitlen of "" gives no flags; otherwise every piece (empty ones too) must be a flag name.
    for (const f of list === '' ? [] : list.split(',')) {
      const bit = scriptFlagBit(f);
      if (bit === 0) return { err: `Unexpected flag in script shebang: ${f}` };
      flags |= bit;
    }
  }
  return { flags, skip: end };
}

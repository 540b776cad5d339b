/**
 * The keys of a full command line, as COMMAND GETKEYS / GETKEYSANDFLAGS find them.
 * - 7.0 (getKeysFromCommandWithSpecs): from the key specs, unless one has variable flags (SET with
 *   GET), then from the command's getKeys; a spec that does not fit the arguments finds nothing.
 * - 4.0 (getKeysUsingCommandTable): from first key, last key and step.
 */
import type { Command, CommandSpec, KeyRef } from '../types';
import { eqi } from './args';
import { keys40 } from './cmdinfo';
import { parseLL } from './int';

/** Whether a 7.0 command has keys at all (doesCommandHaveKeys). */
export function hasKeys70(spec: CommandSpec): boolean {
  return spec.getKeys !== undefined || (spec.keySpecs ?? []).some((s) => !s.flags.includes('not_key'));
}

/** The keys a 7.0 command's specs find in `argv` (getKeysUsingKeySpecs), or null when a spec does not fit. */
function keysFromSpecs(spec: CommandSpec, argv: readonly string[]): KeyRef[] | null {
  const argc = argv.length;
  const keys: KeyRef[] = [];
  for (const s of spec.keySpecs ?? []) {
    if (s.flags.includes('not_key')) continue;
    // An unknown spec cannot be followed: the command's getKeys decides.
    if (s.unknown === true) return null;
    let first = s.index;
    if (s.keyword) {
      // Keyword search: the first key is right after the keyword. Redis searches forward from a
      // positive startfrom up to (not including) the last argument, backward from a negative one
      // down to argv[2]; a keyword not found means this spec has no key (STORE left out).
      const { keyword, startfrom } = s.keyword;
      const kw = keyword.toLowerCase();
      const start = startfrom > 0 ? startfrom : argc + startfrom;
      const end = startfrom > 0 ? argc - 1 : 1;
      let at = -1;
      for (let i = start; i !== end && i < argc && i >= 1; i += start <= end ? 1 : -1) {
        if (eqi(argv[i], kw)) {
          at = i;
          break;
        }
      }
      if (at < 0) continue;
      first = at + 1;
    }
    const [lastkey, limit] = [s.range[0], s.range[2]];
    let step = s.range[1];
    let last: number;
    if (s.keynum !== undefined) {
      const [keynumidx, firstkey, keystep] = s.keynum;
      if (keynumidx >= argc) return null;
      const n = first + keynumidx < argc ? parseLL(argv[first + keynumidx]) : null;
      if (n === null || n < 0n) return null;
      step = keystep;
      first += firstkey;
      last = first + Number(BigInt.asIntN(32, n)) - 1;
    } else if (lastkey >= 0) last = first + lastkey;
    else if (limit === 0) last = argc + lastkey;
    else last = first + (Math.trunc((argc - first) / limit) + lastkey);
    if (last >= argc || last < first || first >= argc) return null;
    for (let i = first; i <= last; i += step) {
      // Past the end only with a variable argument count: the command reports the error itself.
      if (i >= argc) continue;
      keys.push({ pos: i, flags: s.flags });
    }
    if (s.flags.includes('incomplete')) return null;
  }
  return keys;
}

/** The keys of a 7.0 command line (argv[0] is the command name; a subcommand's at argv[1]). */
export function getKeys70(spec: CommandSpec, argv: readonly string[]): readonly KeyRef[] {
  const specs = spec.keySpecs ?? [];
  const hasKeySpec = specs.some((s) => !s.flags.includes('not_key'));
  const variableFlags = specs.some((s) => s.flags.includes('variable_flags'));
  if (hasKeySpec && !variableFlags) {
    const keys = keysFromSpecs(spec, argv);
    if (keys !== null) return keys;
  }
  return spec.getKeys?.(argv) ?? [];
}

/** The key positions of a 4.0 command line; none when the arguments end before the last key. */
export function getKeys40(cmd: Command, argv: readonly string[]): number[] {
  const [first, lastkey, step] = keys40(cmd);
  if (first === 0) return [];
  const last = lastkey < 0 ? argv.length + lastkey : lastkey;
  const out: number[] = [];
  for (let j = first; j <= last; j += step) {
    if (j >= argv.length) return [];
    out.push(j);
  }
  return out;
}

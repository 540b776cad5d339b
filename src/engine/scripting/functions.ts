/**
 * A server's function libraries (7.0 FUNCTION / FCALL): each library is its code (shebang
 * included, as FUNCTION LIST WITHCODE, FUNCTION DUMP and the RDB keep it) and the functions its
 * code registered. Libraries are named case-sensitively, functions case-insensitively and across
 * all libraries (FCALL finds one by name alone). The Lua side lives in the scripting VM
 * (vm.ts loadLibrary); loading is all or nothing, as in functionsCreateWithLibraryCtx: on any
 * error the libraries are left as they were.
 *
 * Listing order: real Redis walks hash tables seeded at random per process, so its order is
 * arbitrary; here libraries list in load order and a library's functions in registration order.
 */
import { splitArgs as splitWords } from '../resp';
import type { Server } from '../server';
import { scriptVm } from './run';

/** One registered function. */
export interface LibFunction {
  readonly name: string;
  readonly desc: string | null;
  /** Script flag bits (flags.ts). */
  readonly flags: number;
  /** The callback's registry reference in the VM. */
  readonly ref: number;
  readonly lib: Library;
}

export interface Library {
  readonly name: string;
  readonly code: string;
  readonly functions: LibFunction[];
}

/** All of a server's libraries and their functions (by lowercase name). */
export interface FunctionsState {
  readonly libs: Map<string, Library>;
  readonly byName: Map<string, LibFunction>;
}

const STATE = new WeakMap<Server, FunctionsState>();

export function functionsOf(srv: Server): FunctionsState {
  let s = STATE.get(srv);
  if (s === undefined) {
    s = { libs: new Map(), byName: new Map() };
    STATE.set(srv, s);
  }
  return s;
}

const NAME_RE = /^[a-zA-Z0-9_]+$/;
const BAD_NAME =
  'Library names can only contain letters, numbers, or underscores(_) and must be at least one character long';

/** functionExtractLibMetaData: the engine and library name of a library's shebang line. */
function metadata(code: string): { engine: string; name: string } | { err: string } {
  if (!code.startsWith('#!')) return { err: 'Missing library metadata' };
  const end = code.indexOf('\n');
  if (end < 0) return { err: 'Invalid library metadata' };
  const parts = splitWords(code.slice(0, end));
  if (parts === null || parts.length === 0) return { err: 'Invalid library metadata' };
  let name: string | null = null;
  for (const part of parts.slice(1)) {
    if (part.slice(0, 5).toLowerCase() !== 'name=') return { err: `Invalid metadata value given: ${part}` };
    if (name !== null) return { err: 'Invalid metadata value, name argument was given multiple times' };
    name = part.slice(5);
  }
  if (name === null) return { err: 'Library name was not given' };
  return { engine: parts[0].slice(2), name };
}

/**
 * Compile a library into a new Library without linking it: its functions, or the error text
 * (without the ERR code). `others` are the functions it must not collide with.
 */
function compile(srv: Server, code: string, others: ReadonlyMap<string, LibFunction>): Library | { err: string } {
  const md = metadata(code);
  if ('err' in md) return md;
  if (!NAME_RE.test(md.name)) return { err: BAD_NAME };
  if (md.engine.toLowerCase() !== 'lua') return { err: `Engine '${md.engine}' not found` };
  const lib: Library = { name: md.name, code, functions: [] };
  const vm = scriptVm(srv);
  const err = vm.loadLibrary(code.slice(code.indexOf('\n')), (name, desc, flags, ref) => {
    if (!NAME_RE.test(name)) return BAD_NAME;
    // Within a library names are case-sensitive ('f' and 'F' may both register; FCALL then finds the first).
    if (lib.functions.some((f) => f.name === name)) return 'Function already exists in the library';
    lib.functions.push({ name, desc, flags, ref, lib });
    return null;
  });
  const fail = (e: string) => {
    for (const f of lib.functions) vm.unref(f.ref);
    return { err: e };
  };
  if (err !== null) return fail(err);
  if (lib.functions.length === 0) return fail('No functions registered');
  for (const f of lib.functions) {
    if (others.has(f.name.toLowerCase())) return fail(`Function ${f.name} already exists`);
  }
  return lib;
}

function link(s: FunctionsState, lib: Library): void {
  s.libs.set(lib.name, lib);
  for (const f of lib.functions) {
    const k = f.name.toLowerCase();
    if (!s.byName.has(k)) s.byName.set(k, f);
  }
}

function unlink(s: FunctionsState, lib: Library): void {
  s.libs.delete(lib.name);
  for (const f of lib.functions) {
    const k = f.name.toLowerCase();
    if (s.byName.get(k) === f) s.byName.delete(k);
  }
}

/** How many functions the libraries registered (FUNCTION STATS counts each library's). */
export function functionCount(srv: Server): number {
  let n = 0;
  for (const lib of functionsOf(srv).libs.values()) n += lib.functions.length;
  return n;
}

function free(srv: Server, lib: Library): void {
  const vm = scriptVm(srv);
  for (const f of lib.functions) vm.unref(f.ref);
}

/** FUNCTION LOAD [REPLACE]: the library's name, or the error text. */
export function loadLibrary(srv: Server, code: string, replace: boolean): { name: string } | { err: string } {
  const s = functionsOf(srv);
  const md = metadata(code);
  // The name and engine are checked before the old library is looked at, as Redis does.
  if (!('err' in md) && NAME_RE.test(md.name) && md.engine.toLowerCase() === 'lua') {
    const old = s.libs.get(md.name);
    if (old && !replace) return { err: `Library '${md.name}' already exists` };
    if (old) unlink(s, old);
    const lib = compile(srv, code, s.byName);
    if ('err' in lib) {
      if (old) link(s, old);
      return lib;
    }
    if (old) free(srv, old);
    link(s, lib);
    return { name: lib.name };
  }
  const r = compile(srv, code, s.byName);
  return 'err' in r ? r : { name: r.name };
}

/** FUNCTION DELETE: false when there is no such library. */
export function deleteLibrary(srv: Server, name: string): boolean {
  const s = functionsOf(srv);
  const lib = s.libs.get(name);
  if (lib === undefined) return false;
  unlink(s, lib);
  free(srv, lib);
  return true;
}

/** FUNCTION FLUSH (and a full sync, which replaces the functions with the master's). */
export function flushLibraries(srv: Server): void {
  const s = functionsOf(srv);
  for (const lib of s.libs.values()) free(srv, lib);
  s.libs.clear();
  s.byName.clear();
}

/** The libraries' code, in order (FUNCTION DUMP, the RDB). */
export function libraryCodes(srv: Server): string[] {
  const s = STATE.get(srv);
  return s === undefined ? [] : [...s.libs.values()].map((l) => l.code);
}

/**
 * FUNCTION RESTORE (and loading an RDB): add the libraries of `codes`. `flush` replaces all
 * libraries; otherwise a library that exists is an error, or is replaced with `replace`. All or
 * nothing: null, or the error text.
 */
export function restoreLibraries(
  srv: Server,
  codes: readonly string[],
  policy: 'flush' | 'append' | 'replace',
): string | null {
  const s = functionsOf(srv);
  // Compile into a scratch set first (libraries of the payload may not collide with each other).
  const fresh: FunctionsState = { libs: new Map(), byName: new Map() };
  const dropAll = (e: string) => {
    for (const lib of fresh.libs.values()) free(srv, lib);
    return e;
  };
  for (const code of codes) {
    const md = metadata(code);
    if (!('err' in md) && fresh.libs.has(md.name)) return dropAll(`Library '${md.name}' already exists`);
    const lib = compile(srv, code, fresh.byName);
    if ('err' in lib) return dropAll(lib.err);
    link(fresh, lib);
  }
  if (policy === 'flush') {
    flushLibraries(srv);
  } else {
    // libraryJoin: existing libraries are an error (APPEND) or set aside (REPLACE), then no
    // function of the payload may collide with one left.
    const old: Library[] = [];
    for (const lib of fresh.libs.values()) {
      const prev = s.libs.get(lib.name);
      if (prev === undefined) continue;
      if (policy === 'append') return dropAll(`Library ${lib.name} already exists`);
      unlink(s, prev);
      old.push(prev);
    }
    for (const f of fresh.byName.values()) {
      if (s.byName.has(f.name.toLowerCase())) {
        for (const prev of old) link(s, prev);
        return dropAll(`Function ${f.name} already exists`);
      }
    }
    for (const prev of old) free(srv, prev);
  }
  for (const lib of fresh.libs.values()) link(s, lib);
  return null;
}

/** Whether the server has any library (so that a server never using functions builds no state). */
export function hasLibraries(srv: Server): boolean {
  return (STATE.get(srv)?.libs.size ?? 0) > 0;
}

/**
 * The layer rules of architecture.md ("Who may import whom"), the engine's purity (no wall clock,
 * no timers, no ambient randomness, no DOM or worker globals) and the rule that nothing in the
 * project points at the team's shared notes. Imports and globals are read with the TypeScript
 * parser, so comments and strings never count and `import type`, `export … from`, `import()` and
 * `require()` all do.
 *
 * Every checker is a pure function of (path, text), and the first describe block feeds each one a
 * synthetic offender, so a checker that silently stopped matching would fail here too.
 *
 * KNOWN_VIOLATIONS lists what the tree breaks today in files this test's owner may not edit; each
 * entry must still occur (a fixed violation must be removed from the list), and nothing else may.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');
const SELF = relative(ROOT, fileURLToPath(import.meta.url))
  .split(sep)
  .join('/');

// ------------------------------------------------------------------ the rules

/** A layer: a folder under src/, or one of the two entry files. */
type Layer =
  | 'lib'
  | 'engine'
  | 'links'
  | 'host'
  | 'playground'
  | 'scenario'
  | 'learn'
  | 'content'
  | 'ui'
  | 'embed'
  | 'main'
  | 'widget'
  | 'headless'
  | 'cli'
  | 'bridge'
  | 'serve';

/**
 * Who may import whom (besides itself and lib, which anyone may import). playground → engine is
 * allowed outright: the current simulator constructs engines itself instead of going through a
 * host (architecture.md would allow only `import type` once hosts exist).
 */
const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  lib: [],
  engine: ['lib'],
  links: ['lib'],
  host: ['engine', 'links', 'lib'],
  playground: ['host', 'links', 'lib', 'engine'],
  scenario: ['playground', 'content', 'lib'],
  // Tutorials and exercises: formats, checks and the headless checker, over the playground API.
  learn: ['playground', 'scenario', 'content', 'lib'],
  content: ['lib'],
  ui: ['playground', 'scenario', 'learn', 'content', 'lib'],
  embed: ['ui', 'playground', 'lib'],
  main: ['embed', 'ui', 'host', 'lib'],
  widget: ['embed', 'host', 'lib'],
  headless: ['scenario', 'playground', 'host', 'lib'],
  cli: ['scenario', 'learn', 'playground', 'host', 'lib'],
  // The TCP bridge is a host-level Node piece like cli.ts: it drives a worker playground (host/node),
  // runs scenarios and control lines; only the serve entry imports it.
  bridge: ['scenario', 'playground', 'host', 'lib'],
  serve: ['bridge', 'scenario', 'playground', 'host', 'lib'],
};

/** Layers that must not depend on any package or Node built-in (they run in workers and pages). */
const NO_PACKAGES: readonly Layer[] = ['lib', 'engine', 'links', 'playground', 'scenario', 'learn', 'content'];

/**
 * The packages a NO_PACKAGES layer may still import: the engine runs scripts in fengari (Lua 5.3
 * in pure JavaScript; scripting/ never opens its io/os libraries, and replaces math.random), and
 * only from src/engine/scripting/fengari.ts.
 */
const ALLOWED_PACKAGES: Readonly<Record<string, string>> = { fengari: 'engine/scripting/fengari.ts' };

/**
 * Deep entry points other layers may name besides a layer's index (architecture.md: host/worker,
 * host/inline; host/browser is the Web Worker host the page picks — it needs `Worker`, so it is
 * not re-exported by host/index.ts; host/node is the worker_threads host cli.ts picks, likewise).
 */
const EXTRA_ENTRIES: Partial<Record<Layer, readonly string[]>> = { host: ['worker', 'inline', 'browser', 'node'] };

/** The layer of a path relative to src/ ("engine/server.ts" → engine), or null for unknown top-level files. */
function layerOf(srcRel: string): Layer | null {
  const parts = srcRel.split('/');
  if (parts.length === 1) {
    if (parts[0] === 'main.ts') return 'main';
    if (parts[0] === 'widget.ts') return 'widget';
    if (parts[0] === 'headless.ts') return 'headless';
    // learn-cli.ts is the second Node entry (`npm run learn`), in the same layer as cli.ts.
    if (parts[0] === 'cli.ts' || parts[0] === 'learn-cli.ts') return 'cli';
    if (parts[0] === 'serve.ts') return 'serve';
    return null;
  }
  return parts[0] in MAY_IMPORT ? (parts[0] as Layer) : null;
}

/** One module reference found in a file. */
interface ImportRef {
  spec: string;
  line: number;
}

/** Every module a file refers to: import/export declarations, import(), require(), import types. */
function importsOf(fileName: string, text: string): ImportRef[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: ImportRef[] = [];
  const add = (lit: ts.Node) => {
    if (ts.isStringLiteralLike(lit)) {
      out.push({ spec: lit.text, line: sf.getLineAndCharacterOfPosition(lit.getStart()).line + 1 });
    }
  };
  const visit = (n: ts.Node) => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier) add(n.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference))
      add(n.moduleReference.expression);
    else if (ts.isCallExpression(n)) {
      const callee = n.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if ((isImport || isRequire) && n.arguments.length > 0) add(n.arguments[0]);
    } else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument)) add(n.argument.literal);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** A rule broken at a place: `path:line: message`. */
type Violation = string;

/**
 * Layer rules for one file. `srcRel` is its path relative to src/ with forward slashes.
 * Returns one violation per forbidden import.
 */
function checkImports(srcRel: string, text: string): Violation[] {
  const from = layerOf(srcRel);
  const out: Violation[] = [];
  if (from === null) {
    out.push(`src/${srcRel}:1: file is in no known layer`);
    return out;
  }
  for (const { spec, line } of importsOf(srcRel, text)) {
    const at = `src/${srcRel}:${line}`;
    if (!spec.startsWith('.') && !spec.startsWith('/')) {
      // A package's own modules (`fengari/src/lua.js`) count as the package.
      const allowedIn = ALLOWED_PACKAGES[spec.split('/')[0]];
      if (NO_PACKAGES.includes(from) && !(allowedIn !== undefined && srcRel.startsWith(allowedIn))) {
        out.push(`${at}: ${from} must not import the package '${spec}'`);
      }
      continue;
    }
    const target = spec.startsWith('/')
      ? spec
      : join(dirname(`/src/${srcRel}`), spec)
          .split(sep)
          .join('/');
    if (!target.startsWith('/src/')) {
      out.push(`${at}: '${spec}' leaves src/`);
      continue;
    }
    const rel = target.slice('/src/'.length);
    const to = layerOf(rel.includes('/') ? rel : rel.replace(/(\.ts)?$/, '.ts')) ?? layerOf(`${rel}/x`);
    if (to === null) {
      out.push(`${at}: '${spec}' resolves to no known layer`);
      continue;
    }
    if (to === from) continue;
    if (!MAY_IMPORT[from].includes(to)) out.push(`${at}: ${from} must not import ${to} ('${spec}')`);
  }
  return out;
}

/**
 * The boundary rule: another layer is entered only through its index.ts (or a listed entry such
 * as host/inline). Same-layer imports may go anywhere.
 */
function checkBoundaries(srcRel: string, text: string): Violation[] {
  const from = layerOf(srcRel);
  const out: Violation[] = [];
  if (from === null) return out;
  for (const { spec, line } of importsOf(srcRel, text)) {
    if (!spec.startsWith('.')) continue;
    const target = join(dirname(`/src/${srcRel}`), spec)
      .split(sep)
      .join('/');
    if (!target.startsWith('/src/')) continue;
    const [top, ...rest] = target.slice('/src/'.length).split('/');
    const to = layerOf(`${top}/x`);
    if (to === null || to === from) continue;
    const inner = rest.join('/').replace(/\/index$|^index$/, '');
    if (inner === '' || (EXTRA_ENTRIES[to] ?? []).includes(inner)) continue;
    out.push(`src/${srcRel}:${line}: enters ${to} through '${spec}' instead of its index`);
  }
  return out;
}

/** Globals that would make the engine impure (time, timers, randomness, DOM/worker I/O). */
const FORBIDDEN_GLOBALS = [
  'setTimeout',
  'setInterval',
  'setImmediate',
  'queueMicrotask',
  'requestAnimationFrame',
  'performance',
  'postMessage',
  'window',
  'document',
  'self',
  'process',
  'crypto',
];
const FORBIDDEN_MEMBERS: Record<string, readonly string[]> = { Date: ['now'], Math: ['random'] };

/** Whether an identifier is a reference (not a property name, member name or declared name). */
function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if (ts.isQualifiedName(p) && p.right === id) return false;
  if (
    (ts.isPropertyAssignment(p) ||
      ts.isPropertyDeclaration(p) ||
      ts.isPropertySignature(p) ||
      ts.isMethodDeclaration(p) ||
      ts.isMethodSignature(p) ||
      ts.isGetAccessorDeclaration(p) ||
      ts.isSetAccessorDeclaration(p) ||
      ts.isEnumMember(p) ||
      ts.isVariableDeclaration(p) ||
      ts.isParameter(p) ||
      ts.isFunctionDeclaration(p) ||
      ts.isClassDeclaration(p) ||
      ts.isInterfaceDeclaration(p) ||
      ts.isTypeAliasDeclaration(p) ||
      ts.isBindingElement(p) ||
      ts.isLabeledStatement(p)) &&
    (p as { name?: ts.Node }).name === id
  ) {
    return false;
  }
  if (ts.isBindingElement(p) && p.propertyName === id) return false;
  return true;
}

/**
 * Purity rule for one engine file: no Date.now, no `new Date(` (log.ts may format an injected
 * instant with `new Date(ms)`), no Math.random, no timers, performance, postMessage, window,
 * document, process or crypto — also not through globalThis.
 */
function checkPurity(srcRel: string, text: string): Violation[] {
  const sf = ts.createSourceFile(srcRel, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: Violation[] = [];
  const at = (n: ts.Node) => `src/${srcRel}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  const visit = (n: ts.Node) => {
    if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression)) {
      const obj = n.expression.text;
      const prop = n.name.text;
      if (FORBIDDEN_MEMBERS[obj]?.includes(prop)) out.push(`${at(n)}: ${obj}.${prop}`);
      if (obj === 'globalThis' && (FORBIDDEN_GLOBALS.includes(prop) || prop in FORBIDDEN_MEMBERS))
        out.push(`${at(n)}: globalThis.${prop}`);
    } else if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'Date') {
      const args = n.arguments ?? [];
      const allowed = srcRel === 'engine/log.ts' && args.length === 1 && args[0].getText(sf) === 'ms';
      if (!allowed) out.push(`${at(n)}: new Date(${args.map((a) => a.getText(sf)).join(', ')})`);
    } else if (ts.isIdentifier(n) && FORBIDDEN_GLOBALS.includes(n.text) && isReference(n)) {
      out.push(`${at(n)}: ${n.text}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** Nothing may point at the team's shared notes: they are not part of the project. */
function checkSharedRefs(rootRel: string, text: string): Violation[] {
  const out: Violation[] = [];
  text.split('\n').forEach((l, i) => {
    if (l.includes('../shared') || l.includes('/work/shared'))
      out.push(`${rootRel}:${i + 1}: refers to the shared notes`);
  });
  return out;
}

// ------------------------------------------------------------------ the tree

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

const srcFiles = walk(SRC)
  .filter((p) => /\.(ts|tsx|mts|cts)$/.test(p) && !p.endsWith('.d.ts'))
  .map((p) => ({ rel: relative(SRC, p).split(sep).join('/'), text: readFileSync(p, 'utf8') }));

/**
 * Violations present in files the author of this test may not change. Each is reported to the
 * lead; delete an entry once its file is fixed (the staleness test below insists).
 */
const KNOWN_VIOLATIONS: Record<string, readonly string[]> = {
  imports: [
    // The Reply type should come re-exported from the playground (it already is).
    "src/scenario/cli-format.ts: scenario must not import engine ('../engine/resp/reply')",
  ],
  boundaries: [
    "src/scenario/cli-format.ts: enters engine through '../engine/resp/reply' instead of its index",
    "src/scenario/cli-format.ts: enters lib through '../lib/bytes' instead of its index",
    "src/scenario/cli-args.ts: enters lib through '../lib/bytes' instead of its index",
  ],
  purity: [],
  shared: ['src/scenario/parse.ts: refers to the shared notes'],
};

/** A violation without its line number, so known entries survive edits elsewhere in the file. */
const lineless = (v: Violation) => v.replace(/^([^:]+):\d+:/, '$1:');

function unexpected(kind: keyof typeof KNOWN_VIOLATIONS, found: Violation[]): Violation[] {
  return found.filter((v) => !KNOWN_VIOLATIONS[kind].includes(lineless(v)));
}

function stale(kind: keyof typeof KNOWN_VIOLATIONS, found: Violation[]): string[] {
  const present = found.map(lineless);
  return KNOWN_VIOLATIONS[kind].filter((v) => !present.includes(v));
}

const allImportViolations = () => srcFiles.flatMap((f) => checkImports(f.rel, f.text));
const allBoundaryViolations = () => srcFiles.flatMap((f) => checkBoundaries(f.rel, f.text));
const allPurityViolations = () =>
  srcFiles.filter((f) => f.rel.startsWith('engine/')).flatMap((f) => checkPurity(f.rel, f.text));
const allSharedViolations = () =>
  [...walk(SRC), ...walk(join(ROOT, 'tests'))]
    .map((p) => relative(ROOT, p).split(sep).join('/'))
    .filter((rel) => rel !== SELF)
    .flatMap((rel) => checkSharedRefs(rel, readFileSync(join(ROOT, rel), 'utf8')));

// ------------------------------------------------------------------ self-checks

describe('the checkers catch synthetic offenders', () => {
  it('flags an engine file importing the playground, in every import form', () => {
    const forms = [
      "import { Playground } from '../playground';",
      "import type { Playground } from '../playground/sim';",
      "export { Playground } from '../playground';",
      "const m = await import('../playground');",
      "const m = require('../playground');",
      "let p: import('../playground').Playground;",
      "import '../playground';",
    ];
    for (const src of forms) {
      expect(checkImports('engine/server.ts', src), src).toEqual([
        `src/engine/server.ts:1: engine must not import playground (${src.match(/'[^']+'/)![0]})`,
      ]);
    }
  });

  it('keeps the bridge a host-level Node layer only the serve entry imports', () => {
    expect(checkImports('bridge/serve.ts', "import { mountApp } from '../ui';")).toEqual([
      "src/bridge/serve.ts:1: bridge must not import ui ('../ui')",
    ]);
    expect(checkImports('host/cluster.ts', "import { TcpBridge } from '../bridge';")).toEqual([
      "src/host/cluster.ts:1: host must not import bridge ('../bridge')",
    ]);
    expect(
      checkImports(
        'serve.ts',
        "import { startServe } from './bridge';\nimport { createNodeWorkerPlayground } from './host/node';",
      ),
    ).toEqual([]);
    expect(checkImports('cli.ts', "import { startServe } from './bridge';")).toEqual([
      "src/cli.ts:1: cli must not import bridge ('./bridge')",
    ]);
  });

  it('flags lib importing anything, ui importing the engine and a package in the engine', () => {
    expect(checkImports('lib/bytes.ts', "import { Server } from '../engine';")).toEqual([
      "src/lib/bytes.ts:1: lib must not import engine ('../engine')",
    ]);
    expect(checkImports('ui/app.ts', "import { x } from '../host';\nimport { y } from '../engine';")).toEqual([
      "src/ui/app.ts:1: ui must not import host ('../host')",
      "src/ui/app.ts:2: ui must not import engine ('../engine')",
    ]);
    expect(checkImports('engine/net.ts', "import { readFileSync } from 'node:fs';")).toEqual([
      "src/engine/net.ts:1: engine must not import the package 'node:fs'",
    ]);
    expect(checkImports('cli.ts', "import { ui } from './ui';")).toEqual([
      "src/cli.ts:1: cli must not import ui ('./ui')",
    ]);
    expect(checkImports('main.ts', "import { p } from './playground';")).toEqual([
      "src/main.ts:1: main must not import playground ('./playground')",
    ]);
    expect(checkImports('engine/x.ts', "import a from '../../shared/notes';")).toEqual([
      "src/engine/x.ts:1: '../../shared/notes' leaves src/",
    ]);
  });

  it('accepts what the rules allow', () => {
    const ok = [
      ['engine/server.ts', "import { SimClock } from '../lib';\nimport { Db } from './keyspace';"],
      [
        'playground/sim.ts',
        "import { Server } from '../engine';\nimport { x } from '../host';\nimport { y } from '../links';",
      ],
      ['host/inline.ts', "import { Server } from '../engine';\nimport { z } from '../links';"],
      ['scenario/run.ts', "import { Playground } from '../playground';"],
      ['ui/app.ts', "import { createStore } from 'zustand/vanilla';\nimport { run } from '../scenario';"],
      ['embed/element.ts', "import { mount } from '../ui';"],
      ['main.ts', "import './embed';\nimport { workerHost } from './host/worker';"],
      ['cli.ts', "import { readFileSync } from 'node:fs';\nimport { inlineHost } from './host/inline';"],
      ['lib/index.ts', "export { SimClock } from './clock';"],
    ] as const;
    for (const [file, src] of ok) expect(checkImports(file, src), file).toEqual([]);
  });

  it('flags deep imports across layers but not inside one', () => {
    expect(checkBoundaries('scenario/run.ts', "import { x } from '../playground/sim';")).toEqual([
      "src/scenario/run.ts:1: enters playground through '../playground/sim' instead of its index",
    ]);
    expect(checkBoundaries('scenario/run.ts', "import { x } from '../playground/index';")).toEqual([]);
    expect(checkBoundaries('cli.ts', "import { h } from './host/inline';")).toEqual([]);
    expect(checkBoundaries('engine/server.ts', "import { f } from './replication/master';")).toEqual([]);
  });

  it('flags impure engine code and ignores comments, strings and property names', () => {
    const bad = [
      'const t = Date.now();',
      'const d = new Date();',
      'const r = Math.random();',
      'setTimeout(f, 1);',
      'const h = setInterval(f, 1);',
      'const t = performance.now();',
      'postMessage(x);',
      'window.alert(1);',
      'document.title = "x";',
      'globalThis.setTimeout(f, 1);',
      'const { now } = { now: performance };',
    ];
    for (const src of bad) expect(checkPurity('engine/server.ts', src), src).toHaveLength(1);
    expect(checkPurity('engine/server.ts', 'const d = new Date(ms);')).toEqual([
      'src/engine/server.ts:1: new Date(ms)',
    ]);
    expect(checkPurity('engine/log.ts', 'const d = new Date();')).toEqual(['src/engine/log.ts:1: new Date()']);
    expect(checkPurity('engine/log.ts', 'const d = new Date(ms);')).toEqual([]);
    const fine = [
      '// Date.now() and window are mentioned in a comment; setTimeout too',
      "const s = 'Math.random window document';",
      'const o = { window: 1, document: 2 }; o.window = o.document;',
      'class B { window = 0; performance(): void {} }',
      'const now = clock.now();',
    ];
    for (const src of fine) expect(checkPurity('engine/server.ts', src), src).toEqual([]);
  });

  it('flags references to the shared notes', () => {
    expect(checkSharedRefs('src/x.ts', '// see ../shared/redis-replication.md\nconst a = 1;')).toEqual([
      'src/x.ts:1: refers to the shared notes',
    ]);
    expect(checkSharedRefs('tests/y.ts', "const a = 1;\nreadFileSync('/work/shared/seed/x')")).toEqual([
      'tests/y.ts:2: refers to the shared notes',
    ]);
    expect(checkSharedRefs('tests/y.ts', 'const shared = 1;')).toEqual([]);
  });
});

// ------------------------------------------------------------------ the tree itself

describe('the source tree', () => {
  it('has files to check', () => {
    expect(srcFiles.some((f) => f.rel.startsWith('engine/'))).toBe(true);
    expect(srcFiles.some((f) => f.rel.startsWith('playground/'))).toBe(true);
  });

  it('puts every source file in a known layer', () => {
    const homeless = srcFiles.filter((f) => layerOf(f.rel) === null).map((f) => f.rel);
    expect(homeless).toEqual([]);
  });

  it('imports only what "who may import whom" allows', () => {
    expect(unexpected('imports', allImportViolations())).toEqual([]);
  });

  it('enters other layers only through their index', () => {
    expect(unexpected('boundaries', allBoundaryViolations())).toEqual([]);
  });

  it('keeps the engine pure (no wall clock, timers, ambient randomness or DOM/worker globals)', () => {
    expect(unexpected('purity', allPurityViolations())).toEqual([]);
  });

  it('never refers to the shared notes (../shared, /work/shared) from src/ or tests/', () => {
    expect(unexpected('shared', allSharedViolations())).toEqual([]);
  });

  it('lists only known violations that still exist (remove an entry once fixed)', () => {
    expect(stale('imports', allImportViolations())).toEqual([]);
    expect(stale('boundaries', allBoundaryViolations())).toEqual([]);
    expect(stale('purity', allPurityViolations())).toEqual([]);
    expect(stale('shared', allSharedViolations())).toEqual([]);
  });
});

/**
 * `npm run build`: every output of the project, into dist/ (or the folder given as argument):
 *
 * 1. the page and the embed demo, multi-file, relative URLs, with sw.js (vite.config.ts);
 * 2. redis-playground.js — the <redis-playground> widget as ONE ES module: worker bundle inlined
 *    (started from a Blob URL), styles as text for the shadow roots, fonts as bytes;
 * 3. playground.html — the whole page in one file (script, styles, worker, fonts inline) that works
 *    opened from disk;
 * 4. node/index.js and types/ — the headless runner API for Node and bundlers (package.json exports).
 *
 * The browser tests call the same functions with a temporary folder.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type InlineConfig } from 'vite';
import { dropPageStyles, inlineWorkers, minifyAll, ROOT, singleHtml, slimFengari } from './plugins';

/** What every single-file library build shares: no config file, everything inlined, one chunk. */
function libConfig(outDir: string, entry: string, fileName: string, quiet: boolean): InlineConfig {
  return {
    root: ROOT,
    configFile: false,
    logLevel: quiet ? 'error' : 'info',
    // Library builds leave process.env.NODE_ENV alone; the browser has no `process`.
    // (fengari reads process.env.FENGARICONF when it loads: no configuration here.)
    define: { 'process.env.NODE_ENV': JSON.stringify('production'), 'process.env.FENGARICONF': 'undefined' },
    // The inlined worker is a classic script: Chromium refuses module workers from Blob URLs in
    // file:// pages (opaque origin), and the bundle imports nothing anyway. Minified like the rest.
    worker: { format: 'iife', plugins: () => [slimFengari(), minifyAll({ format: 'iife' })] },
    build: {
      outDir,
      emptyOutDir: false,
      copyPublicDir: false,
      reportCompressedSize: !quiet,
      // Every asset (the fonts) becomes a data: URL inside the file.
      assetsInlineLimit: () => true,
      lib: { entry: join(ROOT, entry), formats: ['es'], fileName: () => fileName },
      rollupOptions: { output: { inlineDynamicImports: true } },
    },
  };
}

/** The page and embed demo (vite.config.ts), multi-file, with the service worker. */
export async function buildPage(outDir: string, quiet = false): Promise<void> {
  await build({ root: ROOT, logLevel: quiet ? 'error' : 'info', build: { outDir, emptyOutDir: true } });
}

/** dist/redis-playground.js: the widget, one file; and its demo, docs/embed.html, which loads it. */
export async function buildWidget(outDir: string, quiet = false): Promise<void> {
  const cfg = libConfig(outDir, 'src/widget.ts', 'redis-playground.js', quiet);
  await build({ ...cfg, plugins: [inlineWorkers(), dropPageStyles(), slimFengari(), minifyAll()] });
  mkdirSync(join(outDir, 'docs'), { recursive: true });
  copyFileSync(join(ROOT, 'docs/embed.html'), join(outDir, 'docs/embed.html'));
}

/** dist/playground.html: the page, one file. */
export async function buildStandalonePage(outDir: string, quiet = false): Promise<void> {
  const cfg = libConfig(outDir, 'src/main.ts', 'playground.js', quiet);
  await build({
    ...cfg,
    plugins: [inlineWorkers(), slimFengari(), minifyAll(), singleHtml(join(ROOT, 'index.html'), 'playground.html')],
    build: { ...cfg.build, cssCodeSplit: false },
  });
}

/** dist/node/index.js and dist/types: the headless API (playground + scenario runner). */
export async function buildHeadless(outDir: string, quiet = false): Promise<void> {
  const cfg = libConfig(join(outDir, 'node'), 'src/headless.ts', 'index.js', quiet);
  // Node's built-ins stay imports: fengari (the Lua VM) asks `os` for the platform when it loads
  // in Node, and a bundler's empty stand-in for `os` has no platform().
  const nodeBuiltins = ['os', 'fs', 'path', 'crypto', 'child_process', 'tty', 'readline', 'util', 'events'];
  await build({
    ...cfg,
    build: {
      ...cfg.build,
      target: 'node20',
      minify: false,
      rollupOptions: { ...cfg.build?.rollupOptions, external: nodeBuiltins },
    },
  });
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/typescript/bin/tsc'),
      '-p',
      join(ROOT, 'tsconfig.types.json'),
      '--outDir',
      join(outDir, 'types'),
    ],
    { stdio: 'inherit' },
  );
}

/** Everything, in order (the page build empties the folder first). */
export async function buildAll(outDir: string, quiet = false): Promise<void> {
  await buildPage(outDir, quiet);
  await buildWidget(outDir, quiet);
  await buildStandalonePage(outDir, quiet);
  await buildHeadless(outDir, quiet);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(ROOT, 'build/build.ts')) {
  await buildAll(resolve(process.argv[2] ?? join(ROOT, 'dist')));
}

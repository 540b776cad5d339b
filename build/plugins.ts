/**
 * Vite plugins of the project's builds (build/build.ts, vite.config.ts):
 *
 * - `inlineWorkers`: in the single-file builds, host/browser.ts (workers from a script URL) is
 *   replaced by host/browser-inline.ts (workers from a Blob of the inlined worker bundle).
 * - `dropPageStyles`: the widget brings its styles as text into each shadow root, so the page-level
 *   stylesheet imports of ui/index.ts are dropped instead of becoming a CSS file to copy.
 * - `singleHtml`: turns a library build of the page entry into one HTML file, script and styles
 *   inline (dist/playground.html, which works opened from disk).
 * - `serviceWorker`: writes sw.js beside the page, precaching every file of the page build.
 * - `minifyAll`: Vite leaves ES library builds' whitespace alone; a file people copy by hand and
 *   that has a size budget is minified whole.
 * - `slimFengari`: in browser bundles, fengari's lualib.js (which loads every Lua library and, through
 *   them, Node-only modules) is replaced by the one function the libraries Redis has use from it.
 * - `devWidget`: the dev server answers /redis-playground.js (the single file docs/embed.html
 *   loads) with src/widget.ts.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OutputAsset, OutputChunk } from 'rollup';
import { type Plugin, transformWithEsbuild } from 'vite';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Replace host/browser.ts by host/browser-inline.ts wherever it is imported. */
export function inlineWorkers(): Plugin {
  const from = join(ROOT, 'src/host/browser.ts');
  const to = join(ROOT, 'src/host/browser-inline.ts');
  return {
    name: 'rp:inline-workers',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!/(^|\/)browser(\.ts)?$/.test(source)) return null;
      const r = await this.resolve(source, importer, { ...options, skipSelf: true });
      return r && r.id === from ? to : r;
    },
  };
}

const NO_CSS = '\0rp:no-page-css';

/** Plain `import 'x.css'` statements become empty modules (`?inline` CSS imports are kept). */
export function dropPageStyles(): Plugin {
  return {
    name: 'rp:drop-page-styles',
    enforce: 'pre',
    resolveId: (source) => (/\.css$/.test(source) ? NO_CSS : null),
    load: (id) => (id === NO_CSS ? 'export {};' : null),
  };
}

/**
 * Inline a JS module into an HTML `<script>` element: `</script` (and `<!--`) inside the code
 * would end or confuse the element, so they are escaped. Outside strings, regexes and comments
 * neither can occur in valid JS, and inside those `<\/` and `<\!--` mean the same characters.
 */
export function inlineScript(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/**
 * Emit `fileName`: `template` (the page's index.html) with its module script replaced by the
 * built entry chunk and every stylesheet of the build inlined; the chunk and CSS files are
 * removed from the output, and the template's font preloads (the fonts are data: URLs now) too.
 */
export function singleHtml(template: string, fileName: string): Plugin {
  return {
    name: 'rp:single-html',
    enforce: 'post',
    generateBundle(_opts, bundle) {
      const chunks = Object.values(bundle).filter((f): f is OutputChunk => f.type === 'chunk');
      const css = Object.values(bundle).filter(
        (f): f is OutputAsset => f.type === 'asset' && f.fileName.endsWith('.css'),
      );
      if (chunks.length !== 1) this.error(`expected one chunk, got ${chunks.map((c) => c.fileName).join(', ')}`);
      // Every browser that runs the page reads woff2: the woff fallbacks would only add weight.
      const styles = css
        .map((a) => String(a.source))
        .join('\n')
        .replace(/,\s*url\(data:font\/woff;base64,[^)]*\)\s*format\(["']woff["']\)/g, '');
      let html = readFileSync(template, 'utf8')
        .replace(/\s*<link rel="preload"[^>]*>/g, '')
        .replace(/\s*<!-- The consoles' font[^>]*-->/, '');
      html = html.replace('</head>', () => `    <style>${styles.replace(/<\/(style)/gi, '<\\/$1')}</style>\n  </head>`);
      const script = /<script type="module" src="[^"]*"><\/script>/;
      if (!script.test(html)) this.error('the template has no module script to replace');
      html = html.replace(script, () => `<script type="module">${inlineScript(chunks[0].code)}</script>`);
      for (const f of [...chunks, ...css]) delete bundle[f.fileName];
      this.emitFile({ type: 'asset', fileName, source: html });
    },
  };
}

/**
 * Write sw.js (from build/service-worker.js) into the page build, with the list of every file the
 * build wrote and a cache name that changes whenever any of them does.
 */
export function serviceWorker(): Plugin {
  return {
    name: 'rp:service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_opts, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => !f.endsWith('.map'))
        .sort();
      const hash = createHash('sha256');
      for (const f of files) {
        const item = bundle[f];
        hash.update(f).update(item.type === 'chunk' ? item.code : item.source);
      }
      const version = hash.digest('hex').slice(0, 12);
      const source = readFileSync(join(ROOT, 'build/service-worker.js'), 'utf8')
        .replace('__RP_VERSION__', version)
        .replace('__RP_FILES__', JSON.stringify(['./', ...files]));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

/** In `npm run dev`, /redis-playground.js is the widget's source entry. */
export function devWidget(): Plugin {
  return {
    name: 'rp:dev-widget',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.url === '/redis-playground.js') req.url = '/src/widget.ts';
        next();
      });
    },
  };
}

/**
 * Minify every chunk of a library build (identifiers, syntax and whitespace). Done once the
 * chunks are final (generateBundle): Vite's own renderChunk pass reprints ES library code with
 * whitespace, after any renderChunk of ours.
 */
export function minifyAll(opts: { format: 'esm' | 'iife' } = { format: 'esm' }): Plugin {
  return {
    name: 'rp:minify-all',
    enforce: 'post',
    async generateBundle(_opts, bundle) {
      for (const f of Object.values(bundle)) {
        if (f.type !== 'chunk') continue;
        const out = await transformWithEsbuild(f.code, f.fileName, {
          minify: true,
          format: opts.format,
          target: 'es2022',
        });
        f.code = out.code;
      }
    },
  };
}

const LUALIB_STUB = '\0rp:fengari-lualib';
const EMPTY_CJS = '\0rp:empty';
const FENGARI_SRC = /[\\/]fengari[\\/]src[\\/]/;

/**
 * fengari's ltablib/lstrlib/ldblib require lualib.js only for its no-op `lua_assert`, but lualib.js
 * requires every Lua library (io, os, package, utf8, coroutine) and those pull in readline-sync and
 * tmp: about a fifth of the Lua VM's bytes for nothing Redis's Lua offers. ldblib's `debug.debug()`
 * (never reachable: scripts cannot read stdin) is the only user of readline-sync.
 */
export function slimFengari(): Plugin {
  return {
    name: 'rp:slim-fengari',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const inFengari = !!importer && FENGARI_SRC.test(importer);
      if (inFengari && source === './lualib.js') return LUALIB_STUB;
      if (inFengari && source === 'readline-sync') return EMPTY_CJS;
      // The engine loads fengari's index first only for Node's sake (scripting/fengari.ts).
      if (source === 'fengari' && !inFengari) return EMPTY_CJS;
      if (!inFengari && !source.startsWith('fengari')) return null;
      // Its modules only define exports: where nothing uses them (the page's main thread, which
      // imports the engine's index for a few helpers), they can go.
      const r = await this.resolve(source, importer, { ...options, skipSelf: true });
      return r && FENGARI_SRC.test(r.id) ? { ...r, moduleSideEffects: false } : r;
    },
    load(id) {
      if (id === LUALIB_STUB) return 'export function lua_assert() {}';
      if (id === EMPTY_CJS) return 'export default {};';
      return null;
    },
  };
}

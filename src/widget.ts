/// <reference types="vite/client" />
/**
 * Widget entry, built into the single file dist/redis-playground.js (vite.widget.config.ts): a
 * page needs only `<script type="module" src="…/redis-playground.js">` and `<redis-playground>`.
 * It registers the element — nothing else on the page is touched: no `#app` lookup, no globals,
 * no stylesheet (each element carries its styles in its shadow root). The nodes' Web Workers start
 * from the worker bundle inlined in the file (host/browser-inline.ts is swapped in for
 * host/browser.ts by the build), so the file works from any path and any host.
 *
 * The consoles' font is inlined too and registered with the FontFace API from bytes, at document
 * level (shadow roots do not register @font-face in every browser): that adds the family
 * "JetBrains Mono" to `document.fonts` and changes no page style. Registering from bytes rather
 * than a URL means no font request at all, so a Content-Security-Policy needs no font-src for it.
 */

import { defineRedisPlayground, WIDGET_FONT_URL as font400, loadLearnPanel } from './embed';
import { createBrowserWorkerPlayground, createBrowserWorkerPool } from './host/browser';

export { RedisPlaygroundElement } from './embed';

/** The bytes of a base64 `data:` URL. */
function dataUrlBytes(url: string): Uint8Array<ArrayBuffer> {
  const bin = atob(url.slice(url.indexOf(',') + 1));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Register the bundled monospace font once per document (a second copy of the file adds nothing). */
function registerFonts(): void {
  if (typeof FontFace !== 'function' || !document.fonts) return;
  for (const f of document.fonts) if (f.family.replace(/"/g, '') === 'JetBrains Mono') return;
  // Only the regular weight is shipped (bold is synthesised by the browser): the bold face's ~22 KiB
  // of compressed glyphs is what lets the Learn panel fit the file's 300 KiB budget.
  // The build inlines the font as a data: URL; the dev server may hand out a file URL instead.
  const source = font400.startsWith('data:') ? dataUrlBytes(font400) : `url(${JSON.stringify(font400)})`;
  document.fonts.add(new FontFace('JetBrains Mono', source, { weight: '400', style: 'normal', display: 'swap' }));
}

if (!customElements.get('redis-playground')) {
  registerFonts();
  const pool = createBrowserWorkerPool({ maxIdle: 8 });
  defineRedisPlayground(
    (o) => createBrowserWorkerPlayground({ version: o.version, seed: o.seed, epoch: Date.now(), pool }),
    { learnPanel: loadLearnPanel },
  );
}

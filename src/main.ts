/**
 * Page entry: chooses the host that runs the nodes — one Web Worker per node, linked by
 * MessageChannels (host/browser) — mounts the playground page with it and registers the
 * <redis-playground> element with the same host. Query parameters pick the starting point:
 * `?version=4.0&preset=chain&nodes=4&theme=light` (read by the element's own settings parser: a
 * value that cannot be used is said in the page, never silently replaced; a lesson for the Learn
 * panel: `?tutorial=seed&lang=zh`, `?exercise=ID`, `?tutorial-src=URL`, `?exercise-src=URL`).
 *
 * The nodes' workers are what takes longest to be ready (fetch, compile, start an engine), so the
 * first thing the page does is start booting as many as the starting preset needs, from a pool
 * every playground on the page takes its workers from (and gives them back to on a rebuild).
 * (Chromium gets a worker going only once this thread is free: they boot while the browser lays
 * out and paints what mountApp built; making them start earlier — a separate entry, yielding
 * between consoles — only delayed the consoles on two cores.)
 *
 * The built page registers sw.js (build/service-worker.js), which precaches the build so the page
 * keeps working offline after the first visit; the single-file dist/playground.html has nothing
 * to cache and does not.
 */
/// <reference types="vite/client" />
import { defineRedisPlayground } from './embed';
import { createBrowserWorkerPlayground, createBrowserWorkerPool } from './host/browser';
import { loadLearnPanel, mountApp, type PlaygroundFactory, parseSettings, plannedNodeCount } from './ui';

const params = new URLSearchParams(location.search);
const { settings, problems } = parseSettings((name) => params.get(name), 'url', [
  'version',
  'preset',
  'nodes',
  'theme',
]);
const el = document.getElementById('app');

const pool = createBrowserWorkerPool({ maxIdle: 8 });
if (el) pool.warm(plannedNodeCount(settings.preset, settings.nodes));

const createPlayground: PlaygroundFactory = (o) =>
  createBrowserWorkerPlayground({ version: o.version, seed: o.seed, epoch: Date.now(), pool });

if (el) {
  el.replaceChildren();
  mountApp(el, {
    createPlayground,
    version: settings.version,
    preset: settings.preset,
    nodes: settings.nodes,
    theme: settings.theme,
    notices: problems.map((p) => p.message),
    seed: Math.floor(Math.random() * 2 ** 31),
    // A share link (#rp1=…) replays its session instead of the preset.
    fragment: location.hash,
    learnPanel: loadLearnPanel,
    learn: {
      lang: params.get('lang'),
      tutorial: params.get('tutorial'),
      exercise: params.get('exercise'),
      tutorialSrc: params.get('tutorial-src'),
      exerciseSrc: params.get('exercise-src'),
    },
  });
}
defineRedisPlayground(createPlayground, { learnPanel: loadLearnPanel });

/**
 * Register the page's service worker, from the folder the build's assets/ sit in (so any page of
 * the build — and any base path — finds the same one). Not in dev, not in playground.html.
 */
function registerServiceWorker(): void {
  if (!import.meta.env.RP_OFFLINE || !('serviceWorker' in navigator)) return;
  if (location.protocol !== 'http:' && location.protocol !== 'https:') return;
  // The build keeps this module in assets/; sw.js is one level up. (Written with a variable base so
  // Vite does not take it for an asset of its own to bundle.)
  const here = import.meta.url;
  // After the load event: precaching (mostly from the HTTP cache) then never competes with the
  // first view and the workers' boot.
  const register = () =>
    navigator.serviceWorker.register(new URL('../sw.js', here)).catch((e: unknown) => {
      console.warn(`redis-playground: offline cache unavailable (${e instanceof Error ? e.message : String(e)})`);
    });
  if (document.readyState === 'complete') void register();
  else addEventListener('load', () => void register(), { once: true });
}
registerServiceWorker();

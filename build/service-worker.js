/*
 * The page's service worker (sw.js beside index.html; the build fills in the file list and the
 * version). It precaches every file of the build on install, so once the page has been visited it
 * keeps working with no network: reload, Add node (a new Web Worker script), presets, the version
 * switch. Pages are fetched network first (a new deploy shows at once when online) and fall back to
 * the cache; the content-hashed assets come from the cache first. Query strings are ignored when
 * matching (`index.html?version=4.0` is `index.html`). A new build has a new version: its worker
 * installs the new files, takes over, and deletes the old cache.
 */
const VERSION = '__RP_VERSION__';
const FILES = __RP_FILES__;
const PREFIX = `redis-playground:${self.registration.scope}:`;
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || !req.url.startsWith(self.registration.scope)) return;
  const cached = () => caches.open(CACHE).then((cache) => cache.match(req, { ignoreSearch: true }));
  if (req.mode === 'navigate') {
    event.respondWith(fetch(req).catch(() => cached().then((r) => r ?? Response.error())));
  } else {
    event.respondWith(cached().then((r) => r ?? fetch(req)));
  }
});

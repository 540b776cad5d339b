/**
 * Page entry: chooses the host that runs the nodes — one Web Worker per node, linked by
 * MessageChannels (host/browser) — mounts the playground page with it and registers the
 * <redis-playground> element with the same host. Query parameters pick the starting point:
 * `?version=4.0&preset=chain&nodes=4&theme=light`.
 */
import { defineRedisPlayground } from './embed';
import { createBrowserWorkerPlayground } from './host/browser';
import { mountApp, type PlaygroundFactory } from './ui';

const createPlayground: PlaygroundFactory = (o) =>
  createBrowserWorkerPlayground({ version: o.version, seed: o.seed, epoch: Date.now() });

const params = new URLSearchParams(location.search);
const version = params.get('version');
const theme = params.get('theme');
const nodes = Number.parseInt(params.get('nodes') ?? '', 10);
const el = document.getElementById('app');
if (el) {
  el.replaceChildren();
  mountApp(el, {
    createPlayground,
    version: version === '4.0' || version === '7.0' ? version : undefined,
    preset: params.get('preset') ?? undefined,
    nodes: Number.isFinite(nodes) && nodes >= 1 && nodes <= 32 ? nodes : undefined,
    theme: theme === 'light' || theme === 'dark' ? theme : undefined,
    seed: Math.floor(Math.random() * 2 ** 31),
  });
}
defineRedisPlayground(createPlayground);

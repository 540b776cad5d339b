/**
 * `<redis-playground>`: the whole playground as a custom element, several per page, each with its
 * own nodes. Attributes: `version` ("7.0" or "4.0"), `preset` ("replicas", "masters", "chain",
 * "fan"), `nodes` (how many), `title` (a heading; none by default), `theme` ("light"/"dark").
 * Changing version, preset or nodes rebuilds that element's playground.
 */
import type { RedisVersion } from '../playground';
import { type AppHandle, mountApp, type PlaygroundFactory } from '../ui';
import { shadowContainer } from './shadow';

/** The host every element uses; the page's entry registers it (main.ts: Web Workers). */
let factory: PlaygroundFactory | null = null;

function versionOf(v: string | null): RedisVersion | undefined {
  return v === '4.0' || v === '7.0' ? v : undefined;
}

function nodesOf(v: string | null): number | undefined {
  const n = v === null ? Number.NaN : Number.parseInt(v, 10);
  return Number.isFinite(n) && n >= 1 && n <= 32 ? n : undefined;
}

/** The element class. */
export class RedisPlaygroundElement extends HTMLElement {
  static observedAttributes = ['version', 'preset', 'nodes'];
  private app: AppHandle | null = null;

  connectedCallback(): void {
    if (this.app || !factory) return;
    const theme = this.getAttribute('theme');
    // Rendered in a shadow root with its own styles (embed/shadow.ts): no CSS in or out.
    this.app = mountApp(shadowContainer(this), {
      createPlayground: factory,
      version: versionOf(this.getAttribute('version')),
      preset: this.getAttribute('preset') ?? undefined,
      nodes: nodesOf(this.getAttribute('nodes')),
      title: this.getAttribute('title'),
      theme: theme === 'light' || theme === 'dark' ? theme : undefined,
    });
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (!this.app || old === value) return;
    if (name === 'version') void this.app.reload({ version: versionOf(value) ?? '7.0' });
    else if (name === 'preset')
      void this.app.reload({ preset: value ?? 'replicas', nodes: nodesOf(this.getAttribute('nodes')) });
    else if (name === 'nodes') void this.app.reload({ nodes: nodesOf(value) });
  }

  disconnectedCallback(): void {
    this.app?.dispose();
    this.app = null;
  }

  /** The mounted app (null while detached). */
  get playground(): AppHandle | null {
    return this.app;
  }
}

/**
 * Register `<redis-playground>` (once). `createPlayground` picks the host that runs the nodes of
 * every element (main.ts passes the Web Worker host).
 */
export function defineRedisPlayground(createPlayground: PlaygroundFactory): void {
  factory = createPlayground;
  if (!customElements.get('redis-playground')) customElements.define('redis-playground', RedisPlaygroundElement);
}

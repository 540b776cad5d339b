/**
 * `<redis-playground>`: the whole playground as a custom element, several per page, each with its
 * own nodes, clock, controls and console history.
 *
 * Attributes (parsed by ui/settings, the parser the page's URL parameters go through too):
 * `version`, `preset`, `nodes` (a count or a list of ports), `scenario` (URL of a .scn; or an
 * inline `<script type="text/redis-scenario">` child), `layout` (full/compact), `height`, `theme`,
 * `title`, `history` (local/off). A value that cannot be used shows a notice inside the widget and
 * a console warning. Changing `version`, `preset`, `nodes`, `scenario` or `history` rebuilds that
 * element's playground; `title`, `layout`, `height` and `theme` change in place. The `title` attribute is read and removed, so it never becomes a native
 * tooltip over the whole widget; the `title` property still reads it.
 *
 * API: `exec(node, line)`, `run(scenarioText)`, `reset()`, `snapshot(node)`, `ready`; events:
 * `redis-log`, `redis-reply`, `redis-role`, `redis-psync`, `redis-ready` (CustomEvents that bubble
 * and cross shadow roots).
 */
import type { NodeSnapshot } from '../playground';
import {
  type AppHandle,
  type LearnOptions,
  type LearnPanelLoader,
  mountApp,
  type PlaygroundEventMap,
  type PlaygroundEventType,
  type PlaygroundFactory,
  parseSettings,
} from '../ui';
import { shadowContainer } from './shadow';

/** The Learn panel's loader, when the entry that registered the element gives one (the page does). */
let learnPanelLoader: LearnPanelLoader | undefined;

/** The host every element uses; the page's entry registers it (main.ts: Web Workers). */
let factory: PlaygroundFactory | null = null;

/** The `type` of an inline start scenario: a non-executing script, read as text. */
export const SCENARIO_SCRIPT_TYPE = 'text/redis-scenario';

/** The element's JS API. `node` is a port (6380), "6380" or "127.0.0.1:6380". */
export interface RedisPlaygroundApi {
  /** Run one console line on a node (not shown in its console); resolves to the text redis-cli would print. */
  exec(node: string | number, line: string): Promise<string>;
  /**
   * Run a scenario (.scn text) on the live playground, as the headless runner runs its steps, the
   * command steps typed into the consoles; resolves to the transcript.
   */
  run(scenarioText: string): Promise<string>;
  /** Back to the starting set-up, start scenario included (the Reset button). */
  reset(): Promise<void>;
  /** The node's public snapshot (role, offsets, replid/replid2, backlog, replicas, keys); null while down. */
  snapshot(node: string | number): Promise<NodeSnapshot | null>;
  /** Resolves when the current start set-up is done (the `redis-ready` event). */
  readonly ready: Promise<void>;
}

/** The element's events: `el.addEventListener('redis-reply', (e) => e.detail.text)`. */
export type RedisPlaygroundEventMap = { [K in PlaygroundEventType]: CustomEvent<PlaygroundEventMap[K]> };

/** Attributes whose change rebuilds the playground. */
const REBUILD = ['version', 'preset', 'nodes', 'scenario', 'history'];
/** Attributes applied in place: how the playground looks, not what runs in it. */
const LOOK = ['layout', 'height', 'theme'] as const;

/**
 * The Learn panel's attributes, the page's address parameters of the same names: a lesson to open
 * (`tutorial`, `exercise`, or an author's file by URL: `tutorial-src`, `exercise-src`) and the
 * panel's language (`lang`: en or zh). Changing one opens that lesson, without a rebuild.
 */
const LEARN_ATTRIBUTES = ['tutorial', 'exercise', 'tutorial-src', 'exercise-src', 'lang'] as const;

function learnOptionsOf(el: HTMLElement): LearnOptions {
  return {
    lang: el.getAttribute('lang'),
    tutorial: el.getAttribute('tutorial'),
    exercise: el.getAttribute('exercise'),
    tutorialSrc: el.getAttribute('tutorial-src'),
    exerciseSrc: el.getAttribute('exercise-src'),
  };
}

/** The element class. */
export class RedisPlaygroundElement extends HTMLElement implements RedisPlaygroundApi {
  static observedAttributes = [...REBUILD, ...LOOK, 'title', ...LEARN_ATTRIBUTES];
  private app: AppHandle | null = null;
  private titleText: string | null = null;
  private removingTitle = false;

  /** The title (kept here: the attribute is removed so it shows no tooltip). */
  override get title(): string {
    return this.titleText ?? '';
  }
  override set title(value: string) {
    this.setAttribute('title', value);
  }

  connectedCallback(): void {
    if (this.app || !factory) return;
    this.mount();
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name === 'title') {
      if (this.removingTitle || value === null) return;
      this.titleText = value;
      this.removingTitle = true;
      this.removeAttribute('title');
      this.removingTitle = false;
      this.app?.update({ title: value });
      return;
    }
    if (!this.app || old === value) return;
    if ((LEARN_ATTRIBUTES as readonly string[]).includes(name)) {
      void this.app.learn(learnOptionsOf(this));
      return;
    }
    if ((LOOK as readonly string[]).includes(name)) {
      const look = LOOK.find((l) => l === name)!;
      const { settings, problems } = parseSettings((n) => this.getAttribute(n), 'attribute', [look]);
      for (const p of problems) this.app.notice(p.message);
      if (look === 'layout') this.app.update({ layout: settings.layout });
      else if (look === 'height') this.app.update({ height: settings.height ?? null });
      else this.app.update({ theme: settings.theme ?? null });
      return;
    }
    this.remount();
  }

  disconnectedCallback(): void {
    this.app?.dispose();
    this.app = null;
  }

  /** The mounted app (null while detached). */
  get playground(): AppHandle | null {
    return this.app;
  }

  get ready(): Promise<void> {
    return this.app ? this.app.ready : Promise.reject(notConnected());
  }

  exec(node: string | number, line: string): Promise<string> {
    return this.app ? this.app.exec(node, line) : Promise.reject(notConnected());
  }

  run(scenarioText: string): Promise<string> {
    return this.app ? this.app.run(scenarioText) : Promise.reject(notConnected());
  }

  reset(): Promise<void> {
    return this.app ? this.app.reset() : Promise.reject(notConnected());
  }

  snapshot(node: string | number): Promise<NodeSnapshot | null> {
    return this.app ? this.app.snapshot(node) : Promise.reject(notConnected());
  }

  override addEventListener<K extends keyof RedisPlaygroundEventMap>(
    type: K,
    listener: (this: RedisPlaygroundElement, ev: RedisPlaygroundEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void {
    super.addEventListener(type, listener, options);
  }

  override removeEventListener<K extends keyof RedisPlaygroundEventMap>(
    type: K,
    listener: (this: RedisPlaygroundElement, ev: RedisPlaygroundEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void {
    super.removeEventListener(type, listener, options);
  }

  /**
   * Where the playground is built: a container in the element's shadow root, with its own styles
   * (embed/shadow.ts), so no CSS goes in or out.
   */
  private mountRoot(): HTMLElement {
    return shadowContainer(this);
  }

  /**
   * The key this widget's console history is kept under: its id, or else its position among the
   * page's widgets (the same on every visit of a page whose widgets stay put).
   */
  /**
   * Where share links for this element point (`#rp1-TARGET=…`): its id when it has a plain one
   * (letters, digits, `_`, `-`), otherwise its 1-based position among the document's elements.
   */
  private shareTarget(): string {
    if (/^[A-Za-z0-9_-]+$/.test(this.id)) return this.id;
    return String([...document.querySelectorAll('redis-playground')].indexOf(this) + 1);
  }

  private historyKey(): string {
    if (this.id) return `redis-playground:history:widget:${this.id}:`;
    const root = this.getRootNode() as Document | ShadowRoot;
    const index = [...root.querySelectorAll('redis-playground')].indexOf(this) + 1;
    return `redis-playground:history:widget:#${index}:`;
  }

  private remountQueued = false;

  /**
   * Rebuild once for all the attributes a script changes in one go (`el.setAttribute('nodes', …);
   * el.setAttribute('preset', …)`): at the end of the current task's microtasks.
   */
  private remount(): void {
    if (this.remountQueued) return;
    this.remountQueued = true;
    queueMicrotask(() => {
      this.remountQueued = false;
      if (!this.app) return;
      this.app.dispose();
      this.app = null;
      if (this.isConnected && factory) this.mount();
    });
  }

  private mount(): void {
    const { settings, problems } = parseSettings((n) => this.getAttribute(n), 'attribute');
    const notices = problems.map((p) => p.message);
    const inline = this.querySelector(`script[type="${SCENARIO_SCRIPT_TYPE}"]`);
    let scenario: string | Promise<string> | undefined;
    if (settings.scenarioUrl !== undefined) {
      if (inline) notices.push(`Both a scenario attribute and an inline scenario: running ${settings.scenarioUrl}.`);
      scenario = fetchScenario(settings.scenarioUrl, this.ownerDocument.baseURI);
    } else if (inline) scenario = inline.textContent ?? '';
    this.app = mountApp(this.mountRoot(), {
      createPlayground: factory!,
      version: settings.version,
      preset: settings.preset,
      nodes: settings.nodes,
      title: this.titleText,
      theme: settings.theme,
      layout: settings.layout,
      height: settings.height,
      history: settings.history,
      historyKey: this.historyKey(),
      scenario,
      notices,
      emit: (type, detail) => this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true })),
      learn: learnOptionsOf(this),
      learnPanel: learnPanelLoader,
      fragment: location.hash,
      shareTarget: this.shareTarget(),
    });
    // A rejection here is already shown as a notice; callers who care await `ready` themselves.
    this.app.ready.catch(() => {});
  }
}

function notConnected(): Error {
  return new Error('<redis-playground> is not in a document: add it to the page first.');
}

/** Fetch a scenario's text; an HTTP error is an error (shown as a notice). */
async function fetchScenario(url: string, base: string): Promise<string> {
  const res = await fetch(new URL(url, base));
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
  return res.text();
}

declare global {
  interface HTMLElementTagNameMap {
    'redis-playground': RedisPlaygroundElement;
  }
}

/**
 * Register `<redis-playground>` (once). `createPlayground` picks the host that runs the nodes of
 * every element (main.ts passes the Web Worker host).
 */
export function defineRedisPlayground(
  createPlayground: PlaygroundFactory,
  opts: { learnPanel?: LearnPanelLoader } = {},
): void {
  factory = createPlayground;
  learnPanelLoader = opts.learnPanel;
  if (!customElements.get('redis-playground')) customElements.define('redis-playground', RedisPlaygroundElement);
}

/**
 * The playground page (or widget): toolbar, topology, one panel per node (console + log; one tab
 * per node on narrow screens) and the merged log timeline. It owns the store and the session,
 * runs the animation-frame loop that moves simulated time, mounts and disposes node panels as
 * nodes come and go, and types the preset's set-up lines into the consoles.
 */
import { presetById } from '../content';
import type { RedisVersion } from '../playground';
import { mountControls } from './controls';
import { Disposables, h, portOf } from './dom';
import { mountLogView } from './log-view/log-view';
import { mountNodePanel, type NodePanelHandle } from './node-panel';
import { type PlaygroundFactory, Session } from './session';
import { type AppStore, createAppStore, localHistoryStorage, memoryHistoryStorage, type Theme, watch } from './store';
import { MONO_FONT } from './theme';
import { mountTopology } from './topology/topology-view';

export interface AppOptions {
  /** Makes the playground; main.ts picks the host (in-page simulator or Web Workers). */
  createPlayground: PlaygroundFactory;
  version?: RedisVersion;
  /** Preset id (see content/presets). */
  preset?: string;
  /** Node count for the preset (its default when absent). */
  nodes?: number;
  /** Page title shown in the header; null hides the header title (widgets). */
  title?: string | null;
  /** Where console history and the theme are kept; null keeps nothing. Default: localStorage. */
  storage?: Storage | null;
  theme?: Theme;
  /** Seed for the playground's randomness (replication IDs, pids). */
  seed?: number;
}

/** A mounted app. */
export interface AppHandle {
  readonly store: AppStore;
  /** Resolves once the first playground is loaded and its set-up lines were typed. */
  readonly ready: Promise<void>;
  /** Rebuild the playground (new version or preset). */
  reload(opts: { version?: RedisVersion; preset?: string; nodes?: number }): Promise<void>;
  dispose(): void;
}

const THEME_KEY = 'redis-playground:theme';
/** Apps mounted so far on this page (for unique element ids). */
let appCount = 0;

function initialTheme(opts: AppOptions, storage: Storage | null): Theme {
  if (opts.theme) return opts.theme;
  const saved = storage?.getItem(THEME_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * Start fetching the bundled monospace font. Nothing waits for it: a console measures its cells
 * again once it arrives.
 */
function loadFonts(): void {
  const fonts = typeof document === 'undefined' ? undefined : document.fonts;
  if (!fonts) return;
  Promise.all([fonts.load(`13px ${MONO_FONT}`), fonts.load(`bold 13px ${MONO_FONT}`)]).catch(() => {});
}

/** The plan of the nodes a playground made with these options starts with. */
function planFor(preset: string | undefined, nodes: number | undefined) {
  const p = presetById(preset);
  return p.plan(nodes ?? p.defaultNodes);
}

/** How many nodes a playground made with these options starts with (a page boots that many workers early). */
export function plannedNodeCount(preset?: string, nodes?: number): number {
  return planFor(preset, nodes).ports.length;
}

/** Mount the playground UI into `el`. */
export function mountApp(el: HTMLElement, opts: AppOptions): AppHandle {
  if (typeof performance.mark === 'function') performance.mark('rp:mount');
  const storage = opts.storage === undefined ? safeLocalStorage() : opts.storage;
  const store = createAppStore({
    history: storage ? localHistoryStorage(storage) : memoryHistoryStorage(),
    layout: { theme: initialTheme(opts, storage), version: opts.version ?? '7.0', preset: presetById(opts.preset).id },
  });
  const d = new Disposables();
  let session: Session | null = null;
  let nodesWanted = opts.nodes;
  const panels = new Map<string, NodePanelHandle>();
  let perSession = new Disposables();

  const uid = `rp${++appCount}`;
  loadFonts();
  const toolbar = h('div', { class: 'rp-toolbar', role: 'group', 'aria-label': 'Controls' });
  const header = h('header', { class: 'rp-top' });
  if (opts.title !== null)
    header.append(h('h1', { class: 'rp-title', text: opts.title ?? 'Redis replication playground' }));
  header.append(toolbar);
  const topo = h('section', { class: 'rp-topology', 'aria-label': 'Topology' }, h('h2', { text: 'Topology' }));
  const tabs = h('div', { class: 'rp-tabs', role: 'tablist', 'aria-label': 'Nodes' });
  const nodesEl = h('div', { class: 'rp-nodes' });
  const timeline = h('section', { class: 'rp-timeline', 'aria-label': 'Timeline' });
  const root = h('div', { class: 'rp-app' }, header, topo, tabs, nodesEl, timeline);
  el.append(root);
  d.add(() => root.remove());

  const applyTheme = () => {
    root.dataset.theme = store.getState().theme;
  };
  applyTheme();
  d.add(
    watch(
      store,
      (s) => s.theme,
      (t) => {
        applyTheme();
        try {
          storage?.setItem(THEME_KEY, t);
        } catch {
          // not kept
        }
      },
    ),
  );

  // ---------------------------------------------------------------- node panels and tabs

  const syncPanels = () => {
    if (!session) return;
    const s = store.getState();
    for (const [name, p] of panels) {
      if (!s.nodes[name]) {
        p.dispose();
        panels.delete(name);
      }
    }
    const fresh = s.nodeOrder.some((n) => !panels.has(n));
    for (const name of s.nodeOrder) {
      if (!panels.has(name)) panels.set(name, mountNodePanel(nodesEl, { node: name, store, session, idPrefix: uid }));
    }
    // For the benchmarks: when the consoles accept input.
    if (fresh && typeof performance.mark === 'function') performance.mark('rp:consoles-ready');
    // Keep DOM order = creation order, moving only what is out of place (a moved element loses
    // its scroll positions).
    let prev: Element | null = null;
    for (const name of s.nodeOrder) {
      const sec = panels.get(name)!.section;
      if (sec.previousElementSibling !== prev || sec.parentElement !== nodesEl) {
        nodesEl.insertBefore(sec, prev ? prev.nextSibling : nodesEl.firstChild);
      }
      prev = sec;
    }
    if (s.activeNode === null || !s.nodes[s.activeNode]) s.setActiveNode(s.nodeOrder[0] ?? null);
    renderTabs();
  };

  const renderTabs = () => {
    const s = store.getState();
    tabs.replaceChildren(
      ...s.nodeOrder.map((name) => {
        const active = name === s.activeNode;
        const panel = panels.get(name);
        const tab = h('button', {
          type: 'button',
          role: 'tab',
          class: 'rp-tab',
          id: `tab-${panel?.section.id ?? name}`,
          'aria-selected': String(active),
          'aria-controls': panel?.section.id ?? null,
          tabindex: active ? 0 : -1,
          'data-running': String(s.nodes[name]?.running ?? false),
          text: `:${portOf(name)}`,
          title: name,
          onclick: () => s.setActiveNode(name),
        });
        return tab;
      }),
    );
    for (const [name, p] of panels) p.section.dataset.active = String(name === s.activeNode);
  };
  d.listen(tabs, 'keydown', (ev) => {
    const s = store.getState();
    const i = s.activeNode ? s.nodeOrder.indexOf(s.activeNode) : 0;
    let next = -1;
    if (ev.key === 'ArrowRight') next = (i + 1) % s.nodeOrder.length;
    else if (ev.key === 'ArrowLeft') next = (i - 1 + s.nodeOrder.length) % s.nodeOrder.length;
    else if (ev.key === 'Home') next = 0;
    else if (ev.key === 'End') next = s.nodeOrder.length - 1;
    if (next < 0) return;
    ev.preventDefault();
    s.setActiveNode(s.nodeOrder[next]);
    tabs.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus();
  });
  d.add(watch(store, (s) => s.nodeOrder, syncPanels));
  d.add(
    watch(
      store,
      (s) => [s.activeNode, s.nodes] as const,
      () => {
        renderTabs();
        const a = store.getState().activeNode;
        if (a) panels.get(a)?.console.fit();
      },
      (a, b) => a[0] === b[0] && a[1] === b[1],
    ),
  );

  // ---------------------------------------------------------------- toolbar and timeline

  const sessionRef = () => {
    if (!session) throw new Error('no playground loaded');
    return session;
  };
  d.add(
    mountControls(toolbar, {
      store,
      session: sessionRef,
      reload: (o) => void reload(o),
    }),
  );
  d.add(
    mountLogView(timeline, {
      store,
      node: null,
      label: 'Timeline of all nodes',
      title: 'Timeline',
      withFilter: true,
      maxLines: 3000,
    }),
  );

  // ---------------------------------------------------------------- the playground itself

  const teardown = () => {
    perSession.dispose();
    perSession = new Disposables();
    for (const p of panels.values()) p.dispose();
    panels.clear();
    session?.dispose();
    session = null;
    store.getState().setNodeList([]);
    store.getState().clearLogs();
    store.setState({ cutLinks: [], psyncs: [], psyncSeen: {}, inFlight: [], activeNode: null });
  };

  const load = async () => {
    const s = store.getState();
    const plan = planFor(s.preset, nodesWanted);
    const sess = new Session(store, opts.createPlayground({ version: s.version, seed: opts.seed }));
    session = sess;
    perSession.add(mountTopology(topo, { store, session: sess }));
    // Nothing waits for the nodes to be up (nor for the bundled font: a console measures its cells
    // again once it arrives): `load` adds them at once, so their consoles mount and accept input
    // now, and starts them; a line typed meanwhile — the preset's set-up lines first — waits for
    // its node's start, as the host runs operations in order.
    const loading = sess.load(plan);
    syncPanels();
    for (const { port, line } of plan.setup) {
      const name = plan.ports.includes(port) ? `127.0.0.1:${port}` : null;
      if (name) panels.get(name)?.console.type(line);
    }
    try {
      await loading;
    } catch (e) {
      // Replaced while loading (the reader switched again): nothing to finish.
      if (session === sess) throw e;
    }
  };

  const reload = async (o: { version?: RedisVersion; preset?: string; nodes?: number }) => {
    teardown();
    const s = store.getState();
    if (o.version) s.setVersion(o.version);
    if (o.preset) {
      s.setPreset(presetById(o.preset).id);
      nodesWanted = o.nodes;
    } else if (o.nodes !== undefined) nodesWanted = o.nodes;
    await load();
  };

  // ---------------------------------------------------------------- time

  let raf = 0;
  let last = performance.now();
  const loop = (t: number) => {
    const dt = t - last;
    last = t;
    void session?.frame(dt, t);
    raf = requestAnimationFrame(loop);
  };
  raf = requestAnimationFrame(loop);
  d.add(() => cancelAnimationFrame(raf));
  d.add(teardown);

  const ready = load();
  return {
    store,
    ready,
    reload,
    dispose: () => d.dispose(),
  };
}

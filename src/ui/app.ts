/**
 * The playground page (or widget): notices, toolbar, topology, one panel per node (console + log;
 * one tab per node on narrow screens) and the merged log timeline. It owns the store and the
 * session, runs the animation-frame loop that moves simulated time, mounts and disposes node panels
 * as nodes come and go, types the preset's set-up lines into the consoles and runs the start
 * scenario, and offers what the `<redis-playground>` element's API calls: exec, run, reset,
 * snapshot, and the events of events.ts.
 */
import { presetById } from '../content';
import type { NodeSnapshot, RedisVersion } from '../playground';
import { formatParseErrors, parseScenario, type Scenario } from '../scenario';
import { mountControls } from './controls';
import { Disposables, h, portOf } from './dom';
import { type Emit, mountEvents } from './events';
import { pickLang, strings } from './learn/i18n';
import type { LearnPanelHandle, LearnTarget } from './learn/learn-panel';
import { mountLogView } from './log-view/log-view';
import { mountNodePanel, type NodePanelHandle } from './node-panel';
import { createNotices } from './notices';
import { type PlaygroundFactory, Session } from './session';
import { describePlan, type HistoryMode, type Layout, planOf } from './settings';
import { checkScript, decodeShare, isShareFragment } from './share/codec';
import { replayScenario } from './share/replay';
import { mountShareControls } from './share/share-controls';
import { type AppStore, createAppStore, localHistoryStorage, memoryHistoryStorage, type Theme, watch } from './store';
import { MONO_FONT } from './theme';
import { mountTopology } from './topology/topology-view';
import { execLine, liveNodes, nodeNameOf, runScenarioOn } from './widget-api';

export interface AppOptions {
  /** Makes the playground; main.ts picks the host (in-page simulator or Web Workers). */
  createPlayground: PlaygroundFactory;
  version?: RedisVersion;
  /** Preset id (see content/presets). */
  preset?: string;
  /** Node count for the preset (its default when absent), or the ports of its nodes. */
  nodes?: number | readonly number[];
  /**
   * The title: absent, the page's own `<h1>`; a string, a widget's title (text, not a heading: a
   * widget is part of someone else's page); null, none.
   */
  title?: string | null;
  /** Where console history and the theme are kept; null keeps nothing. Default: localStorage. */
  storage?: Storage | null;
  /** `off` keeps console history in memory only. Default: local (in `storage`). */
  history?: HistoryMode;
  /**
   * Prefix of the storage keys of console history (one key per node); a widget passes its own so
   * each widget remembers its own lines. Default: the page's.
   */
  historyKey?: string;
  theme?: Theme;
  /** `compact`: consoles and topology only, for a narrow column. */
  layout?: Layout;
  /** The playground's height (a CSS length); it scrolls inside. */
  height?: string;
  /**
   * A scenario (.scn text, or a promise of it) run at start after the preset's set-up, its command
   * steps typed into the consoles. Without `preset` and `nodes`, its `nodes` step makes the nodes;
   * its `redis` step picks the version unless `version` is given.
   */
  scenario?: string | Promise<string>;
  /** Messages to show at start (settings that could not be used). */
  notices?: readonly string[];
  /** Where the playground's events go (the element dispatches them). */
  emit?: Emit;
  /** Seed for the playground's randomness (replication IDs, pids). */
  seed?: number;
  /**
   * The address's fragment: a share link's (`#rp1=…`) is replayed instead of the preset. The page
   * passes `location.hash` and lets Share write the link into the address bar; widgets do not.
   */
  fragment?: string;
  /**
   * Set in a `<redis-playground>`: the share links it replays and makes are `#rp1-TARGET=…`, and
   * Share leaves the host page's address alone (codec.ts's fragmentPrefix).
   */
  shareTarget?: string;
  /** A lesson to open at start, and the Learn panel's language (en/zh; the browser's by default). */
  learn?: LearnOptions;
  /** Loads the Learn panel (index.ts's loadLearnPanel); without it there is no Learn button. */
  learnPanel?: () => Promise<typeof import('./learn/learn-panel')>;
}

/** Where the Learn panel starts: `?tutorial=ID`, `?exercise=ID`, `tutorial-src=URL`, `exercise-src=URL`, `lang`. */
export interface LearnOptions {
  lang?: string | null;
  tutorial?: string | null;
  exercise?: string | null;
  tutorialSrc?: string | null;
  exerciseSrc?: string | null;
}

/** The lesson a set of Learn options names, or null. */
export function learnTargetOf(o: LearnOptions | undefined): LearnTarget | null {
  if (!o) return null;
  if (o.tutorialSrc) return { kind: 'tutorial', src: o.tutorialSrc };
  if (o.exerciseSrc) return { kind: 'exercise', src: o.exerciseSrc };
  if (o.tutorial) return { kind: 'tutorial', id: o.tutorial };
  if (o.exercise) return { kind: 'exercise', id: o.exercise };
  return null;
}

/** What a widget may change without rebuilding its playground (null: back to the default). */
export interface AppLook {
  title?: string | null;
  layout?: Layout;
  height?: string | null;
  theme?: Theme | null;
}

/** A mounted app. */
export interface AppHandle {
  readonly store: AppStore;
  /** Resolves once the first playground is loaded, its set-up lines ran and its start scenario too. */
  readonly ready: Promise<void>;
  /** Rebuild the playground (new version or preset). */
  reload(opts: { version?: RedisVersion; preset?: string; nodes?: number | readonly number[] }): Promise<void>;
  /** Back to the starting set-up: version, preset, nodes and start scenario as first given. */
  reset(): Promise<void>;
  /** Run one console line on a node (not shown in its console); resolves to what redis-cli prints. */
  exec(node: string | number, line: string): Promise<string>;
  /** Run a scenario on the live playground, command steps typed into the consoles; resolves to its transcript. */
  run(scenarioText: string): Promise<string>;
  /** A node's public snapshot (null while it is down). */
  snapshot(node: string | number): Promise<NodeSnapshot | null>;
  /** Show a message inside the playground (role="alert") and warn on the console. */
  notice(message: string): void;
  /** Change the title, layout, height or theme in place. */
  update(look: AppLook): void;
  /** Rebuild the playground from a scenario script and replay it in the consoles (Import). */
  replay(scn: string, seed?: number): Promise<void>;
  /** Open the Learn panel on a lesson (none named: its list), optionally switching its language. */
  learn(o: LearnOptions): Promise<void>;
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

/** How many nodes a playground made with these options starts with (a page boots that many workers early). */
export function plannedNodeCount(preset?: string, nodes?: number | readonly number[]): number {
  return planOf(preset, nodes).ports.length;
}

/** Mount the playground UI into `el`. */
export function mountApp(el: HTMLElement, opts: AppOptions): AppHandle {
  if (typeof performance.mark === 'function') performance.mark('rp:mount');
  const storage = opts.storage === undefined ? safeLocalStorage() : opts.storage;
  const store = createAppStore({
    history: storage && opts.history !== 'off' ? localHistoryStorage(storage, opts.historyKey) : memoryHistoryStorage(),
    layout: { theme: initialTheme(opts, storage), version: opts.version ?? '7.0', preset: presetById(opts.preset).id },
  });
  const d = new Disposables();
  let session: Session | null = null;
  let nodesWanted = opts.nodes;
  // The start scenario runs at start and on reset only; a preset or version switch drops it.
  let withScenario = opts.scenario !== undefined;
  const startVersion = opts.version;
  const emit: Emit = opts.emit ?? (() => {});
  const notices = createNotices();
  const panels = new Map<string, NodePanelHandle>();
  let perSession = new Disposables();

  const uid = `rp${++appCount}`;
  loadFonts();
  const toolbar = h('div', { class: 'rp-toolbar', role: 'group', 'aria-label': 'Controls' });
  const header = h('header', { class: 'rp-top' });
  // The page's title is its heading; a widget's is text that names its region (a widget is part of
  // someone else's page, whose headings are theirs).
  const widget = opts.title !== undefined;
  const titleEl = widget
    ? h('div', { class: 'rp-title' })
    : h('h1', { class: 'rp-title', text: 'Redis replication playground' });
  header.append(titleEl, toolbar);
  const topo = h('section', { class: 'rp-topology', 'aria-label': 'Topology' }, h('h2', { text: 'Topology' }));
  const tabs = h('div', { class: 'rp-tabs', role: 'tablist', 'aria-label': 'Nodes' });
  const nodesEl = h('div', { class: 'rp-nodes' });
  const timeline = h('section', { class: 'rp-timeline', 'aria-label': 'Timeline' });
  // The Learn panel: loaded with its Markdown renderer only when first opened.
  let learnLang = pickLang(opts.learn?.lang);
  const learnEl = h('aside', { class: 'rp-learn', 'aria-label': strings(learnLang).learn, hidden: true });
  const learnBtn = h('button', {
    type: 'button',
    class: 'rp-learn-toggle',
    'aria-expanded': 'false',
    text: strings(learnLang).learn,
  });
  learnBtn.hidden = !opts.learnPanel;
  header.append(learnBtn);
  const root = h('div', { class: 'rp-app' }, notices.el, header, learnEl, topo, tabs, nodesEl, timeline);
  if (widget) root.setAttribute('role', 'region');

  const update = (o: AppLook) => {
    if (o.title !== undefined && widget) {
      titleEl.textContent = o.title ?? '';
      titleEl.hidden = o.title === null;
      root.setAttribute('aria-label', o.title ?? 'Redis replication playground');
    }
    if (o.layout !== undefined) root.dataset.layout = o.layout;
    if (o.height !== undefined) {
      root.style.height = o.height ?? '';
      if (o.height) root.dataset.height = '';
      else delete root.dataset.height;
    }
    if (o.theme !== undefined)
      store.getState().setTheme(o.theme ?? initialTheme({ ...opts, theme: undefined }, storage));
  };
  update({ title: opts.title, layout: opts.layout ?? 'full', height: opts.height ?? null });
  el.append(root);
  d.add(() => root.remove());
  for (const m of opts.notices ?? []) notices.show(m);

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
      reset: () => void reset(),
      notify: (m) => notices.show(m),
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
    store.setState({ cutLinks: [], psyncs: [], psyncSeen: {}, replidSeen: {}, inFlight: [], activeNode: null });
  };

  /** The start scenario, parsed (null: none, or it could not be fetched or parsed — a notice says so). */
  let startScenario: Promise<Scenario | null> | null = null;
  const scenarioOnce = (): Promise<Scenario | null> => {
    startScenario ??= (async () => {
      let text: string;
      try {
        text = await opts.scenario!;
      } catch (e) {
        notices.show(`The start scenario could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
        return null;
      }
      const parsed = parseScenario(text);
      if (!parsed.ok) {
        notices.show(`The start scenario was not run: ${formatParseErrors(parsed.errors)}`);
        return null;
      }
      const sc = parsed.scenario;
      if (sc.versionExplicit && startVersion && startVersion !== sc.version)
        notices.show(
          `The start scenario asks for Redis ${sc.version} but the playground is set to ${startVersion}; running ${startVersion}.`,
        );
      return sc;
    })();
    return startScenario;
  };

  // Which load is the latest: one that waited for its scenario while the playground was reset,
  // rebuilt or disposed must not build a second session.
  let loads = 0;
  let disposed = false;
  d.add(() => {
    disposed = true;
  });

  /**
   * Load the preset's plan and the start scenario, or (a replay) exactly these ports, nothing
   * typed, with this seed.
   */
  const load = async (exact?: { ports: number[]; seed: number }) => {
    const mine = ++loads;
    const scenario = withScenario && !exact ? await scenarioOnce() : null;
    if (mine !== loads || disposed) return;
    const s = store.getState();
    // A set-up made by hand or by a replay ('custom') goes back to a preset's when rebuilt.
    if (!exact) s.setPreset(presetById(s.preset).id);
    if (scenario?.versionExplicit && !startVersion && scenario.version !== s.version) s.setVersion(scenario.version);
    // With a start scenario and neither a preset nor nodes asked for, the scenario's own `nodes`
    // step makes the nodes.
    const plan = exact
      ? { ports: exact.ports, setup: [] }
      : scenario && opts.preset === undefined && nodesWanted === undefined
        ? { ports: [], setup: [] }
        : planOf(s.preset, nodesWanted);
    s.setSetupLabel(!exact && plan.ports.length ? describePlan(s.preset, plan) : '');
    const seed = exact?.seed ?? opts.seed ?? 1;
    const sess = new Session(store, opts.createPlayground({ version: s.version, seed }), seed);
    session = sess;
    perSession.add(mountTopology(topo, { store, session: sess }));
    perSession.add(mountEvents(store, sess, emit));
    // Nothing waits for the nodes to be up (nor for the bundled font: a console measures its cells
    // again once it arrives): `load` adds them at once, so their consoles mount and accept input
    // now, and starts them; a line typed meanwhile — the preset's set-up lines first — waits for
    // its node's start, as the host runs operations in order.
    const loading = sess.load(plan);
    syncPanels();
    const typed: Promise<string>[] = [];
    for (const { port, line } of plan.setup) {
      const name = plan.ports.includes(port) ? `127.0.0.1:${port}` : null;
      const panel = name ? panels.get(name) : undefined;
      if (panel) typed.push(panel.console.run(line));
    }
    try {
      await loading;
      await Promise.all(typed);
      if (scenario && session === sess) await runScenarioOn(sess, scenario, panels, () => session === sess);
    } catch (e) {
      // Replaced while loading (the reader switched again): nothing to finish.
      if (session !== sess) return;
      notices.show(`The start set-up failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (session === sess) emit('redis-ready', { nodes: sess.api.nodeNames() });
  };

  let loaded: Promise<void> = Promise.resolve();
  const reload = (o: { version?: RedisVersion; preset?: string; nodes?: number | readonly number[] }) => {
    generation++;
    teardown();
    withScenario = false;
    const s = store.getState();
    if (o.version) s.setVersion(o.version);
    if (o.preset) {
      s.setPreset(presetById(o.preset).id);
      nodesWanted = o.nodes;
    } else if (o.nodes !== undefined) nodesWanted = o.nodes;
    loaded = load();
    return loaded;
  };

  const reset = () => {
    generation++;
    teardown();
    const s = store.getState();
    s.setVersion(startVersion ?? '7.0');
    s.setPreset(presetById(opts.preset).id);
    nodesWanted = opts.nodes;
    withScenario = opts.scenario !== undefined;
    // The starting clock and network: running at 1×, no latency or bandwidth limit.
    s.setPaused(false);
    s.setSpeed(1);
    s.setShape(0, 0);
    loaded = load();
    return loaded;
  };

  /** The session once the current load has made it (API calls made early wait for it). */
  const current = async (): Promise<Session> => {
    await loaded;
    return sessionRef();
  };
  // run() calls queue behind one another: two scenarios typed into the same consoles at once
  // would interleave their lines.
  let runs: Promise<unknown> = Promise.resolve();

  // ---------------------------------------------------------------- share, export, import

  /** Bumped by every rebuild: a replay under way stops when the reader starts something else. */
  let generation = 0;
  const rebuildExact = async (o: { version: RedisVersion; ports: number[]; seed: number }) => {
    teardown();
    withScenario = false;
    store.getState().setVersion(o.version);
    store.getState().setPreset('custom');
    // A replay starts on loopback links; the script's network notes shape them where they were.
    store.getState().setShape(0, 0);
    loaded = load({ ports: o.ports, seed: o.seed });
    await loaded;
  };
  const replayText = async (text: string, seed: number, from: string) => {
    const parsed = checkScript(text);
    if (!parsed.ok) {
      shareUi.say(`${from}: ${parsed.message}`, true);
      return;
    }
    const gen = ++generation;
    shareUi.say(`Replaying ${from}…`);
    const r = await replayScenario(
      parsed.scenario,
      text,
      seed,
      {
        store,
        rebuild: rebuildExact,
        session: sessionRef,
        console: (node, con = 1) => panels.get(node)?.consoleN(con),
      },
      () => gen === generation,
    );
    if (gen !== generation) return;
    shareUi.say(
      `Replayed ${from}: ${r.steps} steps.${r.notes.length ? ` ${r.notes.join('; ')}` : ''}`,
      r.notes.length > 0,
    );
  };
  const shareUi = mountShareControls(toolbar, {
    recording: () => {
      const rec = session?.recorder;
      return rec ? { scn: rec.toScenario(), seed: rec.start.seed } : null;
    },
    replay: (text, from) => replayText(text, Math.floor(Math.random() * 2 ** 31), from),
    dropZone: root,
    updateUrl: opts.fragment !== undefined && opts.shareTarget === undefined,
    target: opts.shareTarget,
  });
  d.add(() => shareUi.dispose());

  // ---------------------------------------------------------------- learn

  let learnPanel: Promise<LearnPanelHandle> | null = null;
  const learnPanelNow = () => {
    learnPanel ??= opts.learnPanel!().then(({ mountLearnPanel }) => {
      const p = mountLearnPanel(learnEl, {
        store,
        root,
        session: () => session,
        console: (node, con = 1) => panels.get(node)?.consoleN(con),
        reload: (o) => reload(o),
        storage,
        lang: learnLang,
      });
      d.add(() => p.dispose());
      return p;
    });
    return learnPanel;
  };
  const setLearnOpen = (open: boolean) => {
    learnEl.hidden = !open;
    root.dataset.learn = open ? 'open' : 'closed';
    learnBtn.setAttribute('aria-expanded', String(open));
  };
  const learn = async (o: LearnOptions) => {
    if (!opts.learnPanel) {
      notices.show(
        'This playground was set up without the Learn panel (defineRedisPlayground was given no learnPanel).',
      );
      return;
    }
    if (o.lang !== undefined && o.lang !== null) {
      learnLang = pickLang(o.lang);
      learnEl.setAttribute('aria-label', strings(learnLang).learn);
      learnBtn.textContent = strings(learnLang).learn;
    }
    setLearnOpen(true);
    const p = await learnPanelNow();
    p.setLang(learnLang);
    await p.open(learnTargetOf(o));
  };
  d.listen(learnBtn, 'click', () => {
    if (!learnEl.hidden) setLearnOpen(false);
    else if (learnPanel) setLearnOpen(true);
    else void learn({});
  });

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

  // A share link pasted into the address bar of an open page changes only the fragment.
  if (opts.fragment !== undefined && typeof window !== 'undefined') {
    const onHash = () => {
      if (!isShareFragment(location.hash, opts.shareTarget)) return;
      const r = decodeShare(location.hash, opts.shareTarget);
      if (r.ok) void replayText(r.payload.scn, r.payload.seed, 'the shared link');
      else shareUi.say(r.message, true);
    };
    window.addEventListener('hashchange', onHash);
    d.add(() => window.removeEventListener('hashchange', onHash));
  }
  const target = opts.shareTarget;
  const fromLink = opts.fragment && isShareFragment(opts.fragment, target) ? decodeShare(opts.fragment, target) : null;
  if (fromLink?.ok) loaded = replayText(fromLink.payload.scn, fromLink.payload.seed, 'the shared link');
  else {
    loaded = load();
    if (fromLink) shareUi.say(fromLink.message, true);
  }
  // A lesson in the address builds its own playground once the first one is up.
  const ready = learnTargetOf(opts.learn) ? loaded.then(() => learn(opts.learn!)) : loaded;
  return {
    store,
    ready,
    learn,
    reload,
    reset,
    exec: async (node, line) => {
      const sess = await current();
      return execLine(sess, nodeNameOf(sess, node), line);
    },
    run: (text) => {
      const job = runs.then(async () => {
        const sess = await current();
        const parsed = parseScenario(text, { live: liveNodes(sess) });
        if (!parsed.ok) throw new Error(formatParseErrors(parsed.errors));
        const sc = parsed.scenario;
        if (sc.versionExplicit && sc.version !== sess.api.version)
          throw new Error(
            `This playground runs Redis ${sess.api.version}; the scenario asks for redis ${sc.version} (change the version first).`,
          );
        return runScenarioOn(sess, sc, panels, () => session === sess);
      });
      runs = job.catch(() => {});
      return job;
    },
    snapshot: async (node) => {
      const sess = await current();
      return sess.api.snapshot(nodeNameOf(sess, node));
    },
    notice: (m) => notices.show(m),
    update,
    replay: (scn, seed) => replayText(scn, seed ?? Math.floor(Math.random() * 2 ** 31), 'the scenario'),
    dispose: () => d.dispose(),
  };
}

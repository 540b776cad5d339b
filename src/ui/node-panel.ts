/**
 * One node's panel: `<section aria-label="Node 127.0.0.1:6379">` with its name, role and state,
 * the buttons that act on the process (Kill, SHUTDOWN, Start), on the network (Isolate/Reconnect)
 * and on the layout (Remove), its redis-cli consoles and its log (`role="log"`).
 *
 * A node may have several consoles, one tab each: "+" opens another (a redis-cli of its own:
 * connection, db, MULTI state, subscriptions, history), × closes it (its connection goes away).
 * Console 1 is always there. Scenarios name console N `PORT/N>`.
 */
import { type ConsoleHandle, mountConsole } from './console/console-view';
import { Disposables, downloadBytes, h, portOf, toggleAttr } from './dom';
import { mountLogView } from './log-view/log-view';
import type { Session } from './session';
import { type AppState, type AppStore, watch } from './store';

export interface NodePanelDeps {
  node: string;
  store: AppStore;
  session: Session;
  /** Prefix for element ids, unique per app (several playgrounds may share a page). */
  idPrefix?: string;
}

/** A mounted panel: the app types preset lines into its console. */
export interface NodePanelHandle {
  readonly section: HTMLElement;
  /** Console 1. */
  readonly console: ConsoleHandle;
  /** Console `n` (1, 2, ...), opened (and shown) if it is not open yet. */
  consoleN(n: number): ConsoleHandle;
  dispose(): void;
}

/** A node's consoles at most (each is a connection and a terminal). */
export const MAX_CONSOLES = 8;

/**
 * Short role/state words for the panel header, in Redis's own words: a replica's link as INFO
 * replication says it (`master_link_status:up`, `master_sync_in_progress:1` during a full sync),
 * with ROLE's state word (connect, connecting, handshake, sync, connected) in the tooltip.
 */
function describe(s: AppState, node: string): { role: string; state: string; title: string } {
  const n = s.nodes[node];
  if (!n?.running) return { role: 'down', state: 'not running', title: '' };
  const snap = n.snapshot;
  if (!snap) return { role: 'starting', state: '', title: '' };
  if (snap.role === 'master') {
    const k = snap.replicas.length;
    return { role: 'master', state: k ? `${k} replica${k > 1 ? 's' : ''}` : 'no replicas', title: '' };
  }
  const link =
    snap.linkState === 'connected'
      ? 'master_link_status:up'
      : `master_link_status:down${snap.linkState === 'sync' ? ' · master_sync_in_progress:1' : ''}`;
  return {
    role: 'replica',
    state: `of ${snap.masterHost}:${snap.masterPort} · ${link}`,
    title: `ROLE says: ${snap.linkState}`,
  };
}

/** Mount the panel of `deps.node` at the end of `parent`. */
export function mountNodePanel(parent: HTMLElement, deps: NodePanelDeps): NodePanelHandle {
  const { node, store, session } = deps;
  const d = new Disposables();
  const id = `${deps.idPrefix ?? 'rp'}-node-${node.replace(/[^a-z0-9]/gi, '-')}`;
  const roleBadge = h('span', { class: 'rp-role' });
  const stateText = h('span', { class: 'rp-nodestate' });
  const act = (fn: () => Promise<unknown>) => () => {
    void fn();
  };
  const kill = h('button', {
    type: 'button',
    class: 'rp-danger',
    text: 'Kill',
    title: 'Crash this node (kill -9): no save, peers see the connection reset',
    onclick: act(() => session.kill(node)),
  });
  const shutdown = h('button', {
    type: 'button',
    text: 'SHUTDOWN',
    title: 'Send SHUTDOWN (saves an RDB if save points are configured, then exits)',
    onclick: act(() => session.shutdown(node)),
  });
  const start = h('button', {
    type: 'button',
    class: 'rp-primary',
    text: 'Start',
    title: 'Start the node again (it loads its last RDB file)',
    onclick: act(() => session.start(node)),
  });
  const isolate = h('button', {
    type: 'button',
    text: 'Isolate',
    title: 'Partition this node from every other node',
    'aria-pressed': 'false',
    onclick: act(() => session.setIsolated(node, !session.isIsolated(node))),
  });
  const remove = h('button', {
    type: 'button',
    class: 'rp-small rp-remove',
    text: 'Remove',
    title: `Remove ${node} from the playground`,
    onclick: act(() => session.removeNode(node)),
  });
  const rdb = h('button', {
    type: 'button',
    class: 'rp-small',
    text: 'dump.rdb',
    title: `Download the RDB file a SAVE on ${node} would write now (the node itself is left as it is)`,
    onclick: act(async () => {
      const bytes = await session.dumpRdb(node);
      if (bytes) downloadBytes(`dump-${portOf(node)}.rdb`, bytes);
    }),
  });
  const consoleEl = h('div', {
    class: 'rp-console',
    role: 'group',
    'aria-label': `Console ${node}`,
    'data-console': '1',
  });
  // Toggle buttons rather than ARIA tabs: on a phone the node panels are tabs themselves.
  const tabs = h('div', { class: 'rp-contabs', role: 'group', 'aria-label': `Consoles of ${node}` });
  const consolesEl = h('div', { class: 'rp-consoles' }, tabs, consoleEl);
  const logEl = h('div', { class: 'rp-logbox' });
  const section = h(
    'section',
    { class: 'rp-node', id, 'aria-label': `Node ${node}`, 'data-node': node },
    h(
      'header',
      { class: 'rp-nodehead' },
      h('h2', { class: 'rp-nodename', text: node }),
      roleBadge,
      stateText,
      h(
        'div',
        { class: 'rp-actions', role: 'group', 'aria-label': `Actions for ${node}` },
        kill,
        shutdown,
        start,
        isolate,
        rdb,
        remove,
      ),
    ),
    consolesEl,
    logEl,
  );
  parent.append(section);
  d.add(() => section.remove());

  const consoleHandle = mountConsole(consoleEl, { node, store, session });
  d.add(() => consoleHandle.dispose());

  // ---- console tabs
  interface Tab {
    n: number;
    tab: HTMLButtonElement;
    box: HTMLElement;
    handle: ConsoleHandle;
    item: HTMLElement;
  }
  const open = new Map<number, Tab>();
  const addButton = h('button', {
    type: 'button',
    class: 'rp-small rp-contab-add',
    text: '+',
    title: `Open another redis-cli on ${node}`,
    'aria-label': `Open another console on ${node}`,
    onclick: () => {
      const n = [...Array(MAX_CONSOLES).keys()].map((i) => i + 1).find((i) => !open.has(i));
      if (n !== undefined) show(openConsole(n)).handle.focus();
    },
  });
  // (A console shown again is fitted by its own ResizeObserver, which redraws its line too.)
  const show = (t: Tab): Tab => {
    if (!t.box.hidden && t.tab.getAttribute('aria-pressed') === 'true') return t;
    for (const o of open.values()) {
      const on = o === t;
      o.box.hidden = !on;
      o.tab.setAttribute('aria-pressed', String(on));
    }
    return t;
  };
  const tabButton = (n: number, box: HTMLElement) => {
    return h('button', {
      type: 'button',
      class: 'rp-contab',
      'aria-controls': box.id,
      title: `Show redis-cli ${n} of ${node}`,
      text: `redis-cli ${n}`,
    });
  };
  const openConsole = (n: number): Tab => {
    const have = open.get(n);
    if (have) return have;
    let box = consoleEl;
    let handle = consoleHandle;
    const item = h('span', { class: 'rp-contab-item' });
    if (n !== 1) {
      box = h('div', {
        class: 'rp-console',
        role: 'group',
        'aria-label': `Console ${n} ${node}`,
        'data-console': String(n),
        id: `${id}-con${n}`,
      });
      box.hidden = true;
      consolesEl.append(box);
      handle = mountConsole(box, { node, store, session, con: n });
    } else box.id = `${id}-con1`;
    const tab = tabButton(n, box);
    item.append(tab);
    const t: Tab = { n, tab, box, handle, item };
    tab.onclick = () => show(t).handle.focus();
    if (n !== 1) {
      item.append(
        h('button', {
          type: 'button',
          class: 'rp-contab-close',
          text: '×',
          title: `Close redis-cli ${n} (its connection closes)`,
          'aria-label': `Close console ${n} of ${node}`,
          onclick: () => closeConsole(t),
        }),
      );
    }
    open.set(n, t);
    const after = [...open.values()].filter((o) => o.n > n).sort((a, b) => a.n - b.n)[0];
    tabs.insertBefore(item, after ? after.item : addButton);
    addButton.hidden = open.size >= MAX_CONSOLES;
    return t;
  };
  const closeConsole = (t: Tab) => {
    t.handle.dispose();
    t.box.remove();
    t.item.remove();
    open.delete(t.n);
    addButton.hidden = false;
    void session.closeConsole(node, t.n);
    if (t.box.hidden === false || ![...open.values()].some((o) => !o.box.hidden)) show(open.get(1)!);
  };
  tabs.append(addButton);
  show(openConsole(1));
  d.add(() => {
    for (const t of open.values()) if (t.n !== 1) t.handle.dispose();
  });
  d.add(mountLogView(logEl, { store, node, label: `Log ${node}`, title: 'Log' }));

  const render = () => {
    const s = store.getState();
    const running = s.nodes[node]?.running ?? false;
    const { role, state, title } = describe(s, node);
    roleBadge.textContent = role;
    roleBadge.dataset.role = role;
    stateText.textContent = state;
    stateText.title = title;
    section.dataset.running = String(running);
    toggleAttr(kill, 'disabled', !running);
    toggleAttr(shutdown, 'disabled', !running);
    toggleAttr(start, 'disabled', running);
    toggleAttr(rdb, 'disabled', !running);
    const iso = session.isIsolated(node);
    isolate.textContent = iso ? 'Reconnect' : 'Isolate';
    isolate.setAttribute('aria-pressed', String(iso));
    remove.hidden = !s.capabilities.remove;
  };
  render();
  d.add(
    watch(
      store,
      (s) => [s.nodes[node], s.cutLinks, s.capabilities] as const,
      render,
      (a, b) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2],
    ),
  );
  return {
    section,
    console: consoleHandle,
    consoleN: (n) => {
      if (!Number.isInteger(n) || n < 1 || n > MAX_CONSOLES)
        throw new Error(`A node has consoles 1 to ${MAX_CONSOLES} in the page, not ${n}.`);
      return show(openConsole(n)).handle;
    },
    dispose: () => d.dispose(),
  };
}

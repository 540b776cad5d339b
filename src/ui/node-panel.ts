/**
 * One node's panel: `<section aria-label="Node 127.0.0.1:6379">` with its name, role and state,
 * the buttons that act on the process (Kill, SHUTDOWN, Start), on the network (Isolate/Reconnect)
 * and on the layout (Remove), its redis-cli console and its log (`role="log"`).
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
  readonly console: ConsoleHandle;
  dispose(): void;
}

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
  const consoleEl = h('div', { class: 'rp-console', role: 'group', 'aria-label': `Console ${node}` });
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
    consoleEl,
    logEl,
  );
  parent.append(section);
  d.add(() => section.remove());

  const consoleHandle = mountConsole(consoleEl, { node, store, session });
  d.add(() => consoleHandle.dispose());
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
  return { section, console: consoleHandle, dispose: () => d.dispose() };
}

/**
 * The topology: a card per node (role, master_repl_offset, short replid/replid2, keys, and the
 * backlog drawn as the window [repl_backlog_first_byte_offset, master_repl_offset] with each
 * replica's next offset marked), the replication links between them with their state
 * (connecting, handshake, RDB transfer with a progress bar, online, down, cut — each link can be
 * cut and healed from its label), bytes in flight moving along the links, and the latest PSYNC
 * decisions explained: requested ID and offset against the master's IDs and window, the answer,
 * and why.
 */
import { clockText, Disposables, h, portOf, svg } from '../dom';
import type { Session } from '../session';
import { type AppState, type AppStore, linkKey, type NodeView, type PsyncView, watch } from '../store';
import {
  type BacklogWindow,
  backlogWindow,
  explainPsync,
  levelsOf,
  linkOf,
  masterOf,
  shortId,
  type TopoLink,
} from './model';

export interface TopologyDeps {
  store: AppStore;
  session: Session;
}

/** Where along a link (0 = master, 1 = replica) its label sits. */
const LABEL_AT = 0.7;

/** How many PSYNC decisions the panel lists. */
const PSYNC_SHOWN = 4;

function backlogEl(w: BacklogWindow): HTMLElement {
  // The axis runs from the lowest point of interest to end + 1 (the next offset to be written).
  const lo = Math.min(w.first, ...w.marks.map((m) => m.next), Math.max(0, w.end + 1 - w.size));
  const hi = w.end + 1;
  const span = Math.max(1, hi - lo);
  const at = (o: number) => `${(((Math.min(hi, Math.max(lo, o)) - lo) / span) * 100).toFixed(2)}%`;
  const bar = h('div', {
    class: 'rp-bl-bar',
    role: 'img',
    'aria-label': `Backlog window ${w.first} to ${w.end}${w.marks.map((m) => `; ${portOf(m.replica)} at ${m.next}${m.inside ? '' : ' (outside)'}`).join('')}`,
  });
  const winLeft = at(w.first);
  bar.append(
    h('div', {
      class: 'rp-bl-win',
      style: `left:${winLeft};width:calc(${at(hi)} - ${winLeft})`,
    }),
  );
  // Replicas at (nearly) the same place share one mark, labelled with all their ports.
  const groups: { pos: number; inside: boolean; names: string[]; next: number }[] = [];
  for (const m of [...w.marks].sort((a, b) => a.next - b.next)) {
    const pos = (Math.min(hi, Math.max(lo, m.next)) - lo) / span;
    const g = groups.find((x) => Math.abs(x.pos - pos) < 0.12 && x.inside === m.inside);
    if (g) g.names.push(m.replica);
    else groups.push({ pos, inside: m.inside, names: [m.replica], next: m.next });
  }
  for (const g of groups) {
    const edge = g.pos > 0.8 ? ' end' : g.pos < 0.2 ? ' start' : '';
    bar.append(
      h(
        'div',
        {
          class: `rp-bl-mark${g.inside ? '' : ' out'}${edge}`,
          style: `left:${(g.pos * 100).toFixed(2)}%`,
          title: g.names
            .map((n) => `${n}: next offset ${g.next}${g.inside ? '' : ' (outside the backlog)'}`)
            .join('\n'),
        },
        h('span', { text: g.names.map(portOf).join(' ') }),
      ),
    );
  }
  return h(
    'div',
    { class: 'rp-backlog' },
    h(
      'div',
      { class: 'rp-bl-head' },
      h('span', { text: 'backlog' }),
      h('span', { class: 'rp-num', text: `[${w.first} … ${w.end}]` }),
    ),
    bar,
    h('div', { class: 'rp-bl-foot', text: `${w.histlen} of ${w.size} bytes` }),
  );
}

function row(label: string, value: string, title?: string): HTMLElement {
  return h('div', { class: 'rp-kv' }, h('dt', { text: label }), h('dd', { text: value, title: title ?? null }));
}

/** Fill a node card from its view. */
function renderCard(card: HTMLElement, n: NodeView, replicas: NodeView[]): void {
  const s = n.snapshot;
  const role = !n.running ? 'down' : s ? (s.role === 'master' ? 'master' : 'replica') : 'starting';
  card.dataset.role = role;
  card.setAttribute('aria-label', `${n.name}, ${role}`);
  const head = h(
    'header',
    {},
    h('span', { class: 'rp-card-name', text: n.name }),
    h('span', { class: 'rp-role', 'data-role': role, text: role }),
  );
  const body: Node[] = [head];
  if (s) {
    const dl = h('dl', {});
    dl.append(row('offset', String(s.masterReplOffset)));
    dl.append(row('replid', shortId(s.replid), s.replid));
    dl.append(
      row(
        'replid2',
        s.secondReplOffset >= 0 ? `${shortId(s.replid2)} ≤ ${s.secondReplOffset}` : shortId(s.replid2),
        s.replid2,
      ),
    );
    dl.append(row('keys', String(s.keys)));
    body.push(dl);
    const w = backlogWindow(n, replicas);
    if (w) body.push(backlogEl(w));
  } else {
    body.push(h('p', { class: 'rp-card-down', text: n.running ? 'starting…' : 'not running' }));
  }
  card.replaceChildren(...body);
}

function psyncItem(p: PsyncView): HTMLElement {
  const x = explainPsync(p);
  const ok = p.result === 'continue';
  const checks = h('ul', { class: 'rp-checks' });
  for (const c of x.checks) {
    checks.append(
      h(
        'li',
        { class: c.ok === null ? 'na' : c.ok ? 'ok' : 'no' },
        h('span', { class: 'rp-check-mark', 'aria-hidden': 'true', text: c.ok === null ? '·' : c.ok ? '✓' : '✗' }),
        h('b', { text: `${c.label}: ` }),
        c.detail,
      ),
    );
  }
  return h(
    'li',
    { class: `rp-psync-item ${ok ? 'continue' : 'full'}` },
    h(
      'div',
      { class: 'rp-psync-head' },
      h('span', { class: 'rp-psync-time', text: clockText(p.at) }),
      h('span', { text: `${p.replica} → ${p.master}` }),
      h('code', { text: x.request }),
      h('span', { class: 'rp-verdict', text: x.verdict }),
    ),
    checks,
    h('p', { class: 'rp-reason', text: x.reason }),
  );
}

/** Mount the topology into `el`. */
export function mountTopology(el: HTMLElement, deps: TopologyDeps): () => void {
  const { store, session } = deps;
  const d = new Disposables();
  const links = svg('svg', { class: 'rp-links', 'aria-hidden': 'true' });
  const flights = svg('g', { class: 'rp-flights' });
  const levelsEl = h('div', { class: 'rp-levels' });
  const labels = h('div', { class: 'rp-linklabels' });
  const canvas = h('div', { class: 'rp-canvas' }, links, levelsEl, labels);
  const psyncList = h('ol', { class: 'rp-psync-list', reversed: true });
  const psyncEmpty = h('p', {
    class: 'rp-psync-empty',
    text: 'No PSYNC yet. Decisions appear here when a replica (re)connects.',
  });
  const psyncBox = h(
    'section',
    { class: 'rp-psync', 'aria-label': 'PSYNC decisions' },
    h('h3', { text: 'PSYNC decisions' }),
    psyncEmpty,
    psyncList,
  );
  el.append(canvas, psyncBox);
  d.add(() => {
    canvas.remove();
    psyncBox.remove();
  });

  const cards = new Map<string, HTMLElement>();
  /** Last known master of each node, so a dead replica's link is still drawn (as down). */
  const lastMaster = new Map<string, string>();
  let currentLinks: TopoLink[] = [];
  let layoutKey = '';
  let centers = new Map<string, { x: number; top: number; bottom: number; y: number }>();

  const parentOf = (s: AppState) => (n: string) => {
    const view = s.nodes[n];
    const m = view?.running ? masterOf(view.snapshot, s.nodeOrder) : (lastMaster.get(n) ?? null);
    if (view?.running && view.snapshot) {
      if (m) lastMaster.set(n, m);
      else lastMaster.delete(n);
    }
    return m && s.nodes[m] ? m : null;
  };

  /** What each card was last drawn from: its node's view and its replicas' (views are immutable). */
  const drawnFrom = new Map<string, NodeView[]>();
  let linksKey = '';

  /**
   * Bring cards, rows and links up to date, touching the DOM only where something changed: with
   * many nodes, rebuilding every card on every snapshot poll costs more than the rest of the page.
   */
  const render = () => {
    const s = store.getState();
    const parent = parentOf(s);
    let changed = false;
    for (const [n, c] of cards) {
      if (!s.nodes[n]) {
        c.remove();
        cards.delete(n);
        drawnFrom.delete(n);
        lastMaster.delete(n);
        changed = true;
      }
    }
    const levels = levelsOf(s.nodeOrder, parent);
    for (const n of s.nodeOrder) {
      let card = cards.get(n);
      if (!card) {
        card = h('article', { class: 'rp-card', 'data-node': n });
        cards.set(n, card);
      }
      const replicas = s.nodeOrder.filter((x) => parent(x) === n).map((x) => s.nodes[x]);
      const inputs = [s.nodes[n], ...replicas];
      const before = drawnFrom.get(n);
      if (before && before.length === inputs.length && before.every((v, i) => v === inputs[i])) continue;
      drawnFrom.set(n, inputs);
      renderCard(card, s.nodes[n], replicas);
      changed = true;
    }
    // Rebuild the rows only when the shape changed (moving cards around costs layout).
    const shape = levels.map((lv) => lv.join(',')).join('/');
    if (shape !== layoutKey) {
      layoutKey = shape;
      levelsEl.replaceChildren(...levels.map((lv) => h('div', { class: 'rp-level' }, ...lv.map((n) => cards.get(n)!))));
      changed = true;
    }
    currentLinks = s.nodeOrder
      .filter((n) => parent(n) !== null)
      .map((n) => {
        const m = parent(n)!;
        return linkOf(s.nodes[n], s.nodes[m], s.cutLinks.includes(linkKey(n, m)), s.inFlight, s.simNow);
      });
    const key = JSON.stringify(currentLinks);
    if (key !== linksKey) {
      linksKey = key;
      changed = true;
    }
    // A card's size may have changed: measure again (which redraws links and flights).
    if (changed) scheduleMeasure();
  };

  let measureQueued = false;
  const scheduleMeasure = () => {
    if (measureQueued) return;
    measureQueued = true;
    requestAnimationFrame(() => {
      measureQueued = false;
      measure();
    });
  };

  const measure = () => {
    const base = canvas.getBoundingClientRect();
    centers = new Map();
    for (const [n, c] of cards) {
      const r = c.getBoundingClientRect();
      centers.set(n, {
        x: r.left - base.left + r.width / 2,
        top: r.top - base.top,
        bottom: r.bottom - base.top,
        y: r.top - base.top + r.height / 2,
      });
    }
    links.setAttribute('width', String(base.width));
    links.setAttribute('height', String(base.height));
    drawLinks();
    drawFlights();
  };

  /** Endpoints of the line between two cards: bottom of the upper one to top of the lower one. */
  const ends = (a: string, b: string) => {
    const pa = centers.get(a);
    const pb = centers.get(b);
    if (!pa || !pb) return null;
    if (pa.bottom <= pb.top) return { x1: pa.x, y1: pa.bottom, x2: pb.x, y2: pb.top };
    if (pb.bottom <= pa.top) return { x1: pa.x, y1: pa.top, x2: pb.x, y2: pb.bottom };
    return { x1: pa.x, y1: pa.y, x2: pb.x, y2: pb.y };
  };

  const drawLinks = () => {
    const lines: SVGElement[] = [];
    const pills: HTMLElement[] = [];
    for (const l of currentLinks) {
      const e = ends(l.master, l.replica);
      if (!e) continue;
      lines.push(svg('line', { ...e, class: `rp-link ${l.state}` }));
      const cut = l.state === 'cut';
      // Labels sit nearer the replica than the master, where sibling links are further apart.
      const at = LABEL_AT;
      const pill = h(
        'div',
        {
          class: `rp-linklabel ${l.state}`,
          style: `left:${e.x1 + (e.x2 - e.x1) * at}px;top:${e.y1 + (e.y2 - e.y1) * at}px`,
          'data-link': `${l.replica}>${l.master}`,
        },
        h('span', { class: 'rp-linkstate', text: l.label }),
        h('button', {
          type: 'button',
          class: 'rp-cut',
          text: cut ? 'Heal' : 'Cut',
          'aria-label': `${cut ? 'Heal' : 'Cut'} link ${l.master} – ${l.replica}`,
          onclick: () => void session.setLinkCut(l.master, l.replica, !cut),
        }),
      );
      if (l.state === 'sync') {
        const prog = h('progress', { max: 1, 'aria-label': `RDB transfer ${l.master} → ${l.replica}` });
        if (l.progress !== null) prog.value = l.progress;
        pill.append(prog);
      }
      pills.push(pill);
    }
    links.replaceChildren(...lines, flights);
    // Keep focus on a link button across redraws (it would otherwise be replaced under the user).
    const focused =
      document.activeElement instanceof HTMLElement ? document.activeElement.getAttribute('aria-label') : null;
    labels.replaceChildren(...pills);
    if (focused) labels.querySelector<HTMLElement>(`[aria-label="${CSS.escape(focused)}"]`)?.focus();
  };

  let flightsDrawn = 0;
  const drawFlights = () => {
    const s = store.getState();
    // Called every frame: nothing in flight and nothing drawn is the common case.
    if (s.inFlight.length === 0 && flightsDrawn === 0) return;
    const dots: SVGElement[] = [];
    for (const f of s.inFlight.slice(0, 300)) {
      const a = centers.get(f.from);
      const b = centers.get(f.to);
      if (!a || !b) continue;
      const e = ends(f.from, f.to)!;
      const span = Math.max(1, f.deliverAt - f.sentAt);
      const t = Math.min(1, Math.max(0, (s.simNow - f.sentAt) / span));
      const r = Math.min(7, 2.5 + Math.log10(1 + f.bytes));
      dots.push(svg('circle', { cx: e.x1 + (e.x2 - e.x1) * t, cy: e.y1 + (e.y2 - e.y1) * t, r, class: 'rp-flight' }));
    }
    flights.replaceChildren(...dots);
    flightsDrawn = dots.length;
  };

  const renderPsyncs = () => {
    const list = store.getState().psyncs.slice(-PSYNC_SHOWN).reverse();
    psyncEmpty.hidden = list.length > 0;
    psyncList.replaceChildren(...list.map(psyncItem));
  };

  render();
  renderPsyncs();
  d.add(
    watch(
      store,
      (s) => [s.nodeOrder, s.nodes, s.cutLinks] as const,
      render,
      (a, b) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2],
    ),
  );
  d.add(
    watch(
      store,
      (s) => s.inFlight,
      () => {
        // Transfer progress of diskless syncs depends on the bytes in flight.
        if (currentLinks.some((l) => l.state === 'sync')) render();
        drawFlights();
      },
    ),
  );
  d.add(
    watch(
      store,
      (s) => s.simNow,
      () => {
        drawFlights();
        // A transfer's progress moves with time while its bytes are on the wire.
        if (store.getState().inFlight.length && currentLinks.some((l) => l.state === 'sync')) render();
      },
    ),
  );
  d.add(watch(store, (s) => s.psyncs, renderPsyncs));
  const ro = new ResizeObserver(scheduleMeasure);
  ro.observe(canvas);
  d.add(() => ro.disconnect());
  return () => d.dispose();
}

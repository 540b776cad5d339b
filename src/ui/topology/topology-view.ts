/**
 * The topology: a card per node (role, master_repl_offset, short replid/replid2, keys, and the
 * backlog drawn as the window [repl_backlog_first_byte_offset, master_repl_offset] with each
 * replica's next offset marked), the replication links between them with their state
 * (connecting, handshake, RDB transfer with a progress bar, online, down, cut — each link can be
 * cut and healed from its label), bytes in flight moving along the links, and the latest PSYNC
 * decisions explained: requested ID and offset against the master's IDs and window, the answer,
 * and why.
 *
 * Where things go is the model's `layoutTopology` (one level per depth, nothing wraps: a wide
 * level scrolls sideways), recomputed only when the forest's shape, a card's height or the
 * screen's size class changes. Cards and link labels are absolutely positioned; a card is redrawn
 * only when its node's view (or its replicas') changed and a link's label and line only when its
 * state changed, so the cost of a snapshot does not grow with the number of nodes.
 */
import { clockText, Disposables, h, portOf, svg } from '../dom';
import type { Session } from '../session';
import { type AppState, type AppStore, linkKey, type NodeView, type PsyncView, watch, whoseReplid } from '../store';
import {
  type BacklogWindow,
  backlogDrawing,
  backlogWindow,
  explainPsync,
  LAYOUT_NARROW,
  LAYOUT_WIDE,
  type LayoutOptions,
  layoutTopology,
  linkOf,
  masterOf,
  type Point,
  pointAlong,
  roundedPath,
  shortId,
  type TopoLayout,
  type TopoLink,
} from './model';

export interface TopologyDeps {
  store: AppStore;
  session: Session;
}

/** The narrow layout (one tab per node): styles.css switches at the same width. */
const NARROW = '(max-width: 760px)';

/** The PSYNC panel's column and the gap before it (styles.css, .rp-topology). */
const PSYNC_BESIDE = 380 + 16;

/** A card's backlog bar is this much narrower than the card (padding, borders). */
const BAR_INSET = 20;

/** How many PSYNC decisions the panel lists. */
const PSYNC_SHOWN = 4;

function backlogEl(w: BacklogWindow, barPx: number): HTMLElement {
  const d = backlogDrawing(w, barPx);
  const bar = h('div', {
    class: 'rp-bl-bar',
    role: 'img',
    'aria-label': `Backlog window ${w.first} to ${w.end}${w.marks.map((m) => `; ${portOf(m.replica)} at ${m.next}${m.inside ? '' : ' (outside)'}`).join('')}`,
  });
  const pct = (v: number) => `${(v * 100).toFixed(2)}%`;
  bar.append(h('div', { class: 'rp-bl-win', style: `left:${pct(d.winLeft)};width:${pct(d.winRight - d.winLeft)}` }));
  for (const t of d.ticks) {
    bar.append(
      h('div', {
        class: `rp-bl-mark${t.inside ? '' : ' out'}`,
        style: `left:${pct(t.pos)}`,
        title: t.marks
          .map((m) => `${m.replica}: next offset ${m.next}${m.inside ? '' : ' (outside the backlog: a full sync)'}`)
          .join('\n'),
      }),
    );
  }
  const under = h('div', { class: 'rp-bl-labels', 'aria-hidden': 'true' });
  if (d.summary) {
    const { inside, outside } = d.summary;
    under.classList.add('summary');
    under.title = [inside, outside].filter(Boolean).join(' · ');
    if (inside) under.append(h('span', { text: inside }));
    if (inside && outside) under.append(' · ');
    if (outside) under.append(h('span', { class: 'out', text: outside }));
  } else {
    for (const l of d.labels)
      under.append(h('span', { class: l.inside ? null : 'out', style: `left:${l.left.toFixed(1)}px`, text: l.text }));
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
    w.marks.length ? under : null,
    h('div', { class: 'rp-bl-foot', text: `${w.histlen} of ${w.size} bytes` }),
  );
}

function row(label: string, value: string, title?: string): HTMLElement {
  return h('div', { class: 'rp-kv' }, h('dt', { text: label }), h('dd', { text: value, title: title ?? null }));
}

/** Fill a node card from its view. */
function renderCard(card: HTMLElement, n: NodeView, replicas: NodeView[], barPx: number): void {
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
    if (w) body.push(backlogEl(w, barPx));
  } else {
    body.push(h('p', { class: 'rp-card-down', text: n.running ? 'starting…' : 'not running' }));
  }
  card.replaceChildren(...body);
}

function psyncItem(p: PsyncView, whose: (replid: string) => string | null): HTMLElement {
  const x = explainPsync(p, whose);
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

/** A link's label and line, kept across redraws (so focus stays on its button). */
interface LinkEl {
  link: TopoLink;
  /** What the label shows, to skip redrawing an unchanged link. */
  drawn: string;
  label: HTMLElement;
  state: HTMLElement;
  peer: HTMLElement;
  button: HTMLButtonElement;
  progress: HTMLProgressElement | null;
  line: SVGPathElement;
}

/** Mount the topology into `el`. */
export function mountTopology(el: HTMLElement, deps: TopologyDeps): () => void {
  const { store, session } = deps;
  const d = new Disposables();
  const buses = svg('g', { class: 'rp-buses' });
  const lines = svg('g', { class: 'rp-linklines' });
  const flights = svg('g', { class: 'rp-flights' });
  const links = svg('svg', { class: 'rp-links', 'aria-hidden': 'true' });
  links.append(buses, lines, flights);
  const cardsEl = h('div', { class: 'rp-cards' });
  const labels = h('div', { class: 'rp-linklabels' });
  const stage = h('div', { class: 'rp-stage' }, links, cardsEl, labels);
  const canvas = h('div', { class: 'rp-canvas' }, stage);
  const psyncList = h('ol', { class: 'rp-psync-list', reversed: true });
  // Every node removed: say so, and how to get some back, instead of an empty canvas.
  const noNodes = h('p', {
    class: 'rp-topo-empty',
    text: 'No nodes. Add one with "Add node", or pick a preset to start again.',
  });
  noNodes.hidden = true;
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
  el.append(noNodes, canvas, psyncBox);
  d.add(() => {
    noNodes.remove();
    canvas.remove();
    psyncBox.remove();
    el.removeAttribute('data-wide');
  });

  const narrow = typeof matchMedia === 'function' ? matchMedia(NARROW) : null;
  let opts: LayoutOptions = narrow?.matches ? LAYOUT_NARROW : LAYOUT_WIDE;
  const barPx = () => opts.cardW - BAR_INSET;

  const cards = new Map<string, HTMLElement>();
  /** Measured card heights (border box). */
  const heights = new Map<string, number>();
  /** Last known master of each node, so a dead replica's link is still drawn (as down). */
  const lastMaster = new Map<string, string>();
  /** Each node's master as drawn now. */
  let parents = new Map<string, string | null>();
  const linkEls = new Map<string, LinkEl>();
  let currentLinks: TopoLink[] = [];
  let layout: TopoLayout | null = null;
  /** Routes between two nodes, either way, for the bytes in flight. */
  let routes = new Map<string, Point[]>();
  let shapeKey = '';
  let rootsKey = '';
  let centerPending = true;
  /** Once the reader scrolled or used the canvas, a new layout no longer scrolls it for them. */
  let touched = false;
  for (const type of ['wheel', 'pointerdown', 'touchstart', 'keydown'] as const)
    d.listen(canvas, type, () => {
      touched = true;
    });
  /** The pane's content width (from its heading, which spans it), once known. */
  let paneW = Number.POSITIVE_INFINITY;

  const parentOf = (s: AppState, n: string): string | null => {
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

  const cardRO = new ResizeObserver((entries) => {
    let changed = false;
    for (const e of entries) {
      const n = (e.target as HTMLElement).dataset.node ?? '';
      if (!cards.has(n)) continue;
      const hgt = e.borderBoxSize?.[0]?.blockSize ?? (e.target as HTMLElement).offsetHeight;
      // 0: not rendered (the page hidden, say); keep what was measured.
      if (hgt > 0 && Math.abs(hgt - (heights.get(n) ?? -1)) > 0.5) {
        heights.set(n, hgt);
        changed = true;
      }
    }
    // Within the same frame: the cards move before anything is painted.
    if (changed) relayout();
  });
  d.add(() => cardRO.disconnect());

  /**
   * Bring cards and links up to date, touching the DOM only where something changed: with many
   * nodes, rebuilding every card on every snapshot poll costs more than the rest of the page.
   */
  const render = () => {
    const s = store.getState();
    noNodes.hidden = s.nodeOrder.length > 0;
    parents = new Map(s.nodeOrder.map((n) => [n, parentOf(s, n)]));
    for (const [n, c] of cards) {
      if (!s.nodes[n]) {
        cardRO.unobserve(c);
        c.remove();
        cards.delete(n);
        drawnFrom.delete(n);
        heights.delete(n);
        lastMaster.delete(n);
      }
    }
    const replicasOf = new Map<string, NodeView[]>();
    for (const n of s.nodeOrder) {
      const m = parents.get(n);
      if (!m) continue;
      const list = replicasOf.get(m);
      if (list) list.push(s.nodes[n]);
      else replicasOf.set(m, [s.nodes[n]]);
    }
    for (const n of s.nodeOrder) {
      let card = cards.get(n);
      if (!card) {
        card = h('article', { class: 'rp-card', 'data-node': n });
        cards.set(n, card);
        cardsEl.append(card);
        cardRO.observe(card);
      }
      const replicas = replicasOf.get(n) ?? [];
      const inputs = [s.nodes[n], ...replicas];
      const before = drawnFrom.get(n);
      if (before && before.length === inputs.length && before.every((v, i) => v === inputs[i])) continue;
      drawnFrom.set(n, inputs);
      renderCard(card, s.nodes[n], replicas, barPx());
    }
    currentLinks = s.nodeOrder
      .filter((n) => parents.get(n))
      .map((n) => {
        const m = parents.get(n)!;
        return linkOf(s.nodes[n], s.nodes[m], s.cutLinks.includes(linkKey(n, m)), s.inFlight, s.simNow);
      });
    const seen = new Set<string>();
    for (const l of currentLinks) {
      const key = `${l.replica}>${l.master}`;
      seen.add(key);
      let le = linkEls.get(key);
      if (!le) {
        le = makeLinkEl(l);
        linkEls.set(key, le);
        labels.append(le.label);
        lines.append(le.line);
      }
      updateLinkEl(le, l);
    }
    for (const [key, le] of linkEls) {
      if (seen.has(key)) continue;
      le.label.remove();
      le.line.remove();
      linkEls.delete(key);
    }
    // Lay out again only when the forest's shape changed (cards' heights: see cardRO).
    const shape = `${s.nodeOrder.join(',')}|${s.nodeOrder.map((n) => parents.get(n) ?? '').join(',')}`;
    if (shape !== shapeKey) {
      shapeKey = shape;
      relayout();
    }
  };

  const makeLinkEl = (l: TopoLink): LinkEl => {
    const state = h('span', { class: 'rp-linkstate' });
    const peer = h('span', { class: 'rp-linkpeer', 'aria-hidden': 'true' });
    const button = h('button', { type: 'button', class: 'rp-cut' });
    const label = h('div', { class: 'rp-linklabel', 'data-link': `${l.replica}>${l.master}` }, peer, state, button);
    const le: LinkEl = {
      link: l,
      drawn: '',
      label,
      state,
      peer,
      button,
      progress: null,
      line: svg('path', { class: 'rp-link' }),
    };
    button.addEventListener('click', () => {
      void session.setLinkCut(le.link.master, le.link.replica, le.link.state !== 'cut');
    });
    return le;
  };

  const updateLinkEl = (le: LinkEl, l: TopoLink) => {
    le.link = l;
    const drawn = `${l.state}|${l.label}|${l.progress}`;
    if (drawn === le.drawn) return;
    le.drawn = drawn;
    const cut = l.state === 'cut';
    le.label.className = `rp-linklabel ${l.state}`;
    le.label.title = `${l.replica} → ${l.master}: ${l.label}`;
    le.state.textContent = l.label;
    le.button.textContent = cut ? 'Heal' : 'Cut';
    le.button.setAttribute('aria-label', `${cut ? 'Heal' : 'Cut'} link ${l.master} – ${l.replica}`);
    le.line.setAttribute('class', `rp-link ${l.state}`);
    if (l.state === 'sync') {
      if (!le.progress) {
        le.progress = h('progress', { max: 1, 'aria-label': `RDB transfer ${l.master} → ${l.replica}` });
        le.label.append(le.progress);
      }
      if (l.progress === null) le.progress.removeAttribute('value');
      else le.progress.value = l.progress;
    } else if (le.progress) {
      le.progress.remove();
      le.progress = null;
    }
  };

  const px = (v: number) => `${Math.round(v * 10) / 10}px`;
  const setStyle = (e: HTMLElement, prop: 'left' | 'top' | 'width' | 'height', v: string) => {
    if (e.style[prop] !== v) e.style[prop] = v;
  };
  const setVar = (e: HTMLElement, name: string, v: string) => {
    if (e.style.getPropertyValue(name) !== v) e.style.setProperty(name, v);
  };
  const setAttr = (e: Element, name: string, v: string) => {
    if (e.getAttribute(name) !== v) e.setAttribute(name, v);
  };
  let busesKey = '';

  /** Compute the layout and move everything to its place. */
  const relayout = () => {
    const l = layoutTopology(
      [...parents.keys()],
      (n) => parents.get(n) ?? null,
      (n) => heights.get(n),
      opts,
    );
    layout = l;
    setVar(stage, '--rp-card-w', px(opts.cardW));
    setStyle(stage, 'width', px(l.width));
    setStyle(stage, 'height', px(l.height));
    setAttr(links, 'width', String(Math.ceil(l.width)));
    setAttr(links, 'height', String(Math.ceil(l.height)));
    for (const [n, r] of l.cards) {
      const c = cards.get(n);
      if (!c) continue;
      setStyle(c, 'left', px(r.x));
      setStyle(c, 'top', px(r.y));
    }
    routes = new Map();
    for (const k of l.links) {
      const le = linkEls.get(`${k.replica}>${k.master}`);
      if (le) {
        setStyle(le.label, 'left', px(k.label.x + k.label.w / 2));
        setStyle(le.label, 'top', px(k.label.y));
        setVar(le.label, '--slot-w', px(k.label.w));
        setAttr(le.line, 'd', roundedPath(k.own));
        // The link that closes a cycle has no line: its label names the master.
        const peer = k.points ? '' : `⟲ ${portOf(k.master)}`;
        if (le.peer.textContent !== peer) le.peer.textContent = peer;
      }
      if (k.points) {
        routes.set(`${k.master}>${k.replica}`, k.points);
        routes.set(`${k.replica}>${k.master}`, [...k.points].reverse());
      }
    }
    // Keyboard order follows reading order: level by level, left to right.
    const inOrder = [...l.links]
      .sort((a, b) => a.label.y - b.label.y || a.label.x - b.label.x)
      .map((k) => linkEls.get(`${k.replica}>${k.master}`)?.label)
      .filter((e): e is HTMLElement => !!e);
    if (inOrder.some((e, i) => labels.children[i] !== e)) {
      // Moving the focused button would drop its focus. (Asked of the root the view is in: inside
      // the widget's shadow root, document.activeElement is the widget element itself.)
      const focused = (labels.getRootNode() as Document | ShadowRoot).activeElement;
      labels.append(...inOrder);
      if (focused instanceof HTMLElement && labels.contains(focused)) focused.focus();
    }
    const ds = l.buses.map((b) => roundedPath(b));
    if (ds.join('|') !== busesKey) {
      busesKey = ds.join('|');
      buses.replaceChildren(...ds.map((path) => svg('path', { class: 'rp-bus', d: path })));
    }
    placePane();
    const roots = l.roots.join(',');
    if (roots !== rootsKey) {
      rootsKey = roots;
      centerPending = true;
    }
    if (centerPending && Number.isFinite(paneW)) {
      centerPending = false;
      // A wide forest opens on its first tree's root, not on its left edge.
      const first = l.cards.get(l.roots[0] ?? '');
      const view = canvas.clientWidth;
      if (first && l.width > view && !touched) canvas.scrollLeft = Math.max(0, first.x + first.w / 2 - view / 2);
    }
    drawFlights(true);
  };

  /**
   * The PSYNC decisions go under the canvas when the forest would not fit beside them; a forest
   * wider than the canvas says it scrolls.
   */
  const placePane = () => {
    if (!layout || !Number.isFinite(paneW)) return;
    const wide = layout.width > paneW - PSYNC_BESIDE;
    if (wide !== el.hasAttribute('data-wide')) el.toggleAttribute('data-wide', wide);
    const over = layout.width > canvas.clientWidth + 1;
    if (hint.hidden === over) hint.hidden = !over;
  };

  const heading = el.querySelector(':scope > h2');
  const hint = h('span', {
    class: 'rp-topo-hint',
    'aria-hidden': 'true',
    text: 'wider than the pane: scroll sideways',
  });
  hint.hidden = true;
  heading?.append(hint);
  d.add(() => hint.remove());
  const paneRO = new ResizeObserver((entries) => {
    const w = entries[entries.length - 1]?.contentRect.width ?? 0;
    if (w <= 0 || w === paneW) return;
    paneW = w;
    placePane();
    if (centerPending) relayout();
  });
  paneRO.observe(heading ?? el);
  d.add(() => paneRO.disconnect());

  const onMedia = () => {
    opts = narrow?.matches ? LAYOUT_NARROW : LAYOUT_WIDE;
    // The backlog bars change width with the cards.
    drawnFrom.clear();
    render();
    relayout();
  };
  narrow?.addEventListener('change', onMedia);
  d.add(() => narrow?.removeEventListener('change', onMedia));

  /** Where a dot `t` (0..1) of the way from one node to another is drawn. */
  const along = (from: string, to: string, t: number): Point | null => {
    const route = routes.get(`${from}>${to}`);
    if (route) return pointAlong(route, t);
    // Not a link drawn (a replica between two masters, say): straight between the cards.
    const a = layout?.cards.get(from);
    const b = layout?.cards.get(to);
    if (!a || !b) return null;
    return pointAlong(
      [
        { x: a.x + a.w / 2, y: a.y + a.h / 2 },
        { x: b.x + b.w / 2, y: b.y + b.h / 2 },
      ],
      t,
    );
  };

  let flightsDrawn = 0;
  const drawFlights = (force = false) => {
    const s = store.getState();
    // Called every frame: nothing in flight and nothing drawn is the common case.
    if (!force && s.inFlight.length === 0 && flightsDrawn === 0) return;
    const dots: SVGElement[] = [];
    for (const f of s.inFlight.slice(0, 300)) {
      const span = Math.max(1, f.deliverAt - f.sentAt);
      const p = along(f.from, f.to, Math.min(1, Math.max(0, (s.simNow - f.sentAt) / span)));
      if (!p) continue;
      const r = Math.min(7, 2.5 + Math.log10(1 + f.bytes));
      dots.push(svg('circle', { cx: p.x, cy: p.y, r, class: 'rp-flight' }));
    }
    flights.replaceChildren(...dots);
    flightsDrawn = dots.length;
  };

  const renderPsyncs = () => {
    const s = store.getState();
    const list = s.psyncs.slice(-PSYNC_SHOWN).reverse();
    psyncEmpty.hidden = list.length > 0;
    psyncList.replaceChildren(...list.map((p) => psyncItem(p, (id) => whoseReplid(s, id))));
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
  return () => d.dispose();
}

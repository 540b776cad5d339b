/**
 * The topology's model, computed from store data only (no DOM): who replicates from whom, in
 * which level each node is drawn and where (cards, link routes and label slots that never
 * overlap, whatever the forest's shape), the state of each replication link, how far an RDB
 * transfer got, where each replica stands against its master's backlog window and how to mark
 * that on a bar of a given width, and a plain-words explanation of each PSYNC decision.
 */
import type { InFlight, NodeSnapshot, PsyncDecision } from '../../playground';
import { portOf } from '../dom';
import type { NodeView } from '../store';

/** Bytes on the wire to a replica in handshake that can only be an RDB payload. */
const BIG_TRANSFER = 4096;

/** A replication link's state as drawn. */
export type LinkState = 'down' | 'cut' | 'connecting' | 'handshake' | 'sync' | 'online';

/** One replication link: replica → master. */
export interface TopoLink {
  replica: string;
  master: string;
  state: LinkState;
  /** RDB transfer progress 0..1 while syncing, null when unknown. */
  progress: number | null;
  /** Short text for the link's label. */
  label: string;
}

/** The configured master of a node, if it is a playground node (by snapshot, else last known). */
export function masterOf(snap: NodeSnapshot | null, names: readonly string[]): string | null {
  if (snap?.role !== 'slave' || snap.masterHost === null) return null;
  const host = snap.masterHost.toLowerCase() === 'localhost' ? '127.0.0.1' : snap.masterHost;
  const name = `${host}:${snap.masterPort}`;
  return names.includes(name) ? name : null;
}

/**
 * Levels for drawing: masters (and nodes whose master is not in the playground) first, then
 * their replicas, and so on; siblings stay in creation order, grouped under their parent. A
 * replication cycle is broken where it is first met.
 */
export function levelsOf(order: readonly string[], parent: (n: string) => string | null): string[][] {
  const depth = new Map<string, number>();
  const depthOf = (n: string, seen: Set<string>): number => {
    const known = depth.get(n);
    if (known !== undefined) return known;
    const p = parent(n);
    const v = p === null || p === n || seen.has(p) ? 0 : depthOf(p, new Set(seen).add(n)) + 1;
    depth.set(n, v);
    return v;
  };
  for (const n of order) depthOf(n, new Set([n]));
  const levels: string[][] = [];
  const place = (n: string) => {
    const lv = depth.get(n)!;
    while (levels.length <= lv) levels.push([]);
    if (!levels[lv].includes(n)) levels[lv].push(n);
  };
  // Breadth-first from the roots so children follow their parent's order.
  const queue = order.filter((n) => depth.get(n) === 0);
  while (queue.length) {
    const n = queue.shift()!;
    place(n);
    for (const c of order) if (c !== n && parent(c) === n && depth.get(c) === depth.get(n)! + 1) queue.push(c);
  }
  for (const n of order) place(n);
  return levels;
}

/**
 * Bytes on the wire from one node to another: all of them, and how many of those have already
 * crossed by `now` (a chunk is delivered whole, but its bytes leave over its transfer time).
 */
export function bytesInFlight(
  list: readonly InFlight[],
  from: string,
  to: string,
  now: number,
): { total: number; crossed: number } {
  let total = 0;
  let crossed = 0;
  for (const f of list) {
    if (f.from !== from || f.to !== to) continue;
    total += f.bytes;
    const span = f.deliverAt - f.sentAt;
    crossed += span > 0 ? f.bytes * Math.min(1, Math.max(0, (now - f.sentAt) / span)) : 0;
  }
  return { total, crossed };
}

/** The state of the link from `replica` to `master`. */
export function linkOf(
  replica: NodeView,
  master: NodeView,
  cut: boolean,
  inFlight: readonly InFlight[],
  now: number,
): TopoLink {
  const base = { replica: replica.name, master: master.name, progress: null };
  if (!replica.running) return { ...base, state: 'down', label: 'replica down' };
  if (cut) return { ...base, state: 'cut', label: 'link cut' };
  if (!master.running) return { ...base, state: 'down', label: 'master down' };
  const s = replica.snapshot;
  // A full sync's RDB already on the wire while the replica has not read +FULLRESYNC yet (a
  // latency longer than the master's first writes): the transfer is what is happening.
  const wire = bytesInFlight(inFlight, master.name, replica.name, now);
  if (s?.linkState === 'handshake' && wire.total >= BIG_TRANSFER) {
    const read = s.transfer?.read ?? 0;
    const progress = (read + wire.crossed) / (read + wire.total);
    return { ...base, state: 'sync', progress, label: `RDB transfer ${Math.floor(progress * 100)}%` };
  }
  switch (s?.linkState) {
    case 'connecting':
      return { ...base, state: 'connecting', label: 'connecting' };
    case 'handshake': {
      // After PSYNC, a master that delays its BGSAVE (repl-diskless-sync-delay) keeps the replica
      // waiting for +FULLRESYNC: say so rather than "handshake".
      const seen = master.snapshot?.replicas.find((r) => r.port === replica.port);
      if (seen?.state === 'wait_bgsave') return { ...base, state: 'handshake', label: 'waiting for BGSAVE' };
      return { ...base, state: 'handshake', label: 'handshake' };
    }
    case 'sync': {
      const t = s.transfer;
      // A diskless `$EOF:` stream announces no size: the master knows it while it still writes.
      const sending = master.snapshot?.replicas.find((r) => r.port === replica.port)?.rdb;
      let progress: number | null = null;
      if (t && t.size > 0) progress = Math.min(1, (t.read + wire.crossed) / t.size);
      else if (t && sending) progress = Math.min(1, (t.read + wire.crossed) / sending.size);
      else if (t && wire.total > 0) progress = (t.read + wire.crossed) / (t.read + wire.total);
      const pct = progress === null ? '' : ` ${Math.floor(progress * 100)}%`;
      return { ...base, state: 'sync', progress, label: `RDB transfer${pct}` };
    }
    case 'connected':
      return { ...base, state: 'online', label: 'online' };
    default:
      return { ...base, state: 'down', label: 'reconnecting' };
  }
}

/** A replica's place against its master's backlog. */
export interface BacklogMark {
  replica: string;
  /** The offset the replica would ask for next: its own master_repl_offset + 1. */
  next: number;
  /** Whether a PSYNC at `next` could be served from the backlog. */
  inside: boolean;
}

/** The backlog window of a node and where its replicas stand (null when it has no backlog). */
export interface BacklogWindow {
  first: number;
  /** master_repl_offset: the last byte in the backlog. */
  end: number;
  histlen: number;
  size: number;
  marks: BacklogMark[];
}

/**
 * The window [repl_backlog_first_byte_offset, master_repl_offset] of `master`, and a mark for
 * each node that is configured to replicate from it. A partial resync at offset `o` is possible
 * when first ≤ o ≤ end + 1.
 */
export function backlogWindow(master: NodeView, replicas: readonly NodeView[]): BacklogWindow | null {
  const s = master.snapshot;
  if (!s?.backlog) return null;
  const first = s.backlog.firstByteOffset;
  const end = s.masterReplOffset;
  const marks: BacklogMark[] = [];
  for (const r of replicas) {
    const rs = r.snapshot;
    if (!rs) continue;
    const next = rs.masterReplOffset + 1;
    marks.push({ replica: r.name, next, inside: next >= first && next <= end + 1 });
  }
  return { first, end, histlen: s.backlog.histlen, size: s.backlog.size, marks };
}

/** A replication ID shortened for display. */
export function shortId(id: string): string {
  if (id === '?') return '?';
  if (/^0+$/.test(id)) return '0000…';
  return `${id.slice(0, 8)}…`;
}

/** One comparison a PSYNC decision made. */
export interface PsyncCheck {
  label: string;
  ok: boolean | null;
  detail: string;
}

/** A PSYNC decision in words. */
export interface PsyncExplanation {
  request: string;
  checks: PsyncCheck[];
  verdict: '+CONTINUE' | '+FULLRESYNC';
  reason: string;
}

/**
 * Explain a decision: what was asked, what it was compared with, and why the answer. The backlog
 * is written as the cards write it, `[first … last]` — the bytes it holds, from
 * repl_backlog_first_byte_offset to master_repl_offset — and a PSYNC offset is the first byte
 * the replica still needs, so Redis serves any offset from `first` to `last + 1` (the next byte
 * to come: nothing is missing). `whose` names an ID no card shows any more ("the replid of 6379
 * before its restart"), when the page saw who had it.
 */
export function explainPsync(d: PsyncDecision, whose?: (replid: string) => string | null): PsyncExplanation {
  const request =
    d.reason === 'sync-command' ? 'SYNC' : `PSYNC ${d.replid === '?' ? '?' : shortId(d.replid)} ${d.offset}`;
  const checks: PsyncCheck[] = [];
  const id = d.replid.toLowerCase();
  const end = d.masterReplOffset;
  const last = d.backlog ? d.backlog.first + d.backlog.histlen - 1 : 0;
  const win = d.backlog ? `[${d.backlog.first} … ${last}]` : null;
  if (d.reason === 'sync-command') {
    checks.push({ label: 'ID', ok: false, detail: 'SYNC carries no replication ID or offset' });
  } else if (d.replid === '?') {
    checks.push({ label: 'ID', ok: false, detail: 'none: the replica has no replication history' });
  } else if (id === d.myReplid) {
    checks.push({ label: 'ID', ok: true, detail: `= my replid ${shortId(d.myReplid)}` });
  } else if (id === d.myReplid2) {
    const ok = d.offset <= d.secondOffset;
    checks.push({
      label: 'ID',
      ok,
      detail: `= my replid2 ${shortId(d.myReplid2)}, valid up to offset ${d.secondOffset}${ok ? '' : ` (asked ${d.offset})`}`,
    });
  } else {
    const owner = whose?.(id) ?? null;
    checks.push({
      label: 'ID',
      ok: false,
      detail: `matches neither my replid ${shortId(d.myReplid)} nor replid2 ${shortId(d.myReplid2)}${owner ? ` (${shortId(id)} is ${owner})` : ''}`,
    });
  }
  if (d.replid !== '?' && d.reason !== 'sync-command') {
    if (!win || !d.backlog) checks.push({ label: 'backlog', ok: false, detail: 'no backlog on this master' });
    else {
      const ok = d.offset >= d.backlog.first && d.offset <= last + 1;
      const where =
        d.offset < d.backlog.first
          ? `is before the backlog ${win}: those bytes are gone`
          : d.offset === last + 1
            ? `is the next byte to come (backlog ${win}): nothing is missing`
            : d.offset > last + 1
              ? `is past the backlog ${win}: this master never had it`
              : `is in the backlog ${win}`;
      const checked = d.reason === 'accepted' || d.reason === 'out-of-window';
      checks.push({
        label: 'backlog',
        ok: checked ? ok : null,
        detail: checked
          ? `offset ${d.offset} ${where}`
          : `not consulted: the ID check already failed (the backlog holds ${win})`,
      });
    }
  }
  const reasons: Record<PsyncDecision['reason'], string> = {
    accepted: `Same history and the missing bytes are still in the backlog: the master sends ${d.sent} byte${d.sent === 1 ? '' : 's'} from offset ${d.offset} and streaming goes on.`,
    'no-cached-master':
      'A replica with no history (PSYNC ? -1) always needs the whole dataset: an RDB snapshot, then the stream.',
    'sync-command': 'The old SYNC command always means a full synchronization.',
    'replid-mismatch':
      'The replica followed a different history than this master knows, so its data may differ: only a full resync is safe.',
    'beyond-second-offset': `The replica went past offset ${d.secondOffset}, where this master's history diverged from the old one: a full resync.`,
    'no-backlog': 'Without a backlog there is nothing to send from: a full resync.',
    'out-of-window':
      d.backlog && d.offset < d.backlog.first
        ? `Bytes from offset ${d.offset} on were already dropped from the backlog (it now starts at ${d.backlog.first}): a full resync.`
        : `Offset ${d.offset} is beyond master_repl_offset ${end}: a full resync.`,
  };
  return { request, checks, verdict: d.result === 'continue' ? '+CONTINUE' : '+FULLRESYNC', reason: reasons[d.reason] };
}

// ------------------------------------------------------------------ layout

/** A point on the topology's canvas, in CSS pixels. */
export interface Point {
  x: number;
  y: number;
}

/** A box on the canvas: left, top, width, height. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The sizes a layout is made of (CSS pixels). */
export interface LayoutOptions {
  /** Every card's width (heights are measured). */
  cardW: number;
  /** Between neighbouring cards of a level. */
  hGap: number;
  /** Between two trees of the forest (added to hGap). */
  treeGap: number;
  /** A link label's height. */
  labelH: number;
  /** A card's height until it has been measured. */
  defaultH: number;
  /** Around everything. */
  margin: number;
}

/** Wide screens. */
export const LAYOUT_WIDE: LayoutOptions = { cardW: 220, hGap: 24, treeGap: 24, labelH: 24, defaultH: 110, margin: 12 };
/** Narrow screens (one tab per node): a master and two replicas fit in 360 px. */
export const LAYOUT_NARROW: LayoutOptions = {
  cardW: 142,
  hGap: 14,
  treeGap: 16,
  labelH: 24,
  defaultH: 130,
  margin: 6,
};

/** Below a level's tallest card, down to the horizontal bus that links a master to its replicas. */
const BUS_BELOW = 16;
/** From the bus down to the top of a link's label. */
const LABEL_BELOW_BUS = 10;
/** From a link's label down to its replica's card. */
const LABEL_ABOVE_CARD = 12;
/** Between two neighbouring labels (each is as wide as its card plus the gaps, minus this). */
const LABEL_SEP = 8;

/**
 * How one replication link is drawn: an orthogonal route from the master's bottom edge down to a
 * bus below its level, along it, and down into the replica's top edge; and the slot its label
 * sits in, on the vertical drop just above the replica.
 */
export interface LinkRoute {
  replica: string;
  master: string;
  /**
   * The whole route, master → replica (what bytes in flight travel along); null for the link
   * that closes a replication cycle (the replica is drawn above its master: only a label).
   */
  points: Point[] | null;
  /** The part of the route no other link shares (drawn in the link's state). */
  own: Point[];
  /** The label's slot: the label is at most this wide, centred, and exactly this high. */
  label: Rect;
}

/** Where everything goes. */
export interface TopoLayout {
  width: number;
  height: number;
  cards: Map<string, Rect>;
  /** One per node with a master among the nodes, in node order. */
  links: LinkRoute[];
  /** The parts shared by several links of one master (its trunk, its bus), drawn neutral. */
  buses: Point[][];
  /** Nodes drawn at the top of a tree, in node order. */
  roots: string[];
}

/**
 * Lay the forest out: one level per depth (a level is as tall as its tallest card, cards
 * top-aligned), each subtree in a column of its own as wide as its widest level, a master centred
 * over its replicas, trees side by side. Wide levels make a wide layout: nothing wraps, the view
 * scrolls. Between two levels run only link routes (vertical at the master, horizontal on the
 * master's bus, vertical into the replica) and their labels, each label on its replica's drop,
 * no wider than the replica's column: no card overlaps a card, no route crosses a card, no label
 * overlaps a card, a route other than its own, or another label.
 */
export function layoutTopology(
  order: readonly string[],
  parent: (n: string) => string | null,
  height: (n: string) => number | undefined,
  o: LayoutOptions,
): TopoLayout {
  const levels = levelsOf(order, parent);
  const depth = new Map<string, number>();
  levels.forEach((lv, i) => {
    for (const n of lv) depth.set(n, i);
  });
  // The drawn tree: a node hangs under its master unless that closes a cycle.
  const drawnParent = (n: string): string | null => {
    const p = parent(n);
    return p !== null && p !== n && depth.get(p) === depth.get(n)! - 1 ? p : null;
  };
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const n of order) {
    const p = drawnParent(n);
    if (p === null) roots.push(n);
    else {
      const list = children.get(p);
      if (list) list.push(n);
      else children.set(p, [n]);
    }
  }
  const kids = (n: string) => children.get(n) ?? [];
  const backEdges = order.filter((n) => drawnParent(n) === null && parent(n) !== null);

  // Subtree widths, then x positions (card centres).
  const span = new Map<string, number>();
  const widthOf = (n: string): number => {
    const ks = kids(n);
    const inner = ks.reduce((sum, k) => sum + widthOf(k), 0) + o.hGap * Math.max(0, ks.length - 1);
    const w = Math.max(o.cardW, inner);
    span.set(n, w);
    return w;
  };
  const cx = new Map<string, number>();
  const place = (n: string, left: number) => {
    const ks = kids(n);
    if (ks.length === 0) {
      cx.set(n, left + span.get(n)! / 2);
      return;
    }
    const inner = ks.reduce((sum, k) => sum + span.get(k)!, 0) + o.hGap * (ks.length - 1);
    let x = left + (span.get(n)! - inner) / 2;
    for (const k of ks) {
      place(k, x);
      x += span.get(k)! + o.hGap;
    }
    cx.set(n, (cx.get(ks[0])! + cx.get(ks[ks.length - 1])!) / 2);
  };
  // A label may reach half a gap beyond its column: keep that inside the margin.
  const labelW = o.cardW + o.hGap - LABEL_SEP;
  const margin = Math.max(o.margin, (labelW - o.cardW) / 2 + LABEL_SEP / 2);
  let x = margin;
  for (const r of roots) {
    widthOf(r);
    place(r, x);
    x += span.get(r)! + o.hGap + o.treeGap;
  }
  const width = roots.length ? x - o.hGap - o.treeGap + margin : 2 * margin;

  // Levels: as tall as their tallest card; between two, the bus and the labels.
  const gap = BUS_BELOW + LABEL_BELOW_BUS + o.labelH + LABEL_ABOVE_CARD;
  const hOf = (n: string) => {
    const v = height(n);
    return v !== undefined && v > 0 ? v : o.defaultH;
  };
  const tops: number[] = [];
  const bands: number[] = [];
  let y = margin + (backEdges.length ? o.labelH + LABEL_ABOVE_CARD : 0);
  for (const lv of levels) {
    tops.push(y);
    const band = Math.max(...lv.map(hOf));
    bands.push(band);
    y += band + gap;
  }
  const height_ = levels.length ? y - gap + margin : 2 * margin;

  const cards = new Map<string, Rect>();
  for (const n of order) {
    const d = depth.get(n)!;
    cards.set(n, { x: cx.get(n)! - o.cardW / 2, y: tops[d], w: o.cardW, h: hOf(n) });
  }

  const links: LinkRoute[] = [];
  const buses: Point[][] = [];
  const EPS = 0.5;
  /** The y of the bus under a master, where the lines down to its replicas turn. */
  const busY = (m: string) => tops[depth.get(m)!] + bands[depth.get(m)!] + BUS_BELOW;
  for (const p of order) {
    const ks = kids(p);
    if (ks.length < 2) continue;
    const pc = cards.get(p)!;
    const px = cx.get(p)!;
    const bus = busY(p);
    const xs = [px, ...ks.map((k) => cx.get(k)!)];
    buses.push([
      { x: px, y: pc.y + pc.h },
      { x: px, y: bus },
    ]);
    buses.push([
      { x: Math.min(...xs), y: bus },
      { x: Math.max(...xs), y: bus },
    ]);
  }
  for (const n of order) {
    const m = parent(n);
    if (m === null) continue;
    const c = cards.get(n)!;
    const x0 = cx.get(n)!;
    const label = { x: x0 - labelW / 2, y: 0, w: labelW, h: o.labelH };
    if (drawnParent(n) === null) {
      // Closes a cycle (or replicates itself): no line, a label above the card.
      links.push({
        replica: n,
        master: m,
        points: null,
        own: [],
        label: { ...label, y: c.y - LABEL_ABOVE_CARD - o.labelH },
      });
      continue;
    }
    const pc = cards.get(m)!;
    const px = cx.get(m)!;
    const bus = busY(m);
    const start = { x: px, y: pc.y + pc.h };
    const end = { x: x0, y: c.y };
    const points = Math.abs(px - x0) < EPS ? [start, end] : [start, { x: px, y: bus }, { x: x0, y: bus }, end];
    const siblings = kids(m);
    let own: Point[];
    if (siblings.length === 1) own = points;
    else {
      const dx = x0 - px;
      const side = Math.abs(dx) < EPS ? 0 : Math.sign(dx);
      const sameSide = siblings.filter((s) => s !== n && Math.sign(cx.get(s)! - px) === side && side !== 0);
      const outer = sameSide.some((s) => Math.abs(cx.get(s)! - px) > Math.abs(dx));
      if (side === 0 || outer) own = [{ x: x0, y: bus }, end];
      else {
        // The outermost replica on its side owns the bus from its inner neighbour (or the trunk).
        const inner = sameSide.map((s) => cx.get(s)!);
        const from = inner.length ? inner.reduce((a, b) => (Math.abs(b - px) > Math.abs(a - px) ? b : a)) : px;
        own = [{ x: from, y: bus }, { x: x0, y: bus }, end];
      }
    }
    links.push({ replica: n, master: m, points, own, label: { ...label, y: bus + LABEL_BELOW_BUS } });
  }
  return { width, height: height_, cards, links, buses, roots };
}

/**
 * An SVG path through `points` with corners rounded to radius `r` (less where a segment is
 * shorter), for orthogonal routes.
 */
export function roundedPath(points: readonly Point[], r = 6): string {
  if (points.length === 0) return '';
  const f = (v: number) => String(Math.round(v * 10) / 10);
  let d = `M${f(points[0].x)} ${f(points[0].y)}`;
  for (let i = 1; i < points.length; i++) {
    const p = points[i];
    const next = points[i + 1];
    if (!next) {
      d += ` L${f(p.x)} ${f(p.y)}`;
      break;
    }
    const prev = points[i - 1];
    const lin = Math.hypot(p.x - prev.x, p.y - prev.y);
    const lout = Math.hypot(next.x - p.x, next.y - p.y);
    const k = Math.min(r, lin / 2, lout / 2);
    if (k <= 0) {
      d += ` L${f(p.x)} ${f(p.y)}`;
      continue;
    }
    const a = { x: p.x + ((prev.x - p.x) / lin) * k, y: p.y + ((prev.y - p.y) / lin) * k };
    const b = { x: p.x + ((next.x - p.x) / lout) * k, y: p.y + ((next.y - p.y) / lout) * k };
    d += ` L${f(a.x)} ${f(a.y)} Q${f(p.x)} ${f(p.y)} ${f(b.x)} ${f(b.y)}`;
  }
  return d;
}

/** The point at fraction `t` (0..1) of a polyline's length. */
export function pointAlong(points: readonly Point[], t: number): Point {
  if (points.length === 1) return points[0];
  let total = 0;
  for (let i = 1; i < points.length; i++)
    total += Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);
  let left = Math.min(1, Math.max(0, t)) * total;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    if (left <= len && len > 0) return { x: a.x + ((b.x - a.x) * left) / len, y: a.y + ((b.y - a.y) * left) / len };
    left -= len;
  }
  return points[points.length - 1];
}

// ------------------------------------------------------------------ backlog bar

/** Replicas at one place of the bar (one pixel column), all inside or all outside the window. */
export interface BacklogTick {
  /** 0..1 along the bar. */
  pos: number;
  inside: boolean;
  marks: BacklogMark[];
}

/** Ports written under the bar, under their ticks. */
export interface BacklogLabel {
  text: string;
  /** Left edge and width in pixels of the bar. */
  left: number;
  width: number;
  inside: boolean;
}

/** How to draw a backlog window on a bar `barPx` wide. */
export interface BacklogDrawing {
  /** The window's edges, 0..1 along the bar. */
  winLeft: number;
  winRight: number;
  ticks: BacklogTick[];
  /** Per-tick port labels when they fit side by side; else empty, and `summary` says it. */
  labels: BacklogLabel[];
  summary: { inside: string; outside: string } | null;
}

/** How many ports one label under the bar may list. */
const PORTS_PER_LABEL = 3;
/** Between two labels under the bar, in pixels. */
const BL_LABEL_SEP = 6;

/**
 * Place a backlog window and its replicas' marks on a bar: the axis runs from the lowest point of
 * interest to end + 1 (the next offset to be written); a tick per pixel column holding replicas;
 * under the ticks their ports when those fit without touching (neighbours merged into one label
 * while that stays short), else one summary line ("11 replicas at 1", "6385 6390 outside").
 * `charPx` is the labels' character width.
 */
export function backlogDrawing(w: BacklogWindow, barPx: number, charPx = 6.1): BacklogDrawing {
  const lo = Math.min(w.first, ...w.marks.map((m) => m.next), Math.max(0, w.end + 1 - w.size));
  const hi = w.end + 1;
  const range = Math.max(1, hi - lo);
  const at = (o: number) => (Math.min(hi, Math.max(lo, o)) - lo) / range;
  const ticks: BacklogTick[] = [];
  for (const m of [...w.marks].sort((a, b) => a.next - b.next)) {
    const pos = at(m.next);
    const col = Math.round(pos * barPx);
    const t = ticks.find((x) => Math.round(x.pos * barPx) === col && x.inside === m.inside);
    if (t) t.marks.push(m);
    else ticks.push({ pos, inside: m.inside, marks: [m] });
  }
  ticks.sort((a, b) => a.pos - b.pos);

  // Labels: one per tick, merging neighbours that would touch; give up when they cannot fit.
  type Cluster = { ticks: BacklogTick[]; inside: boolean };
  let clusters: Cluster[] = ticks.map((t) => ({ ticks: [t], inside: t.inside }));
  const box = (c: Cluster): BacklogLabel => {
    const names = c.ticks.flatMap((t) => t.marks.map((m) => portOf(m.replica)));
    const text = names.join(' ');
    const width = text.length * charPx;
    const centre = (c.ticks.reduce((s, t) => s + t.pos, 0) / c.ticks.length) * barPx;
    return { text, left: Math.min(barPx - width, Math.max(0, centre - width / 2)), width, inside: c.inside };
  };
  const count = (c: Cluster) => c.ticks.reduce((s, t) => s + t.marks.length, 0);
  let labels: BacklogLabel[] | null = null;
  for (;;) {
    const boxes = clusters.map(box);
    if (clusters.some((c, k) => count(c) > PORTS_PER_LABEL || boxes[k].width > barPx)) break;
    const i = boxes.findIndex((b, k) => k > 0 && b.left < boxes[k - 1].left + boxes[k - 1].width + BL_LABEL_SEP);
    if (i < 0) {
      labels = boxes;
      break;
    }
    const a = clusters[i - 1];
    const b = clusters[i];
    if (a.inside !== b.inside) break;
    clusters = [
      ...clusters.slice(0, i - 1),
      { ticks: [...a.ticks, ...b.ticks], inside: a.inside },
      ...clusters.slice(i + 1),
    ];
  }
  let summary: BacklogDrawing['summary'] = null;
  if (!labels) {
    const ins = w.marks.filter((m) => m.inside);
    const outs = w.marks.filter((m) => !m.inside);
    const many = (k: number) => `${k} replica${k === 1 ? '' : 's'}`;
    let inside = '';
    if (ins.length) {
      const a = Math.min(...ins.map((m) => m.next));
      const b = Math.max(...ins.map((m) => m.next));
      inside = `${many(ins.length)} at ${a === b ? a : `${a} … ${b}`}`;
    }
    let outside = '';
    if (outs.length)
      outside =
        outs.length <= PORTS_PER_LABEL
          ? `${outs.map((m) => portOf(m.replica)).join(' ')} outside`
          : `${ins.length ? outs.length : many(outs.length)} outside`;
    summary = { inside, outside };
  }
  return { winLeft: at(w.first), winRight: at(hi), ticks, labels: labels ?? [], summary };
}

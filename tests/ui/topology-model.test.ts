/**
 * The topology's model: levels, the layout's geometry (no overlaps for fan-outs, chains, random
 * forests and cycles), link states, transfer progress, backlog windows and their bars, PSYNC in
 * words.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NodeSnapshot, PsyncDecision } from '../../src/playground';
import type { NodeView } from '../../src/ui/store';
import {
  type BacklogMark,
  backlogDrawing,
  backlogWindow,
  bytesInFlight,
  explainPsync,
  LAYOUT_NARROW,
  LAYOUT_WIDE,
  type LayoutOptions,
  layoutTopology,
  levelsOf,
  linkOf,
  masterOf,
  type Point,
  pointAlong,
  type Rect,
  roundedPath,
  shortId,
  type TopoLayout,
} from '../../src/ui/topology/model';

const A = '127.0.0.1:6379';
const B = '127.0.0.1:6380';
const C = '127.0.0.1:6381';
const ID1 = 'a'.repeat(40);
const ID2 = 'b'.repeat(40);

function snap(over: Partial<NodeSnapshot> = {}): NodeSnapshot {
  return {
    role: 'master',
    masterHost: null,
    masterPort: 0,
    linkState: 'none',
    masterReplOffset: 0,
    slaveReplOffset: -1,
    replid: ID1,
    replid2: '0'.repeat(40),
    secondReplOffset: -1,
    backlog: null,
    replicas: [],
    childRunning: false,
    keys: 0,
    transfer: null,
    psyncs: [],
    ...over,
  };
}

function view(name: string, s: NodeSnapshot | null, running = true): NodeView {
  const port = Number(name.split(':')[1]);
  return { name, host: '127.0.0.1', port, running, snapshot: s };
}

const replicaOf = (port: number, over: Partial<NodeSnapshot> = {}) =>
  snap({ role: 'slave', masterHost: '127.0.0.1', masterPort: port, linkState: 'connected', ...over });

describe('levels', () => {
  it('puts masters first and replicas under them, chains deeper', () => {
    const parents: Record<string, string | null> = { [A]: null, [B]: A, [C]: B };
    expect(levelsOf([A, B, C], (n) => parents[n])).toEqual([[A], [B], [C]]);
    const fan: Record<string, string | null> = { [A]: null, [B]: A, [C]: A };
    expect(levelsOf([A, B, C], (n) => fan[n])).toEqual([[A], [B, C]]);
  });

  it('breaks a replication cycle instead of looping', () => {
    const cyc: Record<string, string | null> = { [A]: B, [B]: A };
    const lv = levelsOf([A, B], (n) => cyc[n]);
    expect(lv.flat().sort()).toEqual([A, B]);
  });

  it('finds a master among the nodes (localhost counts as 127.0.0.1)', () => {
    expect(masterOf(replicaOf(6379), [A, B])).toBe(A);
    expect(masterOf(snap({ role: 'slave', masterHost: 'localhost', masterPort: 6380 }), [A, B])).toBe(B);
    expect(masterOf(replicaOf(7000), [A, B])).toBeNull();
    expect(masterOf(snap(), [A])).toBeNull();
  });
});

describe('links', () => {
  const m = view(A, snap());
  it('reads the replica side state', () => {
    expect(linkOf(view(B, replicaOf(6379)), m, false, [], 0).state).toBe('online');
    expect(linkOf(view(B, replicaOf(6379, { linkState: 'connecting' })), m, false, [], 0).state).toBe('connecting');
    expect(linkOf(view(B, replicaOf(6379, { linkState: 'handshake' })), m, false, [], 0).label).toBe('handshake');
    expect(linkOf(view(B, replicaOf(6379, { linkState: 'connect' })), m, false, [], 0).state).toBe('down');
    expect(linkOf(view(B, replicaOf(6379)), m, true, [], 0).state).toBe('cut');
    expect(linkOf(view(B, null, false), m, false, [], 0).label).toBe('replica down');
    expect(linkOf(view(B, replicaOf(6379)), view(A, null, false), false, [], 0).label).toBe('master down');
  });

  it('says when the master delays its BGSAVE', () => {
    const waiting = view(
      A,
      snap({ replicas: [{ addr: '127.0.0.1:6380', port: 6380, state: 'wait_bgsave', ackOffset: 0 }] }),
    );
    expect(linkOf(view(B, replicaOf(6379, { linkState: 'handshake' })), waiting, false, [], 0).label).toBe(
      'waiting for BGSAVE',
    );
  });

  it('measures an RDB transfer by size, or by the bytes still on the wire', () => {
    const sized = view(B, replicaOf(6379, { linkState: 'sync', transfer: { read: 250, size: 1000 } }));
    expect(linkOf(sized, m, false, [], 0)).toMatchObject({ state: 'sync', progress: 0.25, label: 'RDB transfer 25%' });
    const eof = view(B, replicaOf(6379, { linkState: 'sync', transfer: { read: 0, size: -1 } }));
    const wire = [{ from: A, to: B, bytes: 1000, sentAt: 0, deliverAt: 1000 }];
    expect(bytesInFlight(wire, A, B, 400)).toEqual({ total: 1000, crossed: 400 });
    expect(linkOf(eof, m, false, wire, 400).progress).toBeCloseTo(0.4);
    expect(linkOf(eof, m, false, [], 400).progress).toBeNull();
  });

  it('measures a diskless transfer by the size its master is writing, while it writes', () => {
    const eof = view(B, replicaOf(6379, { linkState: 'sync', transfer: { read: 1000, size: -1 } }));
    const writing = view(A, {
      ...m.snapshot!,
      replicas: [{ addr: B, port: 6380, state: 'wait_bgsave', ackOffset: 0, rdb: { sent: 3000, size: 10_000 } }],
    });
    // 1000 read, 2000 in the socket (of which 500 crossed): 15%, not 1500 / 3000.
    const wire = [{ from: A, to: B, bytes: 2000, sentAt: 0, deliverAt: 4000 }];
    expect(linkOf(eof, writing, false, wire, 1000)).toMatchObject({ state: 'sync', label: 'RDB transfer 15%' });
    expect(linkOf(eof, writing, false, wire, 1000).progress).toBeCloseTo(0.15);
  });

  it('shows an RDB still on a slow wire as a transfer, even before +FULLRESYNC was read', () => {
    const waiting = view(B, replicaOf(6379, { linkState: 'handshake' }));
    const rdb = [{ from: A, to: B, bytes: 100_000, sentAt: 0, deliverAt: 10_000 }];
    expect(linkOf(waiting, m, false, rdb, 2500)).toMatchObject({ state: 'sync', label: 'RDB transfer 25%' });
  });
});

describe('backlog window', () => {
  it('marks where each replica would continue, inside or outside the window', () => {
    const master = view(
      A,
      snap({ masterReplOffset: 5000, backlog: { firstByteOffset: 3000, histlen: 2001, size: 2048 } }),
    );
    const w = backlogWindow(master, [
      view(B, replicaOf(6379, { masterReplOffset: 5000 })),
      view(C, replicaOf(6379, { masterReplOffset: 1000 })),
    ]);
    expect(w).toMatchObject({ first: 3000, end: 5000, histlen: 2001, size: 2048 });
    expect(w?.marks).toEqual([
      { replica: B, next: 5001, inside: true },
      { replica: C, next: 1001, inside: false },
    ]);
    expect(backlogWindow(view(A, snap()), [])).toBeNull();
  });
});

describe('PSYNC explanations', () => {
  const base: PsyncDecision = {
    seq: 1,
    at: 0,
    replica: C,
    replid: ID2,
    offset: 150,
    myReplid: ID1,
    myReplid2: ID2,
    secondOffset: 200,
    masterReplOffset: 300,
    backlog: { first: 1, histlen: 300 },
    result: 'continue',
    reason: 'accepted',
    sent: 151,
  };

  it('explains a partial resync through replid2', () => {
    const x = explainPsync(base);
    expect(x.request).toBe(`PSYNC ${shortId(ID2)} 150`);
    expect(x.verdict).toBe('+CONTINUE');
    expect(x.checks).toEqual([
      { label: 'ID', ok: true, detail: `= my replid2 ${shortId(ID2)}, valid up to offset 200` },
      { label: 'backlog', ok: true, detail: 'offset 150 is in the backlog [1 … 300]' },
    ]);
    expect(x.reason).toContain('sends 151 bytes from offset 150');
  });

  it('explains the full resyncs', () => {
    expect(
      explainPsync({ ...base, replid: '?', offset: -1, result: 'fullresync', reason: 'no-cached-master' }),
    ).toMatchObject({
      request: 'PSYNC ? -1',
      verdict: '+FULLRESYNC',
    });
    const beyond = explainPsync({ ...base, offset: 250, result: 'fullresync', reason: 'beyond-second-offset' });
    expect(beyond.checks[0].ok).toBe(false);
    expect(beyond.reason).toContain('went past offset 200');
    const overwritten = explainPsync({
      ...base,
      replid: ID1,
      offset: 10,
      backlog: { first: 100, histlen: 201 },
      result: 'fullresync',
      reason: 'out-of-window',
    });
    expect(overwritten.checks[1]).toEqual({
      label: 'backlog',
      ok: false,
      detail: 'offset 10 is before the backlog [100 … 300]: those bytes are gone',
    });
    expect(overwritten.reason).toContain('already dropped');
    const other = explainPsync({ ...base, replid: 'c'.repeat(40), result: 'fullresync', reason: 'replid-mismatch' });
    expect(other.checks[0].detail).toContain('matches neither');
    expect(other.checks[1]).toEqual({
      label: 'backlog',
      ok: null,
      detail: 'not consulted: the ID check already failed (the backlog holds [1 … 300])',
    });
  });

  it('reads offsets as Redis does: the next byte to come is served, one more is not', () => {
    const next = explainPsync({ ...base, replid: ID1, offset: 301, sent: 0 });
    expect(next.checks[1]).toEqual({
      label: 'backlog',
      ok: true,
      detail: 'offset 301 is the next byte to come (backlog [1 … 300]): nothing is missing',
    });
    const past = explainPsync({ ...base, replid: ID1, offset: 302, result: 'fullresync', reason: 'out-of-window' });
    expect(past.checks[1].ok).toBe(false);
    expect(past.checks[1].detail).toBe('offset 302 is past the backlog [1 … 300]: this master never had it');
  });

  it('names whose an unknown ID was, when the page saw it', () => {
    const x = explainPsync(
      { ...base, replid: 'c'.repeat(40), result: 'fullresync', reason: 'replid-mismatch' },
      (id) => (id === 'c'.repeat(40) ? 'the replid of 6379 before its restart' : null),
    );
    expect(x.checks[0].detail).toContain(`(${shortId('c'.repeat(40))} is the replid of 6379 before its restart)`);
  });
});

// ------------------------------------------------------------------ layout geometry

const port = (i: number) => `127.0.0.1:${6379 + i}`;
const EPS = 0.01;

/** Interiors intersect. */
function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w - EPS && b.x < a.x + a.w - EPS && a.y < b.y + b.h - EPS && b.y < a.y + a.h - EPS;
}

/** An axis-aligned segment enters the interior of a box. */
function crosses(p: Point, q: Point, r: Rect): boolean {
  const x0 = Math.min(p.x, q.x);
  const x1 = Math.max(p.x, q.x);
  const y0 = Math.min(p.y, q.y);
  const y1 = Math.max(p.y, q.y);
  return x0 < r.x + r.w - EPS && x1 > r.x + EPS && y0 < r.y + r.h - EPS && y1 > r.y + EPS;
}

const segments = (pts: readonly Point[]) => pts.slice(1).map((q, i) => [pts[i], q] as const);

/** Two collinear axis-aligned segments share more than a point. */
function sharesStretch(a: readonly [Point, Point], b: readonly [Point, Point]): boolean {
  const vert = (s: readonly [Point, Point]) => Math.abs(s[0].x - s[1].x) < EPS;
  if (vert(a) !== vert(b)) return false;
  if (vert(a)) {
    if (Math.abs(a[0].x - b[0].x) > EPS) return false;
    const lo = Math.max(Math.min(a[0].y, a[1].y), Math.min(b[0].y, b[1].y));
    const hi = Math.min(Math.max(a[0].y, a[1].y), Math.max(b[0].y, b[1].y));
    return hi - lo > EPS;
  }
  if (Math.abs(a[0].y - b[0].y) > EPS) return false;
  const lo = Math.max(Math.min(a[0].x, a[1].x), Math.min(b[0].x, b[1].x));
  const hi = Math.min(Math.max(a[0].x, a[1].x), Math.max(b[0].x, b[1].x));
  return hi - lo > EPS;
}

/** Every promise the layout makes, for one forest. */
function checkLayout(order: string[], parents: Record<string, string | null>, l: TopoLayout, o: LayoutOptions): void {
  const cards = [...l.cards.entries()];
  expect(cards.map(([n]) => n).sort()).toEqual([...order].sort());
  const inside = (r: Rect) => r.x >= -EPS && r.y >= -EPS && r.x + r.w <= l.width + EPS && r.y + r.h <= l.height + EPS;
  for (const [n, r] of cards) {
    expect(r.w, n).toBe(o.cardW);
    expect(inside(r), `${n} inside the canvas`).toBe(true);
  }
  // No card overlaps a card.
  for (let i = 0; i < cards.length; i++)
    for (let j = i + 1; j < cards.length; j++)
      expect(overlaps(cards[i][1], cards[j][1]), `${cards[i][0]} / ${cards[j][0]}`).toBe(false);
  expect(l.links.map((x) => x.replica)).toEqual(order.filter((n) => parents[n] !== null));
  const lines: { owner: string | null; seg: readonly [Point, Point] }[] = [];
  for (const b of l.buses) for (const seg of segments(b)) lines.push({ owner: null, seg });
  for (const k of l.links) {
    expect(k.master).toBe(parents[k.replica]);
    expect(inside(k.label), `label of ${k.replica} inside the canvas`).toBe(true);
    expect(k.label.h).toBe(o.labelH);
    if (!k.points) continue;
    const m = l.cards.get(k.master)!;
    const r = l.cards.get(k.replica)!;
    // From the master's bottom edge to the replica's top edge, replicas below their master.
    expect(k.points[0]).toEqual({ x: m.x + m.w / 2, y: m.y + m.h });
    expect(k.points[k.points.length - 1]).toEqual({ x: r.x + r.w / 2, y: r.y });
    expect(r.y).toBeGreaterThan(m.y + m.h);
    for (const seg of segments(k.points)) {
      expect(Math.abs(seg[0].x - seg[1].x) < EPS || Math.abs(seg[0].y - seg[1].y) < EPS).toBe(true);
      lines.push({ owner: k.replica, seg });
    }
    // Its own part lies on its route and ends at the replica.
    expect(k.own.length).toBeGreaterThanOrEqual(2);
    expect(k.own[k.own.length - 1]).toEqual(k.points[k.points.length - 1]);
    for (const [a, b] of segments(k.own))
      expect(
        segments(k.points).some((s) => sharesStretch(s, [a, b])),
        `own part of ${k.replica}`,
      ).toBe(true);
    // The label sits on the replica's drop, between the bus and the card.
    expect(k.label.x + k.label.w / 2).toBeCloseTo(r.x + r.w / 2);
    expect(k.label.y + k.label.h).toBeLessThan(r.y);
  }
  // No line passes through a card.
  for (const { owner, seg } of lines)
    for (const [n, r] of cards)
      expect(crosses(seg[0], seg[1], r), `line of ${owner ?? 'a bus'} through ${n}`).toBe(false);
  // No two links own the same stretch (a stretch drawn in one link's state belongs to it alone).
  const owned = l.links.flatMap((k) => segments(k.own).map((seg) => ({ owner: k.replica, seg })));
  for (let i = 0; i < owned.length; i++)
    for (let j = i + 1; j < owned.length; j++)
      expect(sharesStretch(owned[i].seg, owned[j].seg), `${owned[i].owner} / ${owned[j].owner}`).toBe(false);
  // Labels: not over a card, another label, or a line other than their own drop.
  for (let i = 0; i < l.links.length; i++) {
    const a = l.links[i];
    for (const [n, r] of cards) expect(overlaps(a.label, r), `label of ${a.replica} over ${n}`).toBe(false);
    for (let j = i + 1; j < l.links.length; j++)
      expect(overlaps(a.label, l.links[j].label), `labels of ${a.replica} / ${l.links[j].replica}`).toBe(false);
    for (const { owner, seg } of lines) {
      if (!crosses(seg[0], seg[1], a.label)) continue;
      const ownDrop = owner === a.replica && Math.abs(seg[0].x - (a.label.x + a.label.w / 2)) < EPS;
      expect(ownDrop, `line of ${owner ?? 'a bus'} through the label of ${a.replica}`).toBe(true);
    }
  }
}

function layoutOf(parents: Record<string, string | null>, heights: Record<string, number> = {}, o = LAYOUT_WIDE) {
  const order = Object.keys(parents);
  const l = layoutTopology(
    order,
    (n) => parents[n],
    (n) => heights[n],
    o,
  );
  checkLayout(order, parents, l, o);
  return l;
}

describe('layout', () => {
  it('draws the default three nodes as a master over its two replicas', () => {
    const l = layoutOf({ [A]: null, [B]: A, [C]: A }, { [A]: 150, [B]: 90, [C]: 90 });
    const [a, b, c] = [A, B, C].map((n) => l.cards.get(n)!);
    expect(b.y).toBe(c.y);
    expect(a.x + a.w / 2).toBeCloseTo((b.x + c.x + c.w) / 2);
    expect(l.width).toBeLessThan(2 * LAYOUT_WIDE.cardW + 100);
    // One trunk and one bus shared by the two links, each owning its half of the bus.
    expect(l.buses).toHaveLength(2);
    expect(l.links.map((k) => k.own.length)).toEqual([3, 3]);
  });

  it('keeps a fan-out of 1 to 31 replicas on one level, without overlaps, wide and narrow', () => {
    for (const o of [LAYOUT_WIDE, LAYOUT_NARROW])
      for (let k = 0; k <= 31; k++) {
        const parents: Record<string, string | null> = { [port(0)]: null };
        const heights: Record<string, number> = { [port(0)]: 160 };
        for (let i = 1; i <= k; i++) {
          parents[port(i)] = port(0);
          heights[port(i)] = 80 + (i % 3) * 7;
        }
        const l = layoutOf(parents, heights, o);
        const ys = new Set([...l.cards.entries()].filter(([n]) => n !== port(0)).map(([, r]) => r.y));
        expect(ys.size).toBeLessThanOrEqual(1);
        expect(l.width).toBeGreaterThanOrEqual(Math.max(1, k) * o.cardW);
      }
  });

  it('draws a chain as a column, each link a straight drop of its own', () => {
    for (let k = 1; k <= 32; k++) {
      const parents: Record<string, string | null> = {};
      for (let i = 0; i < k; i++) parents[port(i)] = i ? port(i - 1) : null;
      const l = layoutOf(parents);
      expect(new Set([...l.cards.values()].map((r) => r.x)).size).toBe(1);
      expect(l.buses).toEqual([]);
      for (const link of l.links) expect(link.own).toEqual(link.points);
    }
  });

  it('lays out random forests of up to 32 nodes, with any card heights, without overlaps', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.integer({ min: 40, max: 260 })), { minLength: 1, maxLength: 32 }),
        fc.boolean(),
        (spec, narrow) => {
          const parents: Record<string, string | null> = {};
          const heights: Record<string, number> = {};
          spec.forEach(([p, root, hgt], i) => {
            parents[port(i)] = root || i === 0 ? null : port(p % i);
            heights[port(i)] = hgt;
          });
          layoutOf(parents, heights, narrow ? LAYOUT_NARROW : LAYOUT_WIDE);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('shows the link closing a replication cycle as a label above the card, without a line', () => {
    const l = layoutOf({ [A]: C, [B]: A, [C]: B });
    const closing = l.links.find((k) => k.points === null)!;
    const card = l.cards.get(closing.replica)!;
    expect(closing.label.y + closing.label.h).toBeLessThanOrEqual(card.y);
    expect(l.links.filter((k) => k.points === null)).toHaveLength(1);
    // A node that replicates itself, and random cycles among random forests.
    layoutOf({ [A]: A, [B]: A });
    fc.assert(
      fc.property(fc.array(fc.option(fc.nat(), { nil: null }), { minLength: 1, maxLength: 20 }), (ps) => {
        const parents: Record<string, string | null> = {};
        ps.forEach((p, i) => {
          parents[port(i)] = p === null ? null : port(p % ps.length);
        });
        layoutOf(parents);
      }),
    );
  });

  it('fits a master and two replicas in the phone layout (a 318 px canvas at 360 px)', () => {
    expect(layoutOf({ [A]: null, [B]: A, [C]: A }, {}, LAYOUT_NARROW).width).toBeLessThanOrEqual(318);
  });

  it('sets forests side by side and starts measured-height cards where the level starts', () => {
    const l = layoutOf({ [A]: null, [B]: null, [C]: B }, { [A]: 200, [B]: 60, [C]: 60 });
    const [a, b, c] = [A, B, C].map((n) => l.cards.get(n)!);
    expect(a.y).toBe(b.y);
    expect(b.x).toBeGreaterThan(a.x + a.w);
    // C's level begins below A, the level's tallest card, not just below B.
    expect(c.y).toBeGreaterThan(a.y + 200);
  });

  it('routes paths with rounded corners and finds points along them', () => {
    const pts = [
      { x: 0, y: 0 },
      { x: 0, y: 10 },
      { x: 20, y: 10 },
    ];
    expect(roundedPath(pts, 4)).toBe('M0 0 L0 6 Q0 10 4 10 L20 10');
    expect(pointAlong(pts, 0)).toEqual({ x: 0, y: 0 });
    expect(pointAlong(pts, 0.5)).toEqual({ x: 5, y: 10 });
    expect(pointAlong(pts, 1)).toEqual({ x: 20, y: 10 });
  });
});

describe('backlog bar', () => {
  const win = (marks: BacklogMark[], first = 1, end = 0, size = 1048576) => ({
    first,
    end,
    histlen: end - first + 1,
    size,
    marks,
  });
  const mark = (i: number, next: number, inside = true): BacklogMark => ({ replica: port(i), next, inside });

  it('labels a few replicas with their ports, merged where they meet', () => {
    const d = backlogDrawing(win([mark(1, 1), mark(2, 1)]), 180);
    expect(d.ticks).toHaveLength(1);
    expect(d.labels.map((l) => l.text)).toEqual(['6380 6381']);
    expect(d.summary).toBeNull();
  });

  it('summarises many replicas instead of labelling each, and keeps the ones outside in sight', () => {
    const same = backlogDrawing(win(Array.from({ length: 11 }, (_, i) => mark(i + 1, 1))), 180);
    expect(same.labels).toEqual([]);
    expect(same.summary).toEqual({ inside: '11 replicas at 1', outside: '' });
    const marks = [
      ...Array.from({ length: 9 }, (_, i) => mark(i + 1, 4000 + i * 100)),
      mark(10, 10, false),
      mark(11, 20, false),
    ];
    const mixed = backlogDrawing(win(marks, 3000, 5000, 2048), 180);
    expect(mixed.summary).toEqual({ inside: '9 replicas at 4000 … 4800', outside: '6389 6390 outside' });
    expect(mixed.ticks.filter((t) => !t.inside).flatMap((t) => t.marks.map((m) => m.replica))).toEqual([
      port(10),
      port(11),
    ]);
    const allOut = backlogDrawing(
      win(
        Array.from({ length: 5 }, (_, i) => mark(i + 1, i + 1, false)),
        100,
        200,
      ),
      120,
    );
    expect(allOut.summary).toEqual({ inside: '', outside: '5 replicas outside' });
  });

  it('keeps ticks and labels on the bar, labels apart, for any replicas', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.boolean()), { maxLength: 31 }),
        fc.integer({ min: 100, max: 240 }),
        (ms, bar) => {
          const d = backlogDrawing(
            win(
              ms.map(([next, inside], i) => mark(i + 1, next, inside)),
              5000,
              9000,
              4096,
            ),
            bar,
          );
          expect(d.ticks.flatMap((t) => t.marks)).toHaveLength(ms.length);
          for (const t of d.ticks) {
            expect(t.pos).toBeGreaterThanOrEqual(0);
            expect(t.pos).toBeLessThanOrEqual(1);
            for (const m of t.marks) expect(m.inside).toBe(t.inside);
          }
          if (ms.length === 0) expect(d.summary).toBeNull();
          if (d.summary === null) {
            expect(d.labels.flatMap((l) => l.text.split(' ')).length).toBe(ms.length);
            d.labels.forEach((l, i) => {
              expect(l.left).toBeGreaterThanOrEqual(0);
              expect(l.left + l.width).toBeLessThanOrEqual(bar + EPS);
              if (i) expect(l.left).toBeGreaterThanOrEqual(d.labels[i - 1].left + d.labels[i - 1].width);
            });
          } else expect(d.labels).toEqual([]);
        },
      ),
    );
  });
});

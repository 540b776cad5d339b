/**
 * The topology's model, computed from store data only (no DOM): who replicates from whom, in
 * which level each node is drawn, the state of each replication link, how far an RDB transfer
 * got, where each replica stands against its master's backlog window, and a plain-words
 * explanation of each PSYNC decision.
 */
import type { InFlight, NodeSnapshot, PsyncDecision } from '../../playground';
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
  // A full sync's RDB still on the wire: over a slow link the replica may not even have read
  // +FULLRESYNC yet (it travels with the payload), but the transfer is what is happening.
  const wire = bytesInFlight(inFlight, master.name, replica.name, now);
  if ((s?.linkState === 'handshake' || s?.linkState === 'sync') && wire.total >= BIG_TRANSFER) {
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
      let progress: number | null = null;
      if (t && t.size > 0) progress = Math.min(1, (t.read + wire.crossed) / t.size);
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

/** Explain a decision: what was asked, what it was compared with, and why the answer. */
export function explainPsync(d: PsyncDecision): PsyncExplanation {
  const request =
    d.reason === 'sync-command' ? 'SYNC' : `PSYNC ${d.replid === '?' ? '?' : shortId(d.replid)} ${d.offset}`;
  const checks: PsyncCheck[] = [];
  const id = d.replid.toLowerCase();
  const end = d.masterReplOffset;
  const win = d.backlog ? `[${d.backlog.first}, ${d.backlog.first + d.backlog.histlen}]` : null;
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
    checks.push({
      label: 'ID',
      ok: false,
      detail: `matches neither my replid ${shortId(d.myReplid)} nor replid2 ${shortId(d.myReplid2)}`,
    });
  }
  if (d.replid !== '?' && d.reason !== 'sync-command') {
    if (!win || !d.backlog) checks.push({ label: 'backlog', ok: false, detail: 'no backlog on this master' });
    else {
      const ok = d.offset >= d.backlog.first && d.offset <= d.backlog.first + d.backlog.histlen;
      const where =
        d.offset < d.backlog.first ? 'before' : d.offset > d.backlog.first + d.backlog.histlen ? 'after' : 'inside';
      const checked = d.reason === 'accepted' || d.reason === 'out-of-window';
      checks.push({
        label: 'backlog',
        ok: checked ? ok : null,
        detail: checked
          ? `offset ${d.offset} is ${where} the window ${win}`
          : `not checked (offset ${d.offset} is ${where} the window ${win})`,
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
        ? `Bytes from offset ${d.offset} on were already overwritten in the backlog (it now starts at ${d.backlog.first}): a full resync.`
        : `Offset ${d.offset} is beyond master_repl_offset ${end}: a full resync.`,
  };
  return { request, checks, verdict: d.result === 'continue' ? '+CONTINUE' : '+FULLRESYNC', reason: reasons[d.reason] };
}

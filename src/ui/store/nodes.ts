/** The nodes slice: which nodes exist, which run, their last snapshots and the PSYNC decisions they made. */
import type { NodeSnapshot } from '../../playground';
import type { NodesSlice, NodeView, PsyncView, SliceCreator } from './types';

/** How many PSYNC decisions the store keeps. */
export const PSYNC_KEEP = 50;

function splitName(name: string): { host: string; port: number } {
  const i = name.lastIndexOf(':');
  return { host: name.slice(0, i), port: Number(name.slice(i + 1)) };
}

/** Cheap structural equality for snapshots (plain JSON data). */
function sameSnapshot(a: NodeSnapshot | null, b: NodeSnapshot | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A master (re)started: its PSYNC decisions are numbered from 1 again, so they count in a new boot
 * (the store tells them apart from the last run's).
 */
function newBoot(seen: NodesSlice['psyncSeen'], name: string): void {
  seen[name] = { seq: 0, boot: (seen[name]?.boot ?? 0) + 1 };
}

export const createNodesSlice: SliceCreator<NodesSlice> = (set, get) => ({
  nodeOrder: [],
  nodes: {},
  psyncs: [],
  psyncSeen: {},
  replidSeen: {},

  setNodeList(names, starting = []) {
    const old = get().nodes;
    const nodes: Record<string, NodeView> = {};
    const seen = { ...get().psyncSeen };
    for (const name of names) {
      if (old[name]) {
        nodes[name] = old[name];
        continue;
      }
      const running = starting.includes(name);
      nodes[name] = { name, ...splitName(name), running, snapshot: null };
      if (running) newBoot(seen, name);
    }
    // The PSYNC decisions of a removed master stay: they are history, like the log timeline.
    set({ nodeOrder: [...names], nodes, psyncSeen: seen });
  },

  setRunning(name, running) {
    const n = get().nodes[name];
    if (!n || n.running === running) return;
    const seen = { ...get().psyncSeen };
    if (running) newBoot(seen, name);
    set({
      nodes: { ...get().nodes, [name]: { ...n, running, snapshot: running ? n.snapshot : null } },
      psyncSeen: seen,
    });
  },

  applySnapshots(snaps) {
    const state = get();
    let nodes: Record<string, NodeView> | null = null;
    let psyncs: PsyncView[] | null = null;
    let seen: NodesSlice['psyncSeen'] | null = null;
    let ids: NodesSlice['replidSeen'] | null = null;
    for (const [name, snap] of Object.entries(snaps)) {
      const n = state.nodes[name];
      if (!n) continue;
      if (!sameSnapshot(n.snapshot, snap)) {
        nodes ??= { ...state.nodes };
        nodes[name] = { ...n, snapshot: snap };
      }
      if (!snap) continue;
      const s = (seen ?? state.psyncSeen)[name] ?? { seq: 0, boot: 1 };
      if (!(ids ?? state.replidSeen)[snap.replid]) {
        ids ??= { ...state.replidSeen };
        ids[snap.replid] = { node: name, boot: s.boot };
      }
      const fresh = snap.psyncs.filter((d) => d.seq > s.seq);
      if (fresh.length === 0) continue;
      psyncs ??= [...state.psyncs];
      for (const d of fresh) psyncs.push({ ...d, master: name, key: `${name}#${s.boot}#${d.seq}` });
      seen ??= { ...state.psyncSeen };
      seen[name] = { seq: fresh[fresh.length - 1].seq, boot: s.boot };
    }
    const patch: Partial<NodesSlice> = {};
    if (nodes) patch.nodes = nodes;
    if (psyncs) patch.psyncs = psyncs.slice(-PSYNC_KEEP);
    if (seen) patch.psyncSeen = seen;
    if (ids) patch.replidSeen = ids;
    if (nodes || psyncs || seen || ids) set(patch);
  },
});

/**
 * Whose a replication ID was, in words, for an ID the page saw on some card: "the replid of
 * 6379 before its restart", "an earlier replid of 6380", "the replid of 6381 (removed)", "the
 * replid of 6380". Null for an ID no card ever showed.
 */
export function whoseReplid(s: Pick<NodesSlice, 'replidSeen' | 'psyncSeen' | 'nodes'>, replid: string): string | null {
  const o = s.replidSeen[replid];
  if (!o) return null;
  const port = o.node.slice(o.node.lastIndexOf(':') + 1);
  const n = s.nodes[o.node];
  if (!n) return `the replid of ${port} (removed)`;
  if (n.snapshot?.replid === replid) return `the replid of ${port}`;
  if ((s.psyncSeen[o.node]?.boot ?? o.boot) > o.boot) return `the replid of ${port} before its restart`;
  return `an earlier replid of ${port}`;
}

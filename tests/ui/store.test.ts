/** The UI store's slices, driven with plain data and no DOM (like zustand's tests/vanilla). */
import { describe, expect, it } from 'vitest';
import type { NodeSnapshot, PsyncDecision } from '../../src/playground';
import {
  createAppStore,
  HISTORY_MAX,
  LOG_KEEP_PER_NODE,
  linkKey,
  localHistoryStorage,
  logMatches,
  memoryHistoryStorage,
  watch,
} from '../../src/ui/store';

const A = '127.0.0.1:6379';
const B = '127.0.0.1:6380';

function snap(over: Partial<NodeSnapshot> = {}): NodeSnapshot {
  return {
    role: 'master',
    masterHost: null,
    masterPort: 0,
    linkState: 'none',
    masterReplOffset: 0,
    slaveReplOffset: -1,
    replid: 'a'.repeat(40),
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

function decision(seq: number, result: PsyncDecision['result'] = 'continue'): PsyncDecision {
  return {
    seq,
    at: seq * 1000,
    replica: '127.0.0.1:6381',
    replid: 'b'.repeat(40),
    offset: 100,
    myReplid: 'a'.repeat(40),
    myReplid2: 'b'.repeat(40),
    secondOffset: 200,
    masterReplOffset: 300,
    backlog: { first: 1, histlen: 300 },
    result,
    reason: result === 'continue' ? 'accepted' : 'out-of-window',
    sent: 201,
  };
}

describe('nodes slice', () => {
  it('lists nodes in order with host and port, keeping known ones on change', () => {
    const store = createAppStore();
    store.getState().setNodeList([A, B]);
    expect(store.getState().nodeOrder).toEqual([A, B]);
    expect(store.getState().nodes[B]).toMatchObject({ host: '127.0.0.1', port: 6380, running: false });
    store.getState().setRunning(A, true);
    store.getState().setNodeList([A]);
    expect(store.getState().nodes[A].running).toBe(true);
    expect(store.getState().nodes[B]).toBeUndefined();
  });

  it('keeps a snapshot object when nothing changed, replaces it when something did', () => {
    const store = createAppStore();
    store.getState().setNodeList([A]);
    store.getState().setRunning(A, true);
    store.getState().applySnapshots({ [A]: snap({ masterReplOffset: 10 }) });
    const first = store.getState().nodes[A].snapshot;
    let changes = 0;
    const off = watch(
      store,
      (s) => s.nodes[A].snapshot,
      () => changes++,
    );
    store.getState().applySnapshots({ [A]: snap({ masterReplOffset: 10 }) });
    expect(store.getState().nodes[A].snapshot).toBe(first);
    store.getState().applySnapshots({ [A]: snap({ masterReplOffset: 11 }) });
    expect(store.getState().nodes[A].snapshot?.masterReplOffset).toBe(11);
    expect(changes).toBe(1);
    off();
  });

  it('drops the snapshot when a node stops', () => {
    const store = createAppStore();
    store.getState().setNodeList([A]);
    store.getState().setRunning(A, true);
    store.getState().applySnapshots({ [A]: snap() });
    store.getState().setRunning(A, false);
    expect(store.getState().nodes[A].snapshot).toBeNull();
  });

  it('collects each PSYNC decision once, and again after the master restarts', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().setNodeList([A]);
    s().setRunning(A, true);
    s().applySnapshots({ [A]: snap({ psyncs: [decision(1, 'fullresync')] }) });
    s().applySnapshots({ [A]: snap({ psyncs: [decision(1, 'fullresync'), decision(2)] }) });
    expect(s().psyncs.map((p) => [p.master, p.seq, p.result])).toEqual([
      [A, 1, 'fullresync'],
      [A, 2, 'continue'],
    ]);
    s().setRunning(A, false);
    s().setRunning(A, true);
    s().applySnapshots({ [A]: snap({ psyncs: [decision(1)] }) });
    expect(s().psyncs).toHaveLength(3);
    expect(new Set(s().psyncs.map((p) => p.key)).size).toBe(3);
  });
});

describe('logs slice', () => {
  it('appends lines per node and to the merged timeline, numbered in arrival order', () => {
    const store = createAppStore();
    store.getState().appendLogs([
      { node: A, line: '1:M 02 Sep 2024 15:43:00.000 * Ready to accept connections' },
      { node: B, line: '2:S 02 Sep 2024 15:43:00.100 # Connection with master lost.' },
    ]);
    store.getState().appendLogs([{ node: A, line: 'oops' }]);
    const s = store.getState();
    expect(s.mergedLog.map((e) => [e.seq, e.node])).toEqual([
      [1, A],
      [2, B],
      [3, A],
    ]);
    expect(s.logsByNode[A].map((e) => e.parsed.level)).toEqual(['notice', 'plain']);
    expect(s.logsByNode[B][0].parsed).toMatchObject({ level: 'warning', role: 'S', replication: 1 });
  });

  it('keeps at most LOG_KEEP_PER_NODE lines of a node', () => {
    const store = createAppStore();
    const lines = Array.from({ length: LOG_KEEP_PER_NODE + 5 }, (_, i) => ({ node: A, line: `l${i}` }));
    store.getState().appendLogs(lines);
    const kept = store.getState().logsByNode[A];
    expect(kept).toHaveLength(LOG_KEEP_PER_NODE);
    expect(kept[0].line).toBe('l5');
  });

  it('filters case-insensitively', () => {
    const store = createAppStore();
    store.getState().appendLogs([{ node: A, line: '1:M 02 Sep 2024 15:43:00.000 * Partial resynchronization' }]);
    const e = store.getState().mergedLog[0];
    expect(logMatches(e, '')).toBe(true);
    expect(logMatches(e, 'PARTIAL')).toBe(true);
    expect(logMatches(e, 'full')).toBe(false);
    store.getState().setLogFilter('x');
    expect(store.getState().logFilter).toBe('x');
  });
});

describe('consoles slice', () => {
  it('loads history once, appends without repeats, caps it and saves it', () => {
    const storage = memoryHistoryStorage();
    storage.save(A, ['PING']);
    const store = createAppStore({ history: storage });
    expect(store.getState().loadHistory(A)).toEqual(['PING']);
    store.getState().addHistory(A, 'PING');
    store.getState().addHistory(A, 'GET a');
    store.getState().addHistory(A, '   ');
    expect(store.getState().histories[A]).toEqual(['PING', 'GET a']);
    expect(storage.load(A)).toEqual(['PING', 'GET a']);
    for (let i = 0; i < HISTORY_MAX + 10; i++) store.getState().addHistory(A, `SET k ${i}`);
    expect(store.getState().histories[A]).toHaveLength(HISTORY_MAX);
    expect(storage.load(A).at(-1)).toBe(`SET k ${HISTORY_MAX + 9}`);
  });

  it('keeps history in a Storage per node and survives garbage', () => {
    const data = new Map<string, string>();
    const fake = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
    } as unknown as Storage;
    const h = localHistoryStorage(fake);
    h.save(A, ['INFO replication']);
    expect(h.load(A)).toEqual(['INFO replication']);
    expect(h.load(B)).toEqual([]);
    data.set(`redis-playground:history:${B}`, '{not json');
    expect(h.load(B)).toEqual([]);
    expect(localHistoryStorage(undefined).load(A)).toEqual([]);
  });
});

describe('time, layout and network slices', () => {
  it('clamps the speed to 0.25..20 and pauses', () => {
    const store = createAppStore();
    store.getState().setSpeed(100);
    expect(store.getState().speed).toBe(20);
    store.getState().setSpeed(0);
    expect(store.getState().speed).toBe(0.25);
    store.getState().setPaused(true);
    expect(store.getState().paused).toBe(true);
  });

  it('chooses only existing nodes as the active tab', () => {
    const store = createAppStore({ layout: { theme: 'light', version: '4.0' } });
    expect(store.getState()).toMatchObject({ theme: 'light', version: '4.0', preset: 'replicas' });
    store.getState().setNodeList([A]);
    store.getState().setActiveNode(B);
    expect(store.getState().activeNode).toBeNull();
    store.getState().setActiveNode(A);
    expect(store.getState().activeNode).toBe(A);
  });

  it('records cut links under one key for both directions', () => {
    const store = createAppStore();
    store.getState().setLinkCut(B, A, true);
    store.getState().setLinkCut(A, B, true);
    expect(store.getState().cutLinks).toEqual([linkKey(A, B)]);
    store.getState().setLinkCut(A, B, false);
    expect(store.getState().cutLinks).toEqual([]);
    store.getState().setShape(-5, 1000);
    expect(store.getState()).toMatchObject({ latencyMs: 0, bytesPerSec: 1000 });
  });
});

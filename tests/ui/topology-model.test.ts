/** The topology's model: levels, link states, transfer progress, backlog windows, PSYNC in words. */
import { describe, expect, it } from 'vitest';
import type { NodeSnapshot, PsyncDecision } from '../../src/playground';
import type { NodeView } from '../../src/ui/store';
import {
  backlogWindow,
  bytesInFlight,
  explainPsync,
  levelsOf,
  linkOf,
  masterOf,
  shortId,
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
      { label: 'backlog', ok: true, detail: 'offset 150 is inside the window [1, 301]' },
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
      detail: 'offset 10 is before the window [100, 301]',
    });
    expect(overwritten.reason).toContain('already overwritten');
    const other = explainPsync({ ...base, replid: 'c'.repeat(40), result: 'fullresync', reason: 'replid-mismatch' });
    expect(other.checks[0].detail).toContain('matches neither');
    expect(other.checks[1].ok).toBeNull();
  });
});

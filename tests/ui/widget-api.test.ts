/**
 * What the <redis-playground> API does on a live session, on the in-process simulator: node names
 * as a caller may give them, exec's redis-cli text, run's transcript — the same as the headless
 * runner prints for the same script and seed — and the events a session reports (log lines,
 * replies, roles, PSYNC decisions), each once.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { asApi, Playground } from '../../src/playground';
import { parseScenario, runScenario, type Scenario } from '../../src/scenario';
import { type Emit, mountEvents, type PlaygroundEventMap } from '../../src/ui/events';
import type { NodePanelHandle } from '../../src/ui/node-panel';
import { Session } from '../../src/ui/session';
import { createAppStore } from '../../src/ui/store';
import { execLine, liveNodes, nodeNameOf, runScenarioOn } from '../../src/ui/widget-api';

function session(version: '4.0' | '7.0' = '7.0', seed = 1) {
  const store = createAppStore();
  return { store, s: new Session(store, asApi(new Playground({ version, seed }))) };
}

/** Consoles that run a line as the page's consoles do (through the session), for runScenarioOn. */
function consoles(s: Session): ReadonlyMap<string, NodePanelHandle> {
  return new Proxy(new Map<string, NodePanelHandle>(), {
    get(target, prop) {
      if (prop === 'get')
        return (name: string) =>
          s.api.nodeNames().includes(name)
            ? ({ console: { run: (line: string) => execLine(s, name, line) } } as unknown as NodePanelHandle)
            : undefined;
      return Reflect.get(target, prop);
    },
  });
}

const scenario = (text: string, live?: { host: string; port: number }[]): Scenario => {
  const r = parseScenario(text, { live });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.scenario;
};

describe('nodeNameOf', () => {
  it('takes a port, a port as text, or HOST:PORT, and refuses a node the playground lacks', async () => {
    const { s } = session();
    await s.load({ ports: [6379, 6380], setup: [] });
    expect(nodeNameOf(s, 6380)).toBe('127.0.0.1:6380');
    expect(nodeNameOf(s, ' 6380 ')).toBe('127.0.0.1:6380');
    expect(nodeNameOf(s, '127.0.0.1:6379')).toBe('127.0.0.1:6379');
    expect(() => nodeNameOf(s, 7000)).toThrow(
      'No node 127.0.0.1:7000 in this playground (nodes: 127.0.0.1:6379 127.0.0.1:6380).',
    );
    expect(() => nodeNameOf(s, 'localhost:6379')).toThrow(/^No node localhost:6379 /);
  });
});

describe('execLine', () => {
  it('prints what redis-cli prints: replies, repeats, quoting errors, a refused connection', async () => {
    const { s } = session();
    await s.load({ ports: [6379], setup: [] });
    const n = '127.0.0.1:6379';
    expect(await execLine(s, n, 'SET a "x y"')).toBe('OK\n');
    expect(await execLine(s, n, 'GET a')).toBe('"x y"\n');
    expect(await execLine(s, n, '2 INCR n')).toBe('(integer) 1\n(integer) 2\n');
    expect(await execLine(s, n, 'RPUSH l a b')).toBe('(integer) 2\n');
    expect(await execLine(s, n, 'LRANGE l 0 -1')).toBe('1) "a"\n2) "b"\n');
    expect(await execLine(s, n, 'SET "a')).toBe('Invalid argument(s)\n');
    expect(await execLine(s, n, 'NOSUCH')).toBe("(error) ERR unknown command 'NOSUCH', with args beginning with: \n");
    expect(await execLine(s, n, '   ')).toBe('');
    // help is redis-cli's own, answered without the server.
    expect(await execLine(s, n, 'help GET')).toBe(
      '\n  GET key\n  summary: Get the value of a key\n  since: 1.0.0\n  group: string\n\n',
    );
    await s.kill(n);
    expect(await execLine(s, n, 'PING')).toBe('Could not connect to Redis at 127.0.0.1:6379: Connection refused\n');
  });
});

describe('runScenarioOn', () => {
  it('prints the transcript the headless runner prints for the same script and seed', async () => {
    const text = readFileSync(new URL('../scenarios/seed-walkthrough-4.0.scn', import.meta.url), 'utf8');
    let headless = '';
    const pg = await runScenario(scenario(text), { seed: 5 }, (x) => {
      headless += x;
    });
    pg.dispose();
    const { s } = session('4.0', 5);
    const page = await runScenarioOn(s, scenario(text), consoles(s), () => true);
    expect(page).toBe(headless);
    expect(page).toContain('6381> INFO replication\n# Replication\nrole:slave');
  });

  it('runs on the nodes already there, adding the ones a `nodes` step lacks', async () => {
    const { s } = session();
    await s.load({ ports: [6379, 6380], setup: [] });
    const sc = scenario(
      '6380> SLAVEOF 127.0.0.1 6379\n6379> SET k v\nsettle\nnodes 6379 7000\n7000> PING\n6380> GET k\n',
      liveNodes(s),
    );
    expect(await runScenarioOn(s, sc, consoles(s), () => true)).toBe(
      '6380> SLAVEOF 127.0.0.1 6379\nOK\n6379> SET k v\nOK\nsettle\nnodes 6379 7000\n7000> PING\nPONG\n6380> GET k\n"v"\n',
    );
    expect(s.api.nodeNames()).toEqual(['127.0.0.1:6379', '127.0.0.1:6380', '127.0.0.1:7000']);
  });

  it('stops when the playground was rebuilt meanwhile', async () => {
    const { s } = session();
    await s.load({ ports: [6379], setup: [] });
    let live = true;
    const sc = scenario('6379> PING\n6379> PING\n', liveNodes(s));
    const c = consoles(s);
    const wrapped = new Proxy(c, {
      get(target, prop) {
        if (prop !== 'get') return Reflect.get(target, prop);
        return (name: string) => {
          live = false;
          return target.get(name);
        };
      },
    });
    await expect(runScenarioOn(s, sc, wrapped, () => live)).rejects.toThrow(
      'The playground was rebuilt while the scenario ran.',
    );
  });

  it('refuses to grow past 32 nodes', async () => {
    const { s } = session();
    const ports = Array.from({ length: 33 }, (_, i) => 7000 + i).join(' ');
    await expect(runScenarioOn(s, scenario(`nodes ${ports}\n`), consoles(s), () => true)).rejects.toThrow(
      'A playground has at most 32 nodes.',
    );
    expect(s.api.nodeNames()).toEqual([]);
  });
});

describe('mountEvents', () => {
  it('reports log lines, replies, role changes and PSYNC decisions, each once', async () => {
    const { store, s } = session();
    const seen: { type: keyof PlaygroundEventMap; detail: unknown }[] = [];
    const emit: Emit = (type, detail) => seen.push({ type, detail });
    const off = mountEvents(store, s, emit);
    // A poll already under way makes poll() return at once: let it finish, then poll again.
    const refresh = async () => {
      await new Promise((r) => setTimeout(r, 0));
      await s.poll();
    };
    await s.load({ ports: [6379, 6380], setup: [] });
    await refresh();
    const of = <K extends keyof PlaygroundEventMap>(t: K) =>
      seen.filter((e) => e.type === t).map((e) => e.detail as PlaygroundEventMap[K]);
    expect(of('redis-role')).toEqual([
      { node: '127.0.0.1:6379', role: 'master', master: null },
      { node: '127.0.0.1:6380', role: 'master', master: null },
    ]);
    expect(await execLine(s, '127.0.0.1:6380', 'SLAVEOF 127.0.0.1 6379')).toBe('OK\n');
    expect(of('redis-reply')).toEqual([
      {
        node: '127.0.0.1:6380',
        command: 'SLAVEOF 127.0.0.1 6379',
        argv: ['SLAVEOF', '127.0.0.1', '6379'],
        text: 'OK\n',
      },
    ]);
    await s.settle();
    await refresh();
    expect(of('redis-role').slice(2)).toEqual([{ node: '127.0.0.1:6380', role: 'replica', master: '127.0.0.1:6379' }]);
    expect(of('redis-psync')).toEqual([
      expect.objectContaining({ master: '127.0.0.1:6379', replica: '127.0.0.1:6380', outcome: '+FULLRESYNC' }),
    ]);
    expect(
      of('redis-log').some(
        (l) => l.node === '127.0.0.1:6380' && /MASTER <-> REPLICA sync: Finished with success$/.test(l.line),
      ),
    ).toBe(true);
    // A partial resync after the link drops, reported as +CONTINUE; the kill as a role change.
    await s.setLinkCut('127.0.0.1:6379', '127.0.0.1:6380', true);
    await s.setLinkCut('127.0.0.1:6379', '127.0.0.1:6380', false);
    await s.settle();
    await refresh();
    expect(of('redis-psync').map((p) => p.outcome)).toEqual(['+FULLRESYNC', '+CONTINUE']);
    await s.kill('127.0.0.1:6379');
    await refresh();
    expect(of('redis-role').slice(-1)).toEqual([{ node: '127.0.0.1:6379', role: 'down', master: null }]);
    off();
    const n = seen.length;
    await execLine(s, '127.0.0.1:6380', 'PING');
    expect(seen).toHaveLength(n);
  });
});

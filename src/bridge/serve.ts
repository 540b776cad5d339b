/**
 * A served playground: nodes on worker threads (host/node), put on loopback by the TCP bridge,
 * with simulated time following the wall clock and a control channel. `startServe` is what
 * `npm run serve` (src/serve.ts) runs, and what tests run in-process.
 *
 * Order of start-up: the playground and its nodes (or the scenario, which makes and drives them
 * on simulated time, printing its transcript), then the listeners, then the wall clock. Log
 * timestamps are real: simulated time zero is the moment serving starts.
 */
import { randomInt } from 'node:crypto';
import type { WorkerPlayground } from '../host';
import { createNodeWorkerPlayground } from '../host/node';
import type { RedisVersion } from '../playground';
import { runScenario, type Scenario } from '../scenario';
import { TcpBridge } from './bridge';
import { type Control, createControl } from './control';
import { followWallClock, wallOffsetOf } from './wall-clock';

export const DEFAULT_NODES = [6379, 6380, 6381];
/** Node P listens on P + 10000 by default (16379, ...), leaving a system redis-server's 6379 alone. */
export const DEFAULT_PORT_OFFSET = 10000;

export interface ServeOptions {
  /** Ports of the nodes (empty masters on 127.0.0.1); ignored with `scenario`, which makes its own. */
  nodes?: readonly number[];
  version?: RedisVersion;
  portOffset?: number;
  /** Run this first; its nodes are the ones served. */
  scenario?: Scenario;
  /** Seed of the playground's randomness (replication IDs, ...): random by default, as real servers. */
  seed?: number;
  /** The scenario's transcript, and the control channel's output. */
  write?: (s: string) => void;
  /** Relay clients through the coordinator instead of serving them in each node's worker. */
  relay?: boolean;
  /** Every node's log lines as they happen. */
  log?: (node: string, line: string) => void;
}

export interface Served {
  readonly pg: WorkerPlayground;
  readonly bridge: TcpBridge;
  /** Node name → the port it listens on. */
  readonly ports: ReadonlyMap<string, number>;
  /** Run one control line (output through `write`). */
  readonly control: Control;
  /** Stop the clock, close the listeners and every socket, end the worker threads. */
  close(): Promise<void>;
}

export async function startServe(opts: ServeOptions = {}): Promise<Served> {
  const write = opts.write ?? (() => {});
  const offset = opts.portOffset ?? DEFAULT_PORT_OFFSET;
  const bridge = new TcpBridge({ portOffset: offset, direct: !opts.relay });
  const seed = opts.seed ?? randomInt(1, 2 ** 31);
  let pg: WorkerPlayground | null = null;
  const make = (o: { version: RedisVersion; seed: number }): WorkerPlayground => {
    pg = createNodeWorkerPlayground({ ...o, epoch: Date.now(), outside: bridge });
    bridge.attach(pg);
    if (opts.log) {
      const log = opts.log;
      pg.on((ev) => {
        if (ev.type === 'log') log(ev.node, ev.line);
      });
    }
    return pg;
  };
  if (opts.scenario) {
    await runScenario(opts.scenario, { forceVersion: opts.version, seed, playground: make }, write);
  } else {
    const p = make({ version: opts.version ?? '7.0', seed });
    // A replica announces the port it can be reached on from outside (REPLCONF listening-port),
    // so a real master lists it where a tool can connect to it.
    const names = (opts.nodes ?? DEFAULT_NODES).map((port) =>
      p.addNode('127.0.0.1', port, offset ? { 'slave-announce-port': String(port + offset) } : {}),
    );
    await p.startAll(names);
  }
  const served = pg as WorkerPlayground | null;
  if (!served) throw new Error('the scenario made no playground');
  if (opts.scenario && offset) {
    // The scenario made its nodes without a config: announce the bridged port from now on.
    for (const name of served.nodeNames()) {
      const p = Number(name.slice(name.lastIndexOf(':') + 1));
      if (served.isRunning(name)) await served.exec(name, ['CONFIG', 'SET', 'slave-announce-port', String(p + offset)]);
    }
  }
  const ports = new Map<string, number>();
  const wallOffset = wallOffsetOf(served);
  bridge.wallOffset = wallOffset;
  try {
    for (const name of served.nodeNames()) ports.set(name, await bridge.listen(name));
  } catch (e) {
    await bridge.shutdown();
    served.dispose();
    throw e;
  }
  const clock = followWallClock(served, wallOffset);
  let closed = false;
  return {
    pg: served,
    bridge,
    ports,
    control: createControl(served, write),
    async close() {
      if (closed) return;
      closed = true;
      clock.stop();
      await bridge.shutdown();
      served.dispose();
    },
  };
}

/**
 * The playground's starting layouts. A preset is a list of ports (every node listens on
 * 127.0.0.1) and the console lines typed at start-up to wire replication, so what a preset does
 * is visible in the consoles exactly as if a person had typed it. Data only: the UI runs the lines.
 */

/** Host every playground node listens on. */
export const PLAYGROUND_HOST = '127.0.0.1';

/** The first node's port; further nodes take the next free ports. */
export const FIRST_PORT = 6379;

/** A line typed into one node's console at start-up. */
export interface SetupLine {
  readonly port: number;
  readonly line: string;
}

/** What a preset expands to for a given number of nodes. */
export interface PresetPlan {
  readonly ports: readonly number[];
  readonly setup: readonly SetupLine[];
}

export type PresetId = 'replicas' | 'masters' | 'chain' | 'fan';

/** A named starting layout. */
export interface Preset {
  readonly id: PresetId;
  readonly label: string;
  /** Node count when none is asked for. */
  readonly defaultNodes: number;
  /** The plan for `n` nodes (n ≥ 1). */
  plan(n: number): PresetPlan;
}

const portsFor = (n: number) => Array.from({ length: Math.max(1, n) }, (_, i) => FIRST_PORT + i);
const slaveof = (port: number, master: number): SetupLine => ({
  port,
  line: `SLAVEOF ${PLAYGROUND_HOST} ${master}`,
});

/** Every preset, the default first. */
export const PRESETS: readonly Preset[] = [
  {
    id: 'replicas',
    label: 'One master, two replicas',
    defaultNodes: 3,
    plan: (n) => {
      const ports = portsFor(n);
      return { ports, setup: ports.slice(1).map((p) => slaveof(p, ports[0])) };
    },
  },
  {
    id: 'masters',
    label: 'Three empty masters',
    defaultNodes: 3,
    plan: (n) => ({ ports: portsFor(n), setup: [] }),
  },
  {
    id: 'chain',
    label: 'A chain: 6379 ← 6380 ← 6381',
    defaultNodes: 3,
    plan: (n) => {
      const ports = portsFor(n);
      return { ports, setup: ports.slice(1).map((p, i) => slaveof(p, ports[i])) };
    },
  },
  {
    id: 'fan',
    label: 'One master, five replicas',
    defaultNodes: 6,
    plan: (n) => {
      const ports = portsFor(n);
      return { ports, setup: ports.slice(1).map((p) => slaveof(p, ports[0])) };
    },
  },
];

/** The preset with this id, or the default one. */
export function presetById(id: string | null | undefined): Preset {
  return PRESETS.find((p) => p.id === id) ?? PRESETS[0];
}

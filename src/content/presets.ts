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

/** At most this many nodes in one playground (the layout and the page are made for 1–32). */
export const MAX_NODES = 32;

/** A named starting layout. */
export interface Preset {
  readonly id: PresetId;
  /** What the preset makes with its default node count (the preset menu's text). */
  readonly label: string;
  /** Node count when none is asked for. */
  readonly defaultNodes: number;
  /** The plan for `n` nodes (n ≥ 1) on the ports from FIRST_PORT up. */
  plan(n: number): PresetPlan;
  /**
   * The preset's shape over these ports, in this order (the first is the master of `replicas` and
   * `fan`, the head of a `chain`): `nodes="6379 6380 7000"`.
   */
  planPorts(ports: readonly number[]): PresetPlan;
  /** Says what a plan of this preset over these ports is ("A chain: 6379 ← 6380"), for labels. */
  describe(ports: readonly number[]): string;
}

const portsFor = (n: number) => Array.from({ length: Math.max(1, n) }, (_, i) => FIRST_PORT + i);
const slaveof = (port: number, master: number): SetupLine => ({
  port,
  line: `SLAVEOF ${PLAYGROUND_HOST} ${master}`,
});

const NUMBERS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
/** "two replicas", "one replica", "12 replicas". */
const count = (n: number, what: string) => `${NUMBERS[n] ?? n} ${what}${n === 1 ? '' : 's'}`;
/** Ports are listed in a label only while they stay short. */
const LIST_MAX = 4;

/** A master with every other port as its replica. */
const star = (ports: readonly number[]): PresetPlan => ({
  ports,
  setup: ports.slice(1).map((p) => slaveof(p, ports[0])),
});
const describeStar = (ports: readonly number[]) => {
  const k = ports.length - 1;
  const head = k === 0 ? 'One master' : `One master, ${count(k, 'replica')}`;
  return ports.length <= LIST_MAX ? `${head}: ${ports[0]}${k ? ` ← ${ports.slice(1).join(', ')}` : ''}` : head;
};

/** Builds a preset from its shape over a list of ports. */
function preset(
  id: PresetId,
  defaultNodes: number,
  planPorts: (ports: readonly number[]) => PresetPlan,
  describe: (ports: readonly number[]) => string,
): Preset {
  return {
    id,
    label: describe(portsFor(defaultNodes)),
    defaultNodes,
    plan: (n) => planPorts(portsFor(n)),
    planPorts,
    describe,
  };
}

/** Every preset, the default first. */
export const PRESETS: readonly Preset[] = [
  preset('replicas', 3, star, describeStar),
  preset(
    'masters',
    3,
    (ports) => ({ ports, setup: [] }),
    (ports) => {
      const head = ports.length === 1 ? 'One empty master' : `${count(ports.length, 'empty master')}`;
      const text = head[0].toUpperCase() + head.slice(1);
      return ports.length <= LIST_MAX ? `${text}: ${ports.join(', ')}` : text;
    },
  ),
  preset(
    'chain',
    3,
    (ports) => ({ ports, setup: ports.slice(1).map((p, i) => slaveof(p, ports[i])) }),
    (ports) => {
      if (ports.length === 1) return `A chain of one node: ${ports[0]}`;
      if (ports.length <= LIST_MAX) return `A chain: ${ports.join(' ← ')}`;
      return `A chain of ${ports.length} nodes: ${ports[0]} ← … ← ${ports[ports.length - 1]}`;
    },
  ),
  preset('fan', 6, star, describeStar),
];

/** The preset with this id, or the default one. */
export function presetById(id: string | null | undefined): Preset {
  return PRESETS.find((p) => p.id === id) ?? PRESETS[0];
}

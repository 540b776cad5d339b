/**
 * The store's shape: one interface per slice, joined into `AppState`. Slices are created by
 * functions of `(set, get)` (zustand's slices pattern) and hold only projections of what the
 * playground reported — node snapshots, log lines, PSYNC decisions — plus the UI's own choices.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { InFlight, NodeSnapshot, PsyncDecision, RedisVersion } from '../../playground';
import type { ParsedLogLine } from '../log-line';

/** What the UI shows of one node. */
export interface NodeView {
  name: string;
  host: string;
  port: number;
  running: boolean;
  /** The last snapshot while running; null while down. */
  snapshot: NodeSnapshot | null;
}

/** A PSYNC decision together with the master that made it. */
export interface PsyncView extends PsyncDecision {
  /** The master's node name. */
  master: string;
  /** Unique across the session: `${master}#${boot}#${seq}`. */
  key: string;
}

export interface NodesSlice {
  /** Node names in creation order. */
  nodeOrder: string[];
  nodes: Record<string, NodeView>;
  /** PSYNC decisions of every master, oldest first (capped). */
  psyncs: PsyncView[];
  /** Per master: last decision seq taken from its snapshots, and how many times it (re)started. */
  psyncSeen: Record<string, { seq: number; boot: number }>;
  /**
   * Every replid a snapshot showed, with the node that showed it first and that node's boot then:
   * a PSYNC decision can name whose an ID no card shows any more was.
   */
  replidSeen: Record<string, { node: string; boot: number }>;
  /** Replace the node list (keeps what is known of nodes that stay). */
  /** Set which nodes exist, in order; new ones named in `starting` begin as running (starting up). */
  setNodeList(names: string[], starting?: readonly string[]): void;
  setRunning(name: string, running: boolean): void;
  /** Take fresh snapshots (null for a node that is down); unchanged ones keep their identity. */
  applySnapshots(snaps: Record<string, NodeSnapshot | null>): void;
}

/** One log line as stored. */
export interface LogEntry {
  /** Increases by one per line across all nodes: the merged timeline's order. */
  seq: number;
  node: string;
  line: string;
  parsed: ParsedLogLine;
}

export interface LogsSlice {
  logSeq: number;
  logsByNode: Record<string, LogEntry[]>;
  mergedLog: LogEntry[];
  /** Case-insensitive substring every log pane filters by ('' = all). */
  logFilter: string;
  appendLogs(lines: readonly { node: string; line: string }[]): void;
  clearLogs(): void;
  setLogFilter(filter: string): void;
}

/** Where console history is kept between visits (localStorage in the page, memory in tests). */
export interface HistoryStorage {
  load(node: string): string[];
  save(node: string, entries: readonly string[]): void;
}

export interface ConsolesSlice {
  histories: Record<string, string[]>;
  /** Load a node's history from storage (once; later calls are no-ops). */
  loadHistory(node: string): string[];
  /** Append a line (no empty lines, no repeat of the last one; at most HISTORY_MAX kept). */
  addHistory(node: string, line: string): void;
}

export interface TimeSlice {
  paused: boolean;
  /** Simulated ms per wall-clock ms. */
  speed: number;
  /** Simulated now, unix ms. */
  simNow: number;
  setPaused(paused: boolean): void;
  setSpeed(speed: number): void;
  setSimNow(ms: number): void;
}

export type Theme = 'light' | 'dark';

export interface LayoutSlice {
  theme: Theme;
  /** The node shown when the screen is narrow (one tab per node). */
  activeNode: string | null;
  version: RedisVersion;
  preset: string;
  /** What the playground started as ("A chain: 6379 ← 6380"); '' before it has started. */
  setupLabel: string;
  setTheme(theme: Theme): void;
  setActiveNode(name: string | null): void;
  setVersion(version: RedisVersion): void;
  setPreset(preset: string): void;
  setSetupLabel(label: string): void;
}

export interface NetworkSlice {
  /** Cut links as sorted "a|b" pairs. */
  cutLinks: string[];
  latencyMs: number;
  /** 0 = unlimited. */
  bytesPerSec: number;
  inFlight: InFlight[];
  /** Whether the host supports latency/bandwidth, removing nodes, in-flight bytes. */
  capabilities: { shape: boolean; remove: boolean; inFlight: boolean };
  setLinkCut(a: string, b: string, cut: boolean): void;
  setShape(latencyMs: number, bytesPerSec: number): void;
  setInFlight(list: InFlight[]): void;
  setCapabilities(c: NetworkSlice['capabilities']): void;
}

export type AppState = NodesSlice & LogsSlice & ConsolesSlice & TimeSlice & LayoutSlice & NetworkSlice;

/** A slice creator over the whole state. */
export type SliceCreator<T> = StateCreator<AppState, [], [], T>;

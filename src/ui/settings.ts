/**
 * The playground's starting settings, read from the `<redis-playground>` element's attributes or
 * from the page's URL parameters — one parser for both, pure (it is handed a `read(name)` function
 * and touches no DOM), so the element and the page agree on every value and every message.
 *
 * A value that cannot be used is never dropped silently: it yields a problem whose message names
 * the setting, the value, what is accepted and what the playground does instead; the caller shows
 * it inside the playground (role="alert") and warns on the console.
 *
 * `nodes` is a count (1–32) or a list of ports (`nodes="6379 6380 7000"`, the preset's shape over
 * those ports in that order). A single number is a count when it is at most 32 and a port when it
 * is an unprivileged port (1024–65535); anything between is a count over the limit.
 */
import { MAX_NODES, PRESETS, type PresetId, type PresetPlan, presetById } from '../content';
import type { RedisVersion } from '../playground';
import type { Theme } from './store';

export { MAX_NODES };

/** The lowest and highest port a node may listen on (no privileged ports). */
export const MIN_PORT = 1024;
export const MAX_PORT = 65535;

/** How much of the playground a widget shows. */
export type Layout = 'full' | 'compact';
/** Where a widget keeps its consoles' history: localStorage (per widget) or nowhere. */
export type HistoryMode = 'local' | 'off';

/** What the settings ask for; an absent field means "the default". */
export interface Settings {
  version?: RedisVersion;
  preset?: PresetId;
  /** A node count, or the ports of the nodes (in the preset's order). */
  nodes?: number | readonly number[];
  theme?: Theme;
  layout: Layout;
  /** A CSS length for the widget's height. */
  height?: string;
  history: HistoryMode;
  /** Where to fetch the start scenario from (a relative or http(s) URL). */
  scenarioUrl?: string;
}

/** A value that could not be used. */
export interface SettingProblem {
  /** The setting's name (`version`, `nodes`, ...). */
  name: string;
  value: string;
  /** The whole message, naming the setting, the value, what is accepted and what is done instead. */
  message: string;
}

export interface ParsedSettings {
  settings: Settings;
  problems: SettingProblem[];
}

/** Where the values come from: the element's attributes or the page's query string. */
export type SettingsSource = 'attribute' | 'url';

/** Every setting the parser knows, in the order it reports problems. */
export const SETTING_NAMES = [
  'version',
  'preset',
  'nodes',
  'theme',
  'layout',
  'height',
  'history',
  'scenario',
] as const;
export type SettingName = (typeof SETTING_NAMES)[number];

const VERSIONS: readonly RedisVersion[] = ['7.0', '4.0'];
const THEMES: readonly Theme[] = ['light', 'dark'];
const LAYOUTS: readonly Layout[] = ['full', 'compact'];
const HISTORY: readonly HistoryMode[] = ['local', 'off'];

/**
 * A CSS length or percentage (`480px`, `70vh`, `30em`, `100%`). calc() and friends are left out:
 * a value the parser cannot check would fail in CSS silently.
 */
const LENGTH = /^(?:\d+(?:\.\d+)?|\.\d+)(?:px|em|rem|ex|ch|lh|vh|vw|vmin|vmax|svh|lvh|dvh|cm|mm|in|pt|pc|%)$/;

/** Parse one list of ports, or say what is wrong with it. */
function parsePorts(tokens: string[]): readonly number[] | string {
  const bad = tokens.filter((t) => !/^\d{1,5}$/.test(t) || Number(t) < MIN_PORT || Number(t) > MAX_PORT);
  if (bad.length)
    return `${bad.join(', ')} ${bad.length === 1 ? 'is not a port' : 'are not ports'} from ${MIN_PORT} to ${MAX_PORT}`;
  const ports = tokens.map(Number);
  const dup = ports.filter((p, i) => ports.indexOf(p) !== i);
  if (dup.length) return `port ${dup[0]} is listed twice`;
  if (ports.length > MAX_NODES) return `${ports.length} ports, but a playground has at most ${MAX_NODES} nodes`;
  return ports;
}

/**
 * Read every setting through `read` (an attribute or a query parameter; null when absent). `only`
 * limits which settings are read (the page reads fewer than the element).
 */
export function parseSettings(
  read: (name: string) => string | null,
  source: SettingsSource = 'attribute',
  only: readonly SettingName[] = SETTING_NAMES,
): ParsedSettings {
  const settings: Settings = { layout: 'full', history: 'local' };
  const problems: SettingProblem[] = [];
  const shown = (name: string, value: string) => (source === 'url' ? `?${name}=${value}` : `${name}="${value}"`);
  const problem = (name: string, value: string, what: string, instead: string) =>
    problems.push({ name, value, message: `${shown(name, value)}: ${what}; ${instead}.` });
  const oneOf = <T extends string>(name: SettingName, allowed: readonly T[], instead: string): T | undefined => {
    if (!only.includes(name)) return undefined;
    const v = read(name);
    if (v === null) return undefined;
    const t = v.trim();
    if ((allowed as readonly string[]).includes(t)) return t as T;
    problem(name, v, `expected ${allowed.join(' or ')}`, instead);
    return undefined;
  };

  settings.version = oneOf('version', VERSIONS, 'running Redis 7.0');
  settings.preset = oneOf(
    'preset',
    PRESETS.map((p) => p.id),
    `starting with the default preset (${PRESETS[0].id})`,
  );

  const rawNodes = only.includes('nodes') ? read('nodes') : null;
  if (rawNodes !== null) {
    const tokens = rawNodes
      .trim()
      .split(/[\s,]+/)
      .filter(Boolean);
    const preset = presetById(settings.preset);
    const instead = `starting the preset's ${preset.defaultNodes} node${preset.defaultNodes === 1 ? '' : 's'}`;
    if (tokens.length === 0)
      problem('nodes', rawNodes, `expected a count (1–${MAX_NODES}) or a list of ports`, instead);
    else if (tokens.length === 1 && /^\d+$/.test(tokens[0]) && Number(tokens[0]) < MIN_PORT) {
      const n = Number(tokens[0]);
      if (n >= 1 && n <= MAX_NODES) settings.nodes = n;
      else if (n === 0) problem('nodes', rawNodes, 'a playground needs at least 1 node', instead);
      else
        problem(
          'nodes',
          rawNodes,
          `at most ${MAX_NODES} nodes (a single port must be from ${MIN_PORT} to ${MAX_PORT})`,
          instead,
        );
    } else {
      const ports = parsePorts(tokens);
      if (typeof ports === 'string') problem('nodes', rawNodes, ports, instead);
      else settings.nodes = ports;
    }
  }

  settings.theme = oneOf('theme', THEMES, "using the reader's preferred theme");
  settings.layout = oneOf('layout', LAYOUTS, 'showing the full layout') ?? 'full';

  const height = only.includes('height') ? read('height') : null;
  if (height !== null) {
    if (LENGTH.test(height.trim())) settings.height = height.trim();
    else problem('height', height, 'expected a CSS length such as 480px, 70vh or 30em', 'using the natural height');
  }

  settings.history = oneOf('history', HISTORY, 'keeping history in this browser (local)') ?? 'local';

  const url = only.includes('scenario') ? read('scenario') : null;
  if (url !== null) {
    const t = url.trim();
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(t)?.[1]?.toLowerCase();
    if (t === '') problem('scenario', url, 'expected the URL of a .scn file', 'running no scenario');
    else if (scheme !== undefined && scheme !== 'http' && scheme !== 'https')
      problem('scenario', url, `a scenario is fetched over http(s), not ${scheme}:`, 'running no scenario');
    else settings.scenarioUrl = t;
  }
  return { settings, problems };
}

/** The nodes and set-up lines a playground starts with, for a preset and a count or list of ports. */
export function planOf(preset: string | undefined, nodes: number | readonly number[] | undefined): PresetPlan {
  const p = presetById(preset);
  if (Array.isArray(nodes)) return p.planPorts(nodes);
  return p.plan(typeof nodes === 'number' ? Math.min(nodes, MAX_NODES) : p.defaultNodes);
}

/** A label for what a plan is ("A chain: 6379 ← 6380"), as the preset menu shows it. */
export function describePlan(preset: string | undefined, plan: PresetPlan): string {
  return presetById(preset).describe(plan.ports);
}

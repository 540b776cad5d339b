/**
 * The toolbar: Redis version and preset (both rebuild the playground), Add node (up to
 * MAX_NODES), Reset (back to the starting set-up), time (pause,
 * step one cron tick, speed 0.25×–20×, the simulated clock), the network's latency and bandwidth,
 * and the theme.
 */
import { MAX_NODES, PRESETS } from '../content';
import type { RedisVersion } from '../playground';
import { clockText, Disposables, h, toggleAttr } from './dom';
import type { Session } from './session';
import { type AppStore, SPEEDS, watch } from './store';

export interface ControlsDeps {
  store: AppStore;
  /** The current session (it changes when the playground is rebuilt). */
  session: () => Session;
  /** Rebuild the playground with another version or preset. */
  reload(opts: { version?: RedisVersion; preset?: string }): void;
  /** Back to the starting set-up (version, preset, nodes, start scenario). */
  reset(): void;
  /** Show a message in the playground (a limit reached, an action that failed). */
  notify(message: string): void;
}

/** One-way latencies offered (ms). */
export const LATENCIES = [0, 5, 50, 200, 1000];
/** Bandwidth limits offered (bytes per second; 0 = unlimited). */
export const BANDWIDTHS: readonly { label: string; bps: number }[] = [
  { label: 'unlimited', bps: 0 },
  { label: '1 MB/s', bps: 1_000_000 },
  { label: '100 KB/s', bps: 100_000 },
  { label: '10 KB/s', bps: 10_000 },
  { label: '1 KB/s', bps: 1_000 },
];

function select(label: string, options: { value: string; text: string }[], value: string, cls = ''): HTMLSelectElement {
  const el = h('select', { 'aria-label': label, class: cls });
  for (const o of options) el.append(h('option', { value: o.value, text: o.text }));
  el.value = value;
  return el;
}

/** Mount the toolbar into `el`. */
export function mountControls(el: HTMLElement, deps: ControlsDeps): () => void {
  const { store } = deps;
  const d = new Disposables();
  const s0 = store.getState();

  const version = select(
    'Redis version',
    [
      { value: '7.0', text: 'Redis 7.0' },
      { value: '4.0', text: 'Redis 4.0' },
    ],
    s0.version,
  );
  d.listen(version, 'change', () => deps.reload({ version: version.value as RedisVersion }));
  const preset = select(
    'Preset',
    [
      ...PRESETS.map((p) => ({ value: p.id, text: p.label })),
      // Shown only while the nodes are no preset's: added, removed or replayed from a scenario.
      { value: 'custom', text: 'Custom set-up' },
    ],
    s0.preset,
  );
  const custom = preset.querySelector<HTMLOptionElement>('option[value="custom"]')!;
  d.listen(preset, 'change', () => deps.reload({ preset: preset.value }));
  const add = h('button', {
    type: 'button',
    text: 'Add node',
    onclick: () => {
      // The limit is said, not just enforced: the button stays usable and explains itself.
      if (store.getState().nodeOrder.length >= MAX_NODES) {
        deps.notify(`Add node: a playground has at most ${MAX_NODES} nodes; remove one first.`);
        return;
      }
      deps
        .session()
        .addNode()
        .catch((e: unknown) => deps.notify(`Add node: ${e instanceof Error ? e.message : String(e)}`));
    },
  });
  const reset = h('button', {
    type: 'button',
    text: 'Reset',
    title: 'Back to the starting set-up (every node restarted empty)',
    onclick: () => deps.reset(),
  });

  const pause = h('button', { type: 'button', class: 'rp-pause', 'aria-pressed': 'false' });
  d.listen(pause, 'click', () => store.getState().setPaused(!store.getState().paused));
  const step = h('button', {
    type: 'button',
    text: 'Step',
    title: 'Advance one serverCron tick (100 ms of simulated time)',
    onclick: () => void deps.session().step(),
  });
  const speed = select(
    'Speed',
    SPEEDS.map((v) => ({ value: String(v), text: `${v}×` })),
    String(s0.speed),
  );
  d.listen(speed, 'change', () => store.getState().setSpeed(Number(speed.value)));
  const clock = h('output', {
    class: 'rp-clock',
    'aria-label': 'Simulated time',
    title: 'Simulated time (UTC), as in the logs',
  });

  const latency = select(
    'Latency',
    LATENCIES.map((v) => ({ value: String(v), text: v ? `${v} ms` : 'no latency' })),
    String(s0.latencyMs),
  );
  const bandwidth = select(
    'Bandwidth',
    BANDWIDTHS.map((b) => ({ value: String(b.bps), text: b.label })),
    String(s0.bytesPerSec),
  );
  const shape = () => void deps.session().setShape(Number(latency.value), Number(bandwidth.value));
  d.listen(latency, 'change', shape);
  d.listen(bandwidth, 'change', shape);
  const network = h(
    'div',
    { class: 'rp-group', role: 'group', 'aria-label': 'Network' },
    h('span', { class: 'rp-grouplabel', text: 'Network' }),
    latency,
    bandwidth,
  );

  const theme = h('button', { type: 'button', class: 'rp-theme', 'aria-pressed': 'false' });
  d.listen(theme, 'click', () => store.getState().setTheme(store.getState().theme === 'dark' ? 'light' : 'dark'));

  el.append(
    h('div', { class: 'rp-group', role: 'group', 'aria-label': 'Playground' }, version, preset, add, reset),
    h('div', { class: 'rp-group', role: 'group', 'aria-label': 'Time' }, pause, step, speed, clock),
    network,
    theme,
  );
  d.add(() => el.replaceChildren());

  const render = () => {
    const s = store.getState();
    pause.textContent = s.paused ? 'Play' : 'Pause';
    pause.setAttribute('aria-pressed', String(s.paused));
    pause.title = s.paused ? 'Let simulated time run' : 'Stop simulated time';
    toggleAttr(step, 'disabled', !s.paused);
    speed.value = String(s.speed);
    version.value = s.version;
    custom.hidden = s.preset !== 'custom';
    custom.disabled = s.preset !== 'custom';
    preset.value = s.preset;
    // The chosen preset's entry says what this playground started as ("A chain: 6379 ← 6380"),
    // the others what they would make.
    for (const o of preset.options) {
      const p = PRESETS.find((x) => x.id === o.value);
      // "Custom set-up" (nodes added, removed or replayed) keeps its own words.
      if (!p) continue;
      o.textContent = o.value === s.preset && s.setupLabel ? s.setupLabel : p.label;
    }
    network.hidden = !s.capabilities.shape;
    latency.value = String(s.latencyMs);
    bandwidth.value = String(s.bytesPerSec);
    theme.textContent = s.theme === 'dark' ? 'Light theme' : 'Dark theme';
  };
  render();
  d.add(
    store.subscribe((s, prev) => {
      if (
        s.paused !== prev.paused ||
        s.speed !== prev.speed ||
        s.version !== prev.version ||
        s.preset !== prev.preset ||
        s.setupLabel !== prev.setupLabel ||
        s.capabilities !== prev.capabilities ||
        s.latencyMs !== prev.latencyMs ||
        s.bytesPerSec !== prev.bytesPerSec ||
        s.theme !== prev.theme
      )
        render();
    }),
  );
  // The reading as unix ms too, for tools and tests (the text is UTC time of day).
  // It changes every frame: one text node whose data is replaced (no node churn), in a box of
  // fixed size (styles.css: contain) so the change never lays out or repaints anything else.
  const clockNode = document.createTextNode('');
  clock.append(clockNode);
  const showClock = (now: number) => {
    clockNode.data = clockText(now);
    clock.dataset.ms = String(now);
  };
  showClock(s0.simNow);
  d.add(watch(store, (s) => s.simNow, showClock));
  return () => d.dispose();
}

/**
 * A log pane: one node's log, or the merged timeline of all nodes. Lines keep Redis's format and
 * are coloured by level; replication lines are tinted and the PSYNC outcomes stand out. The pane
 * stays scrolled to the end unless the reader scrolled up, filters by the shared filter text, and
 * offers Copy and Download of what it holds.
 */
import { copyText, Disposables, downloadText, h, portOf } from '../dom';
import { type AppStore, type LogEntry, logMatches, watch } from '../store';

export interface LogViewDeps {
  store: AppStore;
  /** The node whose log this is, or null for the merged timeline. */
  node: string | null;
  /** Accessible name of the log (role="log"). */
  label: string;
  /** Heading text shown in the pane's bar. */
  title: string;
  /** Whether the bar holds the filter box (the timeline's). */
  withFilter?: boolean;
  /** Lines kept in the DOM. */
  maxLines?: number;
}

/** Render one entry as a line element. */
function lineEl(e: LogEntry, withNode: boolean, nodeIndex: (n: string) => number): HTMLElement {
  const p = e.parsed;
  const cls = `ln lv-${p.level}${p.replication ? ` repl-${p.replication}` : ''}`;
  // data-seq lets the Learn panel mark the lines a tutorial step expects.
  const el = h('div', { class: cls, 'data-seq': String(e.seq) });
  if (withNode) {
    el.append(h('span', { class: `ln-node node-c${nodeIndex(e.node) % 8}`, text: portOf(e.node) }), ' ');
  }
  if (p.level === 'plain') {
    el.append(h('span', { class: 'ln-msg', text: p.message }));
    return el;
  }
  el.append(
    h('span', { class: 'ln-pre', text: p.prefix }),
    ' ',
    h('span', { class: 'ln-time', text: p.time }),
    ' ',
    h('span', { class: 'ln-lvl', text: e.line.charAt(p.prefix.length + p.time.length + 2) }),
    ' ',
    h('span', { class: 'ln-msg', text: p.message }),
  );
  return el;
}

/** Mount a log pane into `el`. */
export function mountLogView(el: HTMLElement, deps: LogViewDeps): () => void {
  const { store, node } = deps;
  const maxLines = deps.maxLines ?? 2000;
  const d = new Disposables();
  const select = (s: ReturnType<AppStore['getState']>) => (node ? (s.logsByNode[node] ?? []) : s.mergedLog);
  const nodeIndex = (n: string) => Math.max(0, store.getState().nodeOrder.indexOf(n));
  const fileName = node ? `redis-${portOf(node)}.log` : 'redis-playground-timeline.log';

  const log = h('div', {
    class: 'rp-log',
    role: 'log',
    'aria-label': deps.label,
    'aria-live': 'off',
    tabindex: 0,
  });
  const status = h('span', { class: 'rp-logstatus', 'aria-live': 'polite' });
  const allText = () =>
    select(store.getState())
      .filter((e) => logMatches(e, store.getState().logFilter))
      .map((e) => (node ? e.line : `[${portOf(e.node)}] ${e.line}`))
      .join('\n');
  const copyBtn = h('button', {
    type: 'button',
    class: 'rp-small',
    text: 'Copy',
    title: `Copy ${deps.title} to the clipboard`,
    onclick: async () => {
      const ok = await copyText(`${allText()}\n`);
      status.textContent = ok ? 'Copied' : 'Copy failed';
      setTimeout(() => {
        status.textContent = '';
      }, 1500);
    },
  });
  const downloadBtn = h('button', {
    type: 'button',
    class: 'rp-small',
    text: 'Download',
    title: `Download ${deps.title} as ${fileName}`,
    onclick: () => downloadText(fileName, `${allText()}\n`),
  });
  const bar = h('div', { class: 'rp-logbar' }, h('span', { class: 'rp-logtitle', text: deps.title }));
  if (deps.withFilter) {
    const input = h('input', {
      type: 'search',
      class: 'rp-filter',
      placeholder: 'Filter logs…',
      'aria-label': 'Filter logs',
      value: store.getState().logFilter,
    });
    d.listen(input, 'input', () => store.getState().setLogFilter(input.value));
    bar.append(input);
  } else {
    bar.append(h('span', { class: 'rp-filtered', hidden: true }));
  }
  bar.append(status, copyBtn, downloadBtn);
  el.append(bar, log);
  d.add(() => {
    bar.remove();
    log.remove();
  });

  // Follow the end unless the reader scrolled up. Only scrolling that follows the reader's own
  // input counts: the DOM also scrolls a pane when it is moved or re-laid out.
  let stick = true;
  let lastInput = Number.NEGATIVE_INFINITY;
  const input = () => {
    lastInput = performance.now();
  };
  for (const type of ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const)
    d.listen(log, type, input, { passive: true });
  d.listen(log, 'scroll', () => {
    if (performance.now() - lastInput > 1500) return;
    stick = log.scrollTop + log.clientHeight >= log.scrollHeight - 8;
  });
  const toEnd = () => {
    if (stick) log.scrollTop = log.scrollHeight;
  };
  // After appending, scroll in the next animation frame rather than now: reading scrollHeight
  // right after a DOM change forces a layout, once per pane and per batch of lines otherwise.
  let endQueued = false;
  const toEndSoon = () => {
    if (endQueued) return;
    endQueued = true;
    requestAnimationFrame(() => {
      endQueued = false;
      toEnd();
    });
  };
  // A pane that was hidden (another tab) or resized must still show its end.
  const ro = new ResizeObserver(toEnd);
  ro.observe(log);
  d.add(() => ro.disconnect());

  let lastSeq = 0;
  const append = (entries: readonly LogEntry[]) => {
    const filter = store.getState().logFilter;
    const frag = document.createDocumentFragment();
    for (const e of entries) {
      if (e.seq <= lastSeq) continue;
      lastSeq = e.seq;
      if (logMatches(e, filter)) frag.append(lineEl(e, node === null, nodeIndex));
    }
    log.append(frag);
    while (log.childElementCount > maxLines) log.firstElementChild?.remove();
    toEndSoon();
  };
  const rebuild = () => {
    log.replaceChildren();
    lastSeq = 0;
    append(select(store.getState()));
    const filtered = bar.querySelector<HTMLElement>('.rp-filtered');
    const f = store.getState().logFilter;
    if (filtered) {
      filtered.hidden = f === '';
      filtered.textContent = f ? `filter: ${f}` : '';
    }
  };
  rebuild();
  d.add(
    watch(store, select, (list) => {
      // Appending is the common case; a cleared store starts over.
      if (list.length === 0 || list[list.length - 1].seq < lastSeq) rebuild();
      else
        append(
          list.slice(
            Math.max(
              0,
              list.findIndex((e) => e.seq > lastSeq),
            ),
          ),
        );
    }),
  );
  d.add(watch(store, (s) => s.logFilter, rebuild));
  return () => d.dispose();
}

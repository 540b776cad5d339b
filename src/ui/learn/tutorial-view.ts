/**
 * A tutorial in the Learn panel: one step at a time (the introduction above the first), its
 * Markdown rendered and sanitized, each scn block a Run button that plays it into the consoles
 * (Skip types the rest at once), each expect-log line waiting until a log line since the step
 * began matches it — then that log line is highlighted in the log panes — and the step marked
 * done once every block ran and every expected line appeared. Back / Next move between steps;
 * "Reset to this step" rebuilds the playground and replays every earlier step at once.
 */
import { findExpected, type Tutorial, type TutorialPart } from '../../learn';
import { Disposables, h } from '../dom';
import { type AppStore, watch } from '../store';
import type { Strings } from './i18n';
import { renderMarkdown } from './markdown';
import type { Player } from './player';
import type { ProgressStore } from './progress';

export interface TutorialViewDeps {
  tutorial: Tutorial;
  store: AppStore;
  /** The app's root: where log panes show their lines (for highlighting). */
  root: HTMLElement;
  player: Player;
  progress: ProgressStore;
  t: Strings;
  /** Rebuild the playground the tutorial starts from (front matter), resolved once it is quiet. */
  restart(): Promise<void>;
  /** Back to the list. */
  toList(): void;
  /** Shown above the text (e.g. "loaded from another site"). */
  notice?: string;
}

/** Mount the tutorial view; the playground must already be the tutorial's. */
export function mountTutorialView(el: HTMLElement, deps: TutorialViewDeps): () => void {
  const { tutorial: tut, store, t } = deps;
  const d = new Disposables();
  let stepDisposer = new Disposables();
  let index = 0;
  let busy = false;
  const box = h('div', { class: 'rp-learn-lesson', 'data-kind': 'tutorial' });
  el.append(box);
  d.add(() => box.remove());

  /** Highlight the log lines with these seqs in every pane (panes re-render lines as they go). */
  let marked = new Set<number>();
  const paint = () => {
    for (const seq of marked)
      for (const ln of deps.root.querySelectorAll(`.rp-log [data-seq="${seq}"]`)) ln.classList.add('rp-expected');
  };
  d.add(watch(store, (s) => s.mergedLog, paint));
  d.add(
    watch(
      store,
      (s) => s.logFilter,
      () => requestAnimationFrame(paint),
    ),
  );

  const show = (i: number) => {
    stepDisposer.dispose();
    stepDisposer = new Disposables();
    index = i;
    const step = tut.steps[i];
    const from = store.getState().logSeq;
    const ranBlocks = new Set<TutorialPart>();
    const scnParts = step.parts.filter((p) => p.kind === 'scn');
    const expects = step.parts.flatMap((p) => (p.kind === 'expect' ? p.lines : []));
    const seen = new Map<number, number>();
    const doneBadge = h('span', { class: 'rp-learn-done', hidden: true, text: `✓ ${t.done}` });
    const expectItems = new Map<number, HTMLElement>();

    const check = () => {
      const logs = store.getState().mergedLog.filter((e) => e.seq > from);
      expects.forEach((e, k) => {
        if (seen.has(k)) return;
        const at = findExpected(e, logs);
        if (at < 0) return;
        seen.set(k, logs[at].seq);
        marked.add(logs[at].seq);
        const li = expectItems.get(k);
        if (li) {
          li.dataset.state = 'seen';
          li.querySelector('.rp-learn-state')!.textContent = t.seen;
        }
      });
      paint();
      const done = scnParts.every((p) => ranBlocks.has(p)) && seen.size === expects.length;
      if (done && doneBadge.hidden) {
        doneBadge.hidden = false;
        deps.progress.stepDone(tut.meta.id, i);
      }
    };

    const head = h(
      'div',
      { class: 'rp-learn-stephead' },
      h('span', { class: 'rp-learn-count', text: t.stepOf(i + 1, tut.steps.length) }),
      doneBadge,
    );
    const body = h('div', { class: 'rp-learn-text' });
    if (i === 0 && tut.intro.trim()) body.append(renderMarkdown(tut.intro));
    body.append(h('h3', { text: step.title }));
    for (const part of step.parts) {
      if (part.kind === 'markdown') body.append(renderMarkdown(part.text));
      else if (part.kind === 'scn') {
        const run = h('button', { type: 'button', class: 'rp-learn-run', text: `▶ ${t.run}` });
        const skip = h('button', { type: 'button', class: 'rp-small', text: t.skip, hidden: true });
        run.addEventListener('click', async () => {
          if (busy) return;
          busy = true;
          run.disabled = true;
          run.textContent = t.running;
          skip.hidden = false;
          deps.player.fast = false;
          try {
            await deps.player.play(part.steps);
            ranBlocks.add(part);
          } finally {
            busy = false;
            run.disabled = false;
            run.textContent = `▶ ${t.run}`;
            skip.hidden = true;
            check();
          }
        });
        skip.addEventListener('click', () => {
          deps.player.fast = true;
        });
        body.append(
          h(
            'div',
            { class: 'rp-learn-block' },
            h('pre', {}, h('code', { text: part.source })),
            h('div', { class: 'rp-learn-actions' }, run, skip),
          ),
        );
      } else {
        const base = expects.indexOf(part.lines[0]);
        const ul = h('ul', { class: 'rp-learn-expect', 'aria-label': t.expected });
        part.lines.forEach((e, k) => {
          const li = h(
            'li',
            { 'data-state': 'waiting' },
            h('code', { text: `${e.node ? `[${e.node.replace(/^127\.0\.0\.1:/, '')}] ` : ''}${e.pattern}` }),
            ' ',
            h('span', { class: 'rp-learn-state', text: t.waiting }),
          );
          expectItems.set(base + k, li);
          ul.append(li);
        });
        body.append(
          h('div', { class: 'rp-learn-expectbox' }, h('div', { class: 'rp-learn-label', text: t.expected }), ul),
        );
      }
    }
    const back = h('button', { type: 'button', text: `← ${t.back}`, disabled: i === 0 });
    const next = h('button', { type: 'button', text: `${t.next} →`, disabled: i === tut.steps.length - 1 });
    const reset = h('button', { type: 'button', class: 'rp-small', text: t.resetStep });
    back.addEventListener('click', () => !busy && show(index - 1));
    next.addEventListener('click', () => !busy && show(index + 1));
    reset.addEventListener('click', async () => {
      if (busy) return;
      busy = true;
      reset.disabled = true;
      try {
        await deps.restart();
        deps.player.fast = true;
        for (const s of tut.steps.slice(0, i))
          for (const p of s.parts) if (p.kind === 'scn') await deps.player.play(p.steps);
      } finally {
        deps.player.fast = false;
        busy = false;
      }
      marked = new Set();
      show(i);
    });
    const nav = h('div', { class: 'rp-learn-nav' }, back, reset, next);
    box.replaceChildren(
      h('h2', { class: 'rp-learn-title', text: tut.meta.title }),
      ...(deps.notice ? [h('p', { class: 'rp-learn-notice', text: deps.notice })] : []),
      head,
      body,
      nav,
    );
    stepDisposer.add(watch(store, (s) => s.mergedLog, check));
    check();
  };

  show(0);
  d.add(() => stepDisposer.dispose());
  return () => d.dispose();
}

/**
 * An exercise in the Learn panel: the task (sanitized Markdown), the goal's checks with a mark
 * each, and a `role="status"` line that reads "Solved" (已完成) once every check holds. Checks are
 * evaluated live as the learner works — after each console reply and as log lines arrive — but
 * only while no console is waiting for a reply or inside MULTI, because a check asks the nodes
 * through their console connections. Hints one at a time, "Show solution" plays the solution into
 * the consoles, Reset rebuilds the playground and replays the set-up, and the commands the learner
 * typed are counted against the solution's.
 */
import { type CheckResult, type Exercise, evaluateChecks, Recorder } from '../../learn';
import { Disposables, h } from '../dom';
import type { Session } from '../session';
import { type AppStore, watch } from '../store';
import type { Strings } from './i18n';
import { renderMarkdown } from './markdown';
import type { Player } from './player';
import type { ProgressStore } from './progress';

export interface ExerciseViewDeps {
  exercise: Exercise;
  store: AppStore;
  session: () => Session | null;
  player: Player;
  progress: ProgressStore;
  t: Strings;
  /** Rebuild the playground the exercise starts from (front matter), resolved once it is quiet. */
  restart(): Promise<void>;
  notice?: string;
}

/** How long to wait after the last change before evaluating (ms). */
const EVAL_DEBOUNCE_MS = 250;

/** Mount the exercise view; it (re)builds the playground and runs the set-up itself. */
export function mountExerciseView(el: HTMLElement, deps: ExerciseViewDeps): () => void {
  const { exercise: x, store, t } = deps;
  const d = new Disposables();
  let perRun = new Disposables();
  d.add(() => perRun.dispose());
  let rec: Recorder | null = null;
  let preparing = true;
  let pending = 0;
  const inMulti = new Set<string>();
  let hintsShown = 0;
  let solvedOnce = false;
  // A view closed while it was still preparing (another lesson opened) must touch nothing more.
  let closed = false;
  d.add(() => {
    closed = true;
  });

  const status = h('p', { class: 'rp-learn-status', role: 'status', 'aria-live': 'polite', text: t.loading });
  const checklist = h('ul', { class: 'rp-learn-checks', 'aria-label': t.goal });
  const items = x.checks.map((c) => {
    const li = h(
      'li',
      { 'data-ok': 'false' },
      h('span', { class: 'rp-learn-mark', text: '○' }),
      ' ',
      h('code', { text: c.text }),
    );
    checklist.append(li);
    return li;
  });
  const count = h('p', { class: 'rp-learn-count' });
  const hintsBox = h('div', { class: 'rp-learn-hints' });
  const hintBtn = h('button', {
    type: 'button',
    text: x.hints.length ? t.showHint : t.noMoreHints,
    disabled: !x.hints.length,
  });
  const solutionBox = h(
    'div',
    { class: 'rp-learn-solution', hidden: true },
    h('pre', {}, h('code', { text: x.solutionSource })),
  );
  const solBtn = h('button', { type: 'button', text: t.showSolution });
  const resetBtn = h('button', { type: 'button', text: t.reset });
  const box = h(
    'div',
    { class: 'rp-learn-lesson', 'data-kind': 'exercise' },
    h('h2', { class: 'rp-learn-title', text: x.meta.title }),
    ...(deps.notice ? [h('p', { class: 'rp-learn-notice', text: deps.notice })] : []),
    h('div', { class: 'rp-learn-text' }, renderMarkdown(x.task)),
    h('div', { class: 'rp-learn-label', text: t.goal }),
    checklist,
    status,
    count,
    h('div', { class: 'rp-learn-actions' }, hintBtn, solBtn, resetBtn),
    hintsBox,
    solutionBox,
  );
  el.append(box);
  d.add(() => box.remove());

  const showCount = () => {
    count.textContent = t.commands(rec?.commands.length ?? 0, x.solutionCommands);
  };

  const show = (results: readonly CheckResult[]) => {
    let ok = 0;
    results.forEach((r, i) => {
      if (r.ok) ok++;
      items[i].dataset.ok = String(r.ok);
      items[i].querySelector('.rp-learn-mark')!.textContent = r.ok ? '✓' : '○';
      items[i].title = r.why;
    });
    const solved = ok === results.length;
    status.textContent = solved ? t.solved : t.notSolved(ok, results.length);
    status.dataset.solved = String(solved);
    if (solved && !solvedOnce) {
      solvedOnce = true;
      deps.progress.solved(x.meta.id);
    }
  };

  let timer: ReturnType<typeof setTimeout> | null = null;
  let evaluating = false;
  let again = false;
  const evaluate = async () => {
    timer = null;
    const sess = deps.session();
    if (!sess || !rec || preparing) return;
    // A check sends commands on the consoles' connections: never behind a command still waiting
    // for its reply (it would wait too), never inside a transaction (it would be queued).
    if (pending > 0 || inMulti.size > 0) return;
    if (evaluating) {
      again = true;
      return;
    }
    evaluating = true;
    try {
      show(await evaluateChecks(x.checks, sess.api, rec));
    } catch {
      // The playground was rebuilt meanwhile: the next change evaluates again.
    } finally {
      evaluating = false;
    }
    if (again) {
      again = false;
      schedule();
    }
  };
  const schedule = () => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => void evaluate(), EVAL_DEBOUNCE_MS);
  };
  d.add(() => {
    if (timer !== null) clearTimeout(timer);
  });

  /** (Re)build the playground, run the set-up, start recording. */
  const prepare = async () => {
    preparing = true;
    perRun.dispose();
    perRun = new Disposables();
    rec = null;
    pending = 0;
    inMulti.clear();
    status.textContent = t.loading;
    status.dataset.solved = 'false';
    await deps.restart();
    if (closed) return;
    deps.player.fast = true;
    try {
      await deps.player.play(x.setup);
    } finally {
      deps.player.fast = false;
    }
    const sess = deps.session();
    if (!sess || closed) return;
    const r = new Recorder(sess.api);
    r.mark();
    rec = r;
    perRun.add(() => r.dispose());
    perRun.add(
      sess.onCommand((ev) => {
        if (ev.phase === 'sent') {
          pending++;
          return;
        }
        pending = Math.max(0, pending - 1);
        const name = ev.argv[0]?.toLowerCase();
        if (name === 'multi' && ev.reply?.t === 'status') inMulti.add(ev.node);
        else if (name === 'exec' || name === 'discard' || ev.reply === null) inMulti.delete(ev.node);
        r.noteReply(ev.node, ev.argv, ev.reply);
        showCount();
        schedule();
      }),
    );
    perRun.add(watch(store, (s) => s.mergedLog, schedule));
    perRun.add(watch(store, (s) => s.nodes, schedule));
    preparing = false;
    showCount();
    schedule();
  };

  hintBtn.addEventListener('click', () => {
    if (hintsShown >= x.hints.length) return;
    const n = hintsShown++;
    hintsBox.append(
      h(
        'div',
        { class: 'rp-learn-hint' },
        h('div', { class: 'rp-learn-label', text: `${t.hint} ${n + 1}` }),
        renderMarkdown(x.hints[n]),
      ),
    );
    if (hintsShown >= x.hints.length) {
      hintBtn.disabled = true;
      hintBtn.textContent = t.noMoreHints;
    }
  });
  solBtn.addEventListener('click', async () => {
    if (preparing) return;
    solutionBox.hidden = false;
    solBtn.disabled = true;
    try {
      await deps.player.play(x.solution);
    } finally {
      solBtn.disabled = false;
      schedule();
    }
  });
  resetBtn.addEventListener('click', () => {
    if (!preparing) void prepare();
  });

  void prepare();
  return () => d.dispose();
}

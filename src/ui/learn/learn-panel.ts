/**
 * The Learn panel: the list of built-in tutorials and exercises (with the progress kept in this
 * browser) and the lesson being followed. Opening a lesson rebuilds the playground as its front
 * matter says (Redis version, preset, node count); a lesson can also come from a URL, shown with a
 * notice that it is another site's text. Loaded on demand by the app (it brings the Markdown
 * renderer and sanitizer with it).
 */
import type { Lang, LearnMeta } from '../../learn';
import type { RedisVersion } from '../../playground';
import type { ConsoleHandle } from '../console/console-view';
import { Disposables, h } from '../dom';
import type { Session } from '../session';
import type { AppStore } from '../store';
import { builtinIds, type Lesson, type LessonKind, type Loaded, loadAll, loadBuiltin, loadFromUrl } from './catalog';
import { mountExerciseView } from './exercise-view';
import { type Strings, strings } from './i18n';
import { Player } from './player';
import { ProgressStore } from './progress';
import { mountTutorialView } from './tutorial-view';

/** What to open: a built-in lesson by id, or a file from a URL. */
export interface LearnTarget {
  kind: LessonKind;
  id?: string;
  src?: string;
}

export interface LearnPanelDeps {
  store: AppStore;
  root: HTMLElement;
  session: () => Session | null;
  console: (node: string) => ConsoleHandle | undefined;
  /** Rebuild the playground; resolves once its nodes are up and its preset lines typed. */
  reload(o: { version: RedisVersion; preset: string; nodes: number }): Promise<void>;
  storage: Storage | null;
  lang: Lang;
}

export interface LearnPanelHandle {
  open(target: LearnTarget | null): Promise<void>;
  /** The language of what is opened next. */
  setLang(lang: Lang): void;
  dispose(): void;
}

/** Mount the panel's content into `el` (the app owns the panel element and its visibility). */
export function mountLearnPanel(el: HTMLElement, deps: LearnPanelDeps): LearnPanelHandle {
  const d = new Disposables();
  let lang = deps.lang;
  let t: Strings = strings(lang);
  const progress = new ProgressStore(deps.storage);
  const player = new Player({ store: deps.store, session: deps.session, console: deps.console });
  let view: (() => void) | null = null;
  // Which open is the latest: one still loading when another began must show nothing.
  let generation = 0;
  const body = h('div', { class: 'rp-learn-body' });
  el.append(body);
  d.add(() => body.remove());
  const closeView = () => {
    player.stop();
    view?.();
    view = null;
  };
  d.add(closeView);

  const restartFor = (meta: LearnMeta) => async () => {
    await deps.reload({ version: meta.redis, preset: meta.preset, nodes: meta.nodes });
    // Let the preset's replication finish before anything else happens.
    await deps.session()?.settle();
  };

  const showList = async () => {
    closeView();
    const mine = ++generation;
    body.replaceChildren(h('p', { text: t.loading }));
    const [tuts, exs] = await Promise.all([loadAll('tutorial', lang), loadAll('exercise', lang)]);
    if (mine !== generation) return;
    const p = progress.read();
    const item = (kind: LessonKind, l: Lesson) => {
      const id = l.meta.id;
      const state =
        l.kind === 'tutorial'
          ? t.stepsDone((p.tutorials[id] ?? []).length, l.steps.length)
          : p.exercises[id]
            ? `✓ ${t.solved}`
            : t.level(l.meta.level);
      return h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'rp-learn-item',
            'data-id': id,
            onclick: () => void open({ kind, id }),
          },
          h('span', { class: 'rp-learn-itemtitle', text: l.meta.title }),
          h('span', { class: 'rp-learn-itemstate', text: state }),
        ),
        l.meta.summary ? h('div', { class: 'rp-learn-summary', text: l.meta.summary }) : '',
      );
    };
    body.replaceChildren(
      h('h3', { text: t.tutorials }),
      h('ul', { class: 'rp-learn-list', 'aria-label': t.tutorials }, ...tuts.map((l) => item('tutorial', l))),
      h('h3', { text: t.exercises }),
      h('ul', { class: 'rp-learn-list', 'aria-label': t.exercises }, ...exs.map((l) => item('exercise', l))),
    );
  };

  const open = async (target: LearnTarget | null) => {
    if (!target || (!target.id && !target.src)) return showList();
    closeView();
    const mine = ++generation;
    body.replaceChildren(h('p', { text: t.loading }));
    let loaded: Loaded | null;
    try {
      loaded = target.src
        ? await loadFromUrl(target.kind, target.src)
        : await loadBuiltin(target.kind, target.id!, lang);
    } catch (e) {
      loaded = { ok: false, errors: [{ line: 0, message: (e as Error).message }] };
    }
    if (mine !== generation) return;
    const toList = h('button', {
      type: 'button',
      class: 'rp-small rp-learn-tolist',
      text: `☰ ${t.list}`,
      onclick: () => void showList(),
    });
    if (loaded === null || loaded.ok === false) {
      const errors = loaded ? loaded.errors : [{ line: 0, message: `${target.kind} "${target.id}"` }];
      body.replaceChildren(
        toList,
        h('p', { class: 'rp-learn-error', text: loaded ? t.invalid : t.loadFailed(target.id ?? target.src ?? '') }),
        h('ul', {}, ...errors.map((e) => h('li', { text: e.line ? `line ${e.line}: ${e.message}` : e.message }))),
      );
      return;
    }
    const lesson = loaded.lesson;
    const host = h('div');
    body.replaceChildren(toList, host);
    const notice = target.src ? t.untrusted : undefined;
    const restart = restartFor(lesson.meta);
    if (lesson.kind === 'tutorial') {
      await restart();
      if (mine !== generation) return;
      view = mountTutorialView(host, {
        tutorial: lesson,
        store: deps.store,
        root: deps.root,
        player,
        progress,
        t,
        restart,
        toList: () => void showList(),
        notice,
      });
    } else {
      view = mountExerciseView(host, {
        exercise: lesson,
        store: deps.store,
        session: deps.session,
        player,
        progress,
        t,
        restart,
        notice,
      });
    }
  };

  return {
    open,
    setLang: (l) => {
      lang = l;
      t = strings(l);
    },
    dispose: () => d.dispose(),
  };
}

/** The built-in ids (for address checks). */
export { builtinIds };

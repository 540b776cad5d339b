/**
 * One node's redis-cli console: an xterm.js terminal (DOM renderer, so its text is in the page)
 * with the line editor as its input addon and the console runner behind Enter. The prompt follows
 * the node: `not connected>` while it is down. Tab on an empty line and Shift-Tab leave the
 * terminal, so keyboard users are never trapped in it.
 */
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { Disposables } from '../dom';
import type { Session } from '../session';
import { type AppStore, watch } from '../store';
import { MONO_FONT, TERMINAL_THEMES } from '../theme';
import { completeLine, hintFor } from './cli-help';
import { newConsoleState, promptOf, runConsoleLine, setConnected } from './console-runner';
import { LineEditor } from './line-editor';

/** What a mounted console offers its panel. */
export interface ConsoleHandle {
  /** Type a line as a person would (it is echoed, run, and its reply printed). */
  type(line: string): void;
  /** Resize the terminal to its container. */
  fit(): void;
  focus(): void;
  dispose(): void;
}

export interface ConsoleDeps {
  node: string;
  store: AppStore;
  session: Session;
}

/** Mount a console for `deps.node` into `el`. */
export function mountConsole(el: HTMLElement, deps: ConsoleDeps): ConsoleHandle {
  const { node, store, session } = deps;
  const d = new Disposables();
  const view = store.getState().nodes[node];
  const state = newConsoleState(view.host, view.port, view.running);
  const term = new Terminal({
    fontFamily: MONO_FONT,
    fontSize: 13,
    lineHeight: 1.15,
    rows: 12,
    cols: 60,
    convertEol: true,
    cursorBlink: true,
    scrollback: 3000,
    theme: TERMINAL_THEMES[store.getState().theme],
    allowProposedApi: false,
  });
  const fitAddon = new FitAddon();
  term.loadAddon(fitAddon);
  term.open(el);
  d.add(() => term.dispose());
  const textarea = el.querySelector('textarea');
  textarea?.setAttribute('aria-label', `redis-cli console of ${node}`);

  const editor = new LineEditor(
    {
      write: (s) => term.write(s),
      get cols() {
        return term.cols;
      },
    },
    {
      prompt: () => promptOf(state),
      history: {
        entries: () => store.getState().histories[node] ?? store.getState().loadHistory(node),
        add: (line) => store.getState().addHistory(node, line),
      },
      complete: completeLine,
      hint: (line) => (state.hints ? hintFor(line) : null),
      onLine: (line) =>
        runConsoleLine(line, state, {
          exec: (argv) => session.exec(node, argv),
          running: () => store.getState().nodes[node]?.running ?? false,
          write: (s) => term.write(s),
          clear: () => term.write('\x1b[H\x1b[2J\x1b[3J'),
        }),
    },
  );
  d.add(() => editor.dispose());
  store.getState().loadHistory(node);

  const onData = term.onData((data) => editor.feed(data));
  d.add(() => onData.dispose());
  term.attachCustomKeyEventHandler((ev) => {
    // Let Tab move focus on when there is nothing to complete; Shift-Tab always.
    if (ev.key === 'Tab' && (ev.shiftKey || editor.isEmpty)) return false;
    return true;
  });

  d.add(
    watch(
      store,
      (s) => s.nodes[node]?.running ?? false,
      (running) => {
        setConnected(state, running);
        editor.refresh();
      },
    ),
  );
  d.add(
    watch(
      store,
      (s) => s.theme,
      (theme) => {
        term.options.theme = TERMINAL_THEMES[theme];
      },
    ),
  );

  const fitToBox = () => {
    if (el.offsetParent !== null && el.clientWidth > 0) {
      try {
        // Only trust a plausible measurement: mid-layout or mid-font-swap the cell size can be
        // off, and a terminal squeezed to a few columns would scramble what it shows.
        const dims = fitAddon.proposeDimensions();
        if (dims && dims.cols >= 20 && dims.rows >= 4 && (dims.cols !== term.cols || dims.rows !== term.rows)) {
          term.resize(dims.cols, dims.rows);
        }
      } catch {
        // Not measurable yet (hidden tab): the next resize fits it.
      }
    }
    // Readers of the DOM text (tests, tools) need the width to tell wrapped rows from lines.
    el.dataset.cols = String(term.cols);
  };
  const ro = new ResizeObserver(() => {
    fitToBox();
    editor.refresh();
  });
  ro.observe(el);
  d.add(() => ro.disconnect());
  fitToBox();
  editor.start();

  // If the bundled font was not loaded yet, xterm measured a fallback: measure again once it is
  // (a different but equivalent family string makes xterm re-measure its cells).
  const fonts = typeof document !== 'undefined' ? document.fonts : undefined;
  const probe = `13px ${MONO_FONT}`;
  if (fonts && !fonts.check(probe)) {
    let live = true;
    d.add(() => {
      live = false;
    });
    void fonts.load(probe).then(() => {
      if (!live) return;
      term.options.fontFamily = `${MONO_FONT}, monospace`;
      fitToBox();
      editor.refresh();
    });
  }

  return {
    type: (line) => editor.type(line),
    fit: fitToBox,
    focus: () => term.focus(),
    dispose: () => d.dispose(),
  };
}

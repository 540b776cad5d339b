/**
 * One node's redis-cli console: an xterm.js terminal (DOM renderer, so its text is in the page)
 * with the line editor as its input addon and the console runner behind Enter. The prompt follows
 * the node: `not connected>` while it is down. Tab on an empty line and Shift-Tab leave the
 * terminal, so keyboard users are never trapped in it.
 *
 * Ctrl-C while a command waits (DEBUG SLEEP, WAIT, a paused write) stops waiting at once: real
 * redis-cli 7.0 exits on SIGINT outside subscribe/MONITOR mode, so its connection closes; this
 * console stays open and behaves as a new redis-cli would (db 0, no MULTI). What the old command
 * would still have printed is dropped. In subscribe mode or MONITOR the console prints what the
 * server pushes, as redis-cli does, and Ctrl-C leaves it the way redis-cli 7.0 does there: the
 * socket is closed and a new connection made at once, re-selecting the db (the prompt keeps `[5]`).
 *
 * A node may have several consoles (`con` 2, 3, ...: the panel's tabs), each a redis-cli of its
 * own: its connection, db, MULTI state, subscriptions and history.
 */
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { formatReply } from '../../scenario';
import { Disposables } from '../dom';
import { consoleKey, type Session } from '../session';
import { type AppStore, watch } from '../store';
import { MONO_FONT, TERMINAL_THEMES } from '../theme';
import { completeLine, hintFor } from './cli-help';
import { type ConsoleState, newConsoleState, promptOf, runConsoleLine, setConnected } from './console-runner';
import { LineEditor } from './line-editor';

/** What a mounted console offers its panel. */
export interface ConsoleHandle {
  /** Type a line as a person would (it is echoed, run, and its reply printed). */
  type(line: string): void;
  /** Feed keystrokes as typed (no Enter unless given): a tutorial types at a readable pace. */
  input(data: string): void;
  /**
   * Type a line as `type` does and resolve, once it ran, to what the console printed for it
   * (redis-cli's text, LF line ends, no colours): a scenario step run in the page. A line that
   * puts the console in subscribe mode or MONITOR resolves once it is there.
   */
  run(line: string): Promise<string>;
  /** Resize the terminal to its container. */
  fit(): void;
  focus(): void;
  dispose(): void;
}

export interface ConsoleDeps {
  node: string;
  store: AppStore;
  session: Session;
  /** Which of the node's consoles (1, the default, is its first). */
  con?: number;
}

/** Mount a console for `deps.node` into `el`. */
export function mountConsole(el: HTMLElement, deps: ConsoleDeps): ConsoleHandle {
  const { node, store, session } = deps;
  const con = deps.con ?? 1;
  /** History is kept per console: the node's name for console 1, `NODE/N` for the others. */
  const key = consoleKey(node, con);
  const d = new Disposables();
  const view = store.getState().nodes[node];
  let state: ConsoleState = newConsoleState(view.host, view.port, view.running);
  /** Bumped by Ctrl-C: output of a line from an older generation is dropped. */
  let generation = 0;
  /** Ends the running line's wait (Ctrl-C). */
  let abortLine: (() => void) | null = null;
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
  // xterm finishes setting itself up in a timer of its own; a terminal disposed before that timer
  // runs (a widget rebuilt in the task that built it) would throw from it. Disposing in a timer
  // queued after it lets it finish first.
  d.add(() => setTimeout(() => term.dispose(), 0));
  const textarea = el.querySelector('textarea');
  textarea?.setAttribute(
    'aria-label',
    con === 1 ? `redis-cli console of ${node}` : `redis-cli console ${con} of ${node}`,
  );

  // Lines typed by run(), oldest first, each collecting what its command printed. The editor runs
  // lines in the order they were fed, so the first waiting line is the next one to finish.
  const waiting: { line: string; text: string; done: (text: string) => void }[] = [];
  let capturing: (typeof waiting)[number] | null = null;
  const print = (s: string) => {
    term.write(s);
    if (capturing) capturing.text += s;
  };
  // What the server pushes: printed as redis-cli prints it, after the reply of a command under
  // way (a SUBSCRIBE's further confirmations arrive with its first one, before this console has
  // printed that).
  let held: string[] | null = null;
  let endReading: (() => void) | null = null;
  d.add(
    session.onPush(node, con, (r) => {
      const text = formatReply(r, state.modeArgv).replace(/\r?\n/g, '\r\n');
      if (held) held.push(text);
      else print(text);
    }),
  );

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
        entries: () => store.getState().histories[key] ?? store.getState().loadHistory(key),
        add: (line) => store.getState().addHistory(key, line),
      },
      complete: completeLine,
      hint: (line) => (state.hints ? hintFor(line) : null),
      onLine: (line) => {
        // (endsWith: a reader may have left text at the prompt, which the typed line follows.)
        capturing = waiting.length > 0 && line.endsWith(waiting[0].line) ? waiting.shift()! : null;
        const mine = capturing;
        const gen = generation;
        const live = () => gen === generation;
        session.lineTyped(node, line, con);
        const run = runConsoleLine(line, state, {
          exec: (argv) => {
            held = [];
            return session.exec(node, argv, con);
          },
          replied: () => {
            const h = held ?? [];
            held = null;
            for (const text of h) if (live()) print(text);
          },
          reading: () => {
            // For whoever waits for this line (a replay), it ran: the console now reads pushes.
            mine?.done(mine.text.replace(/\r\n/g, '\n').replace(/\x1b\[[0-9;]*m/g, ''));
            return new Promise<void>((resolve) => {
              endReading = resolve;
            });
          },
          running: () => store.getState().nodes[node]?.running ?? false,
          write: (s) => {
            if (live()) print(s);
          },
          clear: () => {
            if (live()) term.write('\x1b[H\x1b[2J\x1b[3J');
          },
        }).finally(() => {
          held = null;
          if (live()) session.lineDone(node, false, con);
        });
        const aborted = new Promise<void>((resolve) => {
          abortLine = resolve;
        });
        return Promise.race([run, aborted]).finally(() => {
          abortLine = null;
          if (mine) {
            // What redis-cli printed, as a transcript has it: LF line ends, no colours.
            mine.done(mine.text.replace(/\r\n/g, '\n').replace(/\x1b\[[0-9;]*m/g, ''));
            if (capturing === mine) capturing = null;
          }
        });
      },
      onInterrupt: () => {
        if (!abortLine) return;
        generation++;
        const reading = state.mode !== 'normal';
        endReading = null;
        if (reading) {
          // redis-cli 7.0 in subscribe mode or MONITOR: a new connection at once, on the same db.
          state.mode = 'normal';
        } else {
          // A new redis-cli: db 0, no transaction, connected if the node runs.
          state = newConsoleState(state.host, state.port, store.getState().nodes[node]?.running ?? false);
        }
        void session.interrupt(node, con, reading);
        abortLine();
      },
    },
  );
  d.add(() => editor.dispose());
  // A disposed console runs nothing more: what waited for it resolves with what it printed so far.
  d.add(() => {
    for (const w of waiting.splice(0)) w.done(w.text);
  });
  store.getState().loadHistory(key);

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
        // redis-cli in subscribe mode or MONITOR exits when the server goes away.
        if (!running && endReading) {
          print('Error: Server closed the connection\r\n');
          endReading();
          endReading = null;
        }
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
    input: (data) => editor.feed(data),
    run: (line) =>
      new Promise<string>((done) => {
        const typed = line.replace(/[\r\n]+/g, ' ');
        waiting.push({ line: typed, text: '', done });
        editor.type(typed);
      }),
    fit: fitToBox,
    focus: () => term.focus(),
    dispose: () => d.dispose(),
  };
}

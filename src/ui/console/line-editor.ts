/**
 * A line editor in the manner of linenoise (the one redis-cli is built on), drawn on any terminal
 * that accepts escape sequences (xterm.js in the page, a string-collecting fake in tests). It owns
 * the prompt line: editing keys (arrows, Home/End, Ctrl-A/E/B/F/U/K/W/T/D/H, Alt-B/F/D/Backspace,
 * Ctrl-Left/Right), history (↑/↓, Ctrl-P/N), Tab completion cycling through candidates as
 * linenoise does (Esc restores what was typed), grey hints after the text, Ctrl-L and Ctrl-C.
 *
 * A submitted line is handed to `onLine`; until the promise it returns settles, the editor is
 * busy and queues further input, so several pasted lines run one after another, in order, each
 * after the previous reply was printed — exactly like typing ahead into redis-cli.
 *
 * Redraws handle prompts and text that wrap over several rows: the editor remembers on which row
 * of its block the cursor sits, climbs back to the first row, clears to the end of the screen and
 * writes the block again.
 */
import { charWidth, type KeyToken, textWidth, tokenize } from './keys';

/** Where the editor draws. `cols` is read at each redraw, so resizing is picked up. */
export interface TerminalSink {
  write(data: string): void;
  readonly cols: number;
}

/** The history the editor reads and appends to (persistence is its owner's business). */
export interface LineHistory {
  /** Oldest first. */
  entries(): readonly string[];
  add(line: string): void;
}

/** What the editor needs from its console. */
export interface LineEditorOptions {
  /** The prompt to draw (plain text, e.g. `127.0.0.1:6379> `). */
  prompt(): string;
  history: LineHistory;
  /** Candidates for Tab completion of the whole line (redis-cli completes command names). */
  complete?(line: string): string[];
  /** A grey hint drawn after the text, or null (redis-cli's argument hints). */
  hint?(line: string): string | null;
  /** A line was submitted. The editor stays busy until the returned promise settles. */
  onLine(line: string): Promise<void> | void;
  /**
   * Ctrl-C while a line runs (redis-cli waiting for a reply). The owner stops waiting and settles
   * the line's promise; input typed ahead is dropped, as the terminal discards it on SIGINT.
   * Without it, Ctrl-C waits in the queue like any key.
   */
  onInterrupt?(): void;
}

interface Completion {
  candidates: string[];
  /** Index of the candidate on screen; candidates.length means "what was typed". */
  index: number;
  original: string[];
  originalCursor: number;
}

const HINT_COLOR = '\x1b[90m';
const RESET = '\x1b[0m';

/** A linenoise-style line editor over a terminal sink. */
export class LineEditor {
  private buf: string[] = [];
  private cursor = 0;
  /** History snapshot while editing: past entries plus the line being edited (linenoise's trick). */
  private hist: string[] = [''];
  private histIndex = 0;
  private completion: Completion | null = null;
  /**
   * Where the last drawing left the cursor, in cells from the start of the prompt block, and how
   * wide the block was. The row to climb back is recomputed from these with the terminal's current
   * width, so a resize (xterm re-wraps the block) never makes a redraw climb too far.
   */
  private drawnPos = 0;
  private drawnTotal = 0;
  /** The text ended exactly at the right margin and the cursor was put on a fresh row below it. */
  private freshRow = false;
  private busy = false;
  private active = false;
  private queue: KeyToken[] = [];
  private disposed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly term: TerminalSink,
    private readonly opts: LineEditorOptions,
  ) {}

  /** Draw the first prompt. Input fed before this is queued. */
  start(): void {
    if (this.active || this.disposed) return;
    this.active = true;
    this.beginLine();
    this.pump();
  }

  /** Feed terminal input (xterm onData). */
  feed(data: string): void {
    if (this.disposed) return;
    const toks = tokenize(data);
    if (this.busy && this.opts.onInterrupt) {
      const c = toks.findIndex((t) => t.kind === 'ctrl' && t.key === 'c');
      if (c >= 0) {
        this.queue = [];
        this.term.write('^C\r\n');
        this.opts.onInterrupt();
        // What follows the Ctrl-C in the same chunk was typed after it.
        this.queue.push(...toks.slice(c + 1));
        return;
      }
    }
    this.queue.push(...toks);
    this.pump();
  }

  /** Resolves when no line runs and no input waits (what a replay waits for between steps). */
  idle(): Promise<void> {
    if (!this.busy && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The text being edited. */
  get line(): string {
    return this.buf.join('');
  }

  /** Whether a command is running (input is queued meanwhile). */
  get isBusy(): boolean {
    return this.busy;
  }

  /** Whether nothing is typed and nothing queued (Tab then leaves the console, for keyboard users). */
  get isEmpty(): boolean {
    return this.buf.length === 0 && this.queue.length === 0 && !this.busy;
  }

  /** Redraw the prompt line (the prompt text or the hint source changed). */
  refresh(): void {
    if (!this.active || this.busy || this.disposed) return;
    this.render();
  }

  /**
   * Write text above the prompt line (asynchronous news: a node went down). While a command runs
   * the text is simply written, as the command's own output is.
   */
  printAbove(text: string): void {
    if (this.disposed) return;
    if (!this.active || this.busy) {
      this.term.write(text);
      return;
    }
    this.clearBlock();
    this.term.write(text);
    this.resetDrawn();
    this.render();
  }

  /** Type a line as if a person had (prompt, text, Enter): used by presets and tutorials. */
  type(line: string): void {
    this.feed(`${line.replace(/[\r\n]+/g, ' ')}\r`);
  }

  /** Stop drawing and drop queued input. */
  dispose(): void {
    this.disposed = true;
    this.queue = [];
  }

  // ------------------------------------------------------------------ input

  private pump(): void {
    while (this.active && !this.busy && !this.disposed && this.queue.length) {
      const tok = this.queue.shift()!;
      this.handle(tok);
    }
    if (!this.busy && this.queue.length === 0 && this.idleWaiters.length) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  private handle(tok: KeyToken): void {
    if (this.completion) {
      if (tok.kind === 'special' && tok.key === 'tab') {
        this.nextCompletion();
        return;
      }
      if (tok.kind === 'special' && tok.key === 'escape') {
        const c = this.completion;
        this.completion = null;
        this.buf = c.original;
        this.cursor = c.originalCursor;
        this.render();
        return;
      }
      // Any other key accepts what is shown, then does its own work.
      this.completion = null;
    }
    switch (tok.kind) {
      case 'text':
        this.insert(Array.from(tok.text));
        return;
      case 'enter':
        this.submit();
        return;
      case 'ctrl':
        this.ctrl(tok.key);
        return;
      case 'special':
        this.special(tok.key);
        return;
      case 'ignored':
        return;
    }
  }

  private ctrl(key: string): void {
    switch (key) {
      case 'a':
        this.moveTo(0);
        return;
      case 'e':
        this.moveTo(this.buf.length);
        return;
      case 'b':
        this.moveTo(this.cursor - 1);
        return;
      case 'f':
        this.moveTo(this.cursor + 1);
        return;
      case 'u': // delete the whole line (linenoise)
        this.buf = [];
        this.cursor = 0;
        this.render();
        return;
      case 'k':
        this.buf = this.buf.slice(0, this.cursor);
        this.render();
        return;
      case 'w':
        this.deleteWordLeft();
        return;
      case 't':
        this.transpose();
        return;
      case 'd':
        if (this.buf.length > 0) this.deleteAt(this.cursor);
        return;
      case 'h':
        this.deleteAt(this.cursor - 1);
        return;
      case 'p':
        this.historyMove(-1);
        return;
      case 'n':
        this.historyMove(1);
        return;
      case 'l':
        this.term.write('\x1b[H\x1b[2J');
        this.resetDrawn();
        this.render();
        return;
      case 'c':
        this.interrupt();
        return;
      default:
        return;
    }
  }

  private special(key: string): void {
    switch (key) {
      case 'left':
        this.moveTo(this.cursor - 1);
        return;
      case 'right':
        this.moveTo(this.cursor + 1);
        return;
      case 'home':
        this.moveTo(0);
        return;
      case 'end':
        this.moveTo(this.buf.length);
        return;
      case 'up':
        this.historyMove(-1);
        return;
      case 'down':
        this.historyMove(1);
        return;
      case 'backspace':
        this.deleteAt(this.cursor - 1);
        return;
      case 'delete':
        this.deleteAt(this.cursor);
        return;
      case 'tab':
        this.startCompletion();
        return;
      case 'word-left':
        this.moveTo(this.wordLeft());
        return;
      case 'word-right':
        this.moveTo(this.wordRight());
        return;
      case 'delete-word-left':
        this.deleteWordLeft();
        return;
      case 'delete-word-right': {
        const end = this.wordRight();
        this.buf.splice(this.cursor, end - this.cursor);
        this.render();
        return;
      }
      default:
        return;
    }
  }

  // ------------------------------------------------------------------ editing

  private insert(chars: string[]): void {
    this.buf.splice(this.cursor, 0, ...chars);
    this.cursor += chars.length;
    this.render();
  }

  private deleteAt(i: number): void {
    if (i < 0 || i >= this.buf.length) return;
    this.buf.splice(i, 1);
    if (i < this.cursor) this.cursor--;
    this.render();
  }

  private moveTo(i: number): void {
    const to = Math.max(0, Math.min(this.buf.length, i));
    if (to === this.cursor) return;
    this.cursor = to;
    this.render();
  }

  private wordLeft(): number {
    let i = this.cursor;
    while (i > 0 && this.buf[i - 1] === ' ') i--;
    while (i > 0 && this.buf[i - 1] !== ' ') i--;
    return i;
  }

  private wordRight(): number {
    let i = this.cursor;
    while (i < this.buf.length && this.buf[i] === ' ') i++;
    while (i < this.buf.length && this.buf[i] !== ' ') i++;
    return i;
  }

  private deleteWordLeft(): void {
    const from = this.wordLeft();
    if (from === this.cursor) return;
    this.buf.splice(from, this.cursor - from);
    this.cursor = from;
    this.render();
  }

  private transpose(): void {
    if (this.cursor === 0 || this.buf.length < 2) return;
    const at = this.cursor === this.buf.length ? this.cursor - 1 : this.cursor;
    [this.buf[at - 1], this.buf[at]] = [this.buf[at], this.buf[at - 1]];
    if (this.cursor < this.buf.length) this.cursor++;
    this.render();
  }

  private historyMove(dir: -1 | 1): void {
    const to = this.histIndex + dir;
    if (to < 0 || to >= this.hist.length) return;
    this.hist[this.histIndex] = this.line;
    this.histIndex = to;
    this.buf = Array.from(this.hist[to]);
    this.cursor = this.buf.length;
    this.render();
  }

  private startCompletion(): void {
    const candidates = this.opts.complete?.(this.line) ?? [];
    if (candidates.length === 0) {
      this.term.write('\x07');
      return;
    }
    this.completion = { candidates, index: -1, original: [...this.buf], originalCursor: this.cursor };
    this.nextCompletion();
  }

  private nextCompletion(): void {
    const c = this.completion!;
    c.index = (c.index + 1) % (c.candidates.length + 1);
    if (c.index === c.candidates.length) {
      this.buf = [...c.original];
      this.cursor = c.originalCursor;
      this.term.write('\x07');
    } else {
      this.buf = Array.from(c.candidates[c.index]);
      this.cursor = this.buf.length;
    }
    this.render();
  }

  private interrupt(): void {
    this.completion = null;
    this.cursor = this.buf.length;
    this.render(false);
    this.term.write('^C\r\n');
    this.beginLine();
  }

  private submit(): void {
    const line = this.line;
    this.cursor = this.buf.length;
    this.render(false);
    if (!this.freshRow) this.term.write('\r\n');
    if (line.trim() !== '') this.opts.history.add(line);
    this.busy = true;
    let result: Promise<void> | void;
    try {
      result = this.opts.onLine(line);
    } catch (e) {
      result = Promise.reject(e);
    }
    const done = () => {
      this.busy = false;
      if (this.disposed) return;
      this.beginLine();
      this.pump();
    };
    if (result && typeof (result as Promise<void>).then === 'function') {
      (result as Promise<void>).then(done, (e: unknown) => {
        if (!this.disposed) this.term.write(`(error) ${e instanceof Error ? e.message : String(e)}\r\n`);
        done();
      });
    } else {
      done();
    }
  }

  private beginLine(): void {
    this.buf = [];
    this.cursor = 0;
    this.completion = null;
    this.hist = [...this.opts.history.entries(), ''];
    this.histIndex = this.hist.length - 1;
    this.resetDrawn();
    this.render();
  }

  // ------------------------------------------------------------------ drawing

  /** The next drawing starts a new block where the cursor is. */
  private resetDrawn(): void {
    this.drawnPos = 0;
    this.drawnTotal = 0;
    this.freshRow = false;
  }

  /** The cursor's row inside the drawn block, at the terminal's current width. */
  private cursorRow(cols: number): number {
    if (this.freshRow) return Math.ceil(this.drawnTotal / cols);
    return Math.floor(this.drawnPos / cols);
  }

  /** Move to the first column of the block's first row and clear from there down. */
  private clearBlock(): void {
    const up = this.cursorRow(Math.max(1, this.term.cols));
    this.term.write(`\r${up > 0 ? `\x1b[${up}A` : ''}\x1b[J`);
  }

  /** Redraw prompt, text and hint; put the cursor where it belongs. */
  private render(withHint = true): void {
    const cols = Math.max(1, this.term.cols);
    const prompt = this.opts.prompt();
    const text = this.line;
    const used = textWidth(prompt) + textWidth(text);
    let hint = withHint ? (this.opts.hint?.(text) ?? null) : null;
    // linenoise draws a hint only when prompt and text leave room on the row, cut to fit.
    if (hint !== null && used < cols) hint = cutToWidth(hint, cols - used);
    else hint = null;
    const total = used + (hint ? textWidth(hint) : 0);
    const up = this.cursorRow(cols);
    let out = '\r';
    if (up > 0) out += `\x1b[${up}A`;
    out += `\x1b[J${prompt}${text}`;
    if (hint) out += `${HINT_COLOR}${hint}${RESET}`;
    // Where the terminal's cursor is now: after an exact multiple of cols it waits on the last
    // column of the previous row (pending wrap).
    const endRow = total > 0 && total % cols === 0 ? total / cols - 1 : Math.floor(total / cols);
    const pos = textWidth(prompt) + widthOf(this.buf, this.cursor);
    const row = Math.floor(pos / cols);
    const col = pos % cols;
    this.freshRow = row > endRow;
    if (this.freshRow) {
      out += '\r\n';
    } else {
      out += '\r';
      if (endRow > row) out += `\x1b[${endRow - row}A`;
      if (col > 0) out += `\x1b[${col}C`;
    }
    this.drawnPos = pos;
    this.drawnTotal = total;
    this.term.write(out);
  }
}

function widthOf(chars: readonly string[], end: number): number {
  let w = 0;
  for (let i = 0; i < end; i++) w += charWidth(chars[i]);
  return w;
}

function cutToWidth(s: string, width: number): string {
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = charWidth(ch);
    if (w + cw > width) break;
    out += ch;
    w += cw;
  }
  return out;
}

/**
 * The console's line editor against a fake terminal: what a person sees after typing, editing
 * keys, history, completion, hints, wrapping, Ctrl-C/L, and several pasted lines running in order.
 */
import { describe, expect, it } from 'vitest';
import { completeLine, hintFor } from '../../src/ui/console/cli-help';
import { LineEditor, type LineHistory } from '../../src/ui/console/line-editor';
import { FakeTerminal } from './fake-terminal';

function history(initial: string[] = []): LineHistory & { list: string[] } {
  const list = [...initial];
  return {
    list,
    entries: () => list,
    add: (l) => {
      if (list[list.length - 1] !== l) list.push(l);
    },
  };
}

function setup(opts: { cols?: number; hist?: string[]; hints?: boolean; async?: boolean } = {}) {
  const term = new FakeTerminal(opts.cols ?? 60);
  const hist = history(opts.hist);
  const lines: string[] = [];
  let release: (() => void) | null = null;
  let prompt = '127.0.0.1:6379> ';
  const ed = new LineEditor(term, {
    prompt: () => prompt,
    history: hist,
    complete: completeLine,
    hint: opts.hints ? hintFor : undefined,
    onLine: (l) => {
      lines.push(l);
      term.write(`ran ${l}\r\n`);
      if (opts.async) return new Promise<void>((r) => (release = r));
    },
  });
  ed.start();
  return {
    term,
    ed,
    hist,
    lines,
    setPrompt: (p: string) => {
      prompt = p;
      ed.refresh();
    },
    release: async () => {
      const r = release;
      release = null;
      r?.();
      await Promise.resolve();
      await Promise.resolve();
    },
  };
}

const lastLine = (t: FakeTerminal) => t.lines()[t.y];

describe('line editor: typing and editing', () => {
  it('draws the prompt and echoes typed text, cursor at the end', () => {
    const { term, ed } = setup();
    ed.feed('GET k');
    expect(lastLine(term)).toBe('127.0.0.1:6379> GET k');
    expect(term.x).toBe('127.0.0.1:6379> GET k'.length);
  });

  it('submits on Enter and prints a new prompt after the output', () => {
    const { term, ed, lines } = setup();
    ed.feed('PING\r');
    expect(lines).toEqual(['PING']);
    expect(term.lines()).toEqual(['127.0.0.1:6379> PING', 'ran PING', '127.0.0.1:6379>']);
  });

  it('moves with arrows, Home/End and Ctrl-A/E, inserting in the middle', () => {
    const { ed, term } = setup();
    ed.feed('SET k v');
    ed.feed('\x1b[D\x1b[D'); // ←←
    ed.feed('X');
    expect(ed.line).toBe('SET kX v');
    ed.feed('\x01'); // Ctrl-A
    ed.feed('>');
    ed.feed('\x05!'); // Ctrl-E
    expect(ed.line).toBe('>SET kX v!');
    ed.feed('\x1b[H<\x1b[F.'); // Home, End
    expect(ed.line).toBe('<>SET kX v!.');
    ed.feed('\x1bOH'); // SS3 Home
    expect(term.x).toBe('127.0.0.1:6379> '.length);
  });

  it('deletes with Backspace, Delete, Ctrl-U, Ctrl-K, Ctrl-W, Ctrl-D and transposes with Ctrl-T', () => {
    const { ed, term } = setup();
    ed.feed('SET key value');
    ed.feed('\x7f');
    expect(ed.line).toBe('SET key valu');
    ed.feed('\x17'); // Ctrl-W
    expect(ed.line).toBe('SET key ');
    ed.feed('\x17');
    expect(ed.line).toBe('SET ');
    ed.feed('abc\x01\x1b[3~'); // Delete at start
    expect(ed.line).toBe('ET abc');
    ed.feed('\x04'); // Ctrl-D deletes under the cursor
    expect(ed.line).toBe('T abc');
    ed.feed('\x1b[C\x1b[C\x0b'); // → → Ctrl-K
    expect(ed.line).toBe('T ');
    ed.feed('\x05xy\x14'); // Ctrl-T at the end swaps the last two
    expect(ed.line).toBe('T yx');
    ed.feed('\x15'); // Ctrl-U
    expect(ed.line).toBe('');
    expect(lastLine(term)).toBe('127.0.0.1:6379>');
  });

  it('moves by words with Ctrl-←/→ and Alt-B/F', () => {
    const { ed, term } = setup();
    ed.feed('SET key value');
    ed.feed('\x1b[1;5D');
    expect(term.x).toBe('127.0.0.1:6379> SET key '.length);
    ed.feed('\x1bb');
    expect(term.x).toBe('127.0.0.1:6379> SET '.length);
    ed.feed('\x1bf');
    expect(term.x).toBe('127.0.0.1:6379> SET key'.length);
  });

  it('Ctrl-C abandons the line with ^C and a fresh prompt; nothing runs', () => {
    const { ed, term, lines } = setup();
    ed.feed('SET k v\x03');
    expect(lines).toEqual([]);
    expect(term.lines()).toEqual(['127.0.0.1:6379> SET k v^C', '127.0.0.1:6379>']);
  });

  it('Ctrl-L clears the screen and keeps the line being edited', () => {
    const { ed, term } = setup();
    ed.feed('PING\rGET a\x0c');
    expect(term.lines()).toEqual(['127.0.0.1:6379> GET a']);
  });

  it('ignores empty lines in history but still gives a new prompt', () => {
    const { ed, term, hist } = setup();
    ed.feed('\r');
    expect(hist.list).toEqual([]);
    expect(term.lines()).toEqual(['127.0.0.1:6379>', 'ran', '127.0.0.1:6379>']);
  });
});

describe('line editor: history', () => {
  it('walks history with ↑/↓ and Ctrl-P/N, keeping the unfinished line', () => {
    const { ed } = setup({ hist: ['SET a 1', 'GET a'] });
    ed.feed('INC');
    ed.feed('\x1b[A');
    expect(ed.line).toBe('GET a');
    ed.feed('\x10'); // Ctrl-P
    expect(ed.line).toBe('SET a 1');
    ed.feed('\x1b[A'); // at the oldest: stays
    expect(ed.line).toBe('SET a 1');
    ed.feed('\x0e\x1b[B'); // Ctrl-N, ↓
    expect(ed.line).toBe('INC');
  });

  it('adds submitted lines, without repeating the last one', () => {
    const { ed, hist } = setup();
    ed.feed('PING\rPING\rGET x\r');
    expect(hist.list).toEqual(['PING', 'GET x']);
    ed.feed('\x1b[A\x1b[A');
    expect(ed.line).toBe('PING');
  });
});

describe('line editor: completion and hints', () => {
  it('Tab completes a command name, cycles through candidates and back to what was typed', () => {
    const { ed, term } = setup();
    ed.feed('sel');
    ed.feed('\t');
    expect(ed.line).toBe('SELECT');
    ed.feed('\t'); // only one candidate: back to the original, with a bell
    expect(ed.line).toBe('sel');
    expect(term.bells).toBe(1);
    ed.feed('\t 5');
    expect(ed.line).toBe('SELECT 5');
  });

  it('Esc during completion restores the typed text', () => {
    const { ed } = setup();
    ed.feed('inc\t');
    expect(ed.line).toBe('INCR');
    ed.feed('\t');
    expect(ed.line).toBe('INCRBY');
    ed.feed('\x1b');
    expect(ed.line).toBe('inc');
  });

  it('draws redis-cli hints in grey after the text, without moving the cursor', () => {
    const { ed, term } = setup({ hints: true, cols: 120 });
    ed.feed('SET');
    // Cut to the row's width, as linenoise does.
    expect(lastLine(term)).toHaveLength(120);
    expect(lastLine(term).startsWith('127.0.0.1:6379> SET key value [NX|XX] [GET] [EX seconds|PX milliseconds')).toBe(
      true,
    );
    expect(term.x).toBe('127.0.0.1:6379> SET'.length);
    expect(term.written).toContain('\x1b[90m key value');
    ed.feed(' k ');
    expect(lastLine(term).startsWith('127.0.0.1:6379> SET k value [NX|XX]')).toBe(true);
    ed.feed('\r');
    // The submitted line is shown without its hint.
    expect(term.lines()[0]).toBe('127.0.0.1:6379> SET k');
  });
});

describe('line editor: wrapping and prompts', () => {
  it('redraws a line that wraps over several rows in place', () => {
    const { ed, term } = setup({ cols: 20 });
    ed.feed('SET key 0123456789abcdefg');
    expect(term.lines()).toEqual(['127.0.0.1:6379> SET', 'key 0123456789abcdef', 'g']);
    ed.feed('\x01'); // Home: back on the first row
    expect([term.y, term.x]).toEqual([0, 16]);
    ed.feed('X');
    expect(term.lines()).toEqual(['127.0.0.1:6379> XSET', ' key 0123456789abcde', 'fg']);
    expect([term.y, term.x]).toEqual([0, 17]);
    ed.feed('\x05\x7f\x7f');
    expect(term.lines()).toEqual(['127.0.0.1:6379> XSET', ' key 0123456789abcde', '']);
    expect([term.y, term.x]).toEqual([2, 0]);
    ed.feed('\r');
    expect(term.lines()).toEqual([
      '127.0.0.1:6379> XSET',
      ' key 0123456789abcde',
      'ran XSET key 0123456',
      '789abcde',
      '127.0.0.1:6379>',
    ]);
  });

  it('handles text that ends exactly at the right margin', () => {
    const { ed, term } = setup({ cols: 20 });
    ed.feed('SETX');
    expect(term.lines()).toEqual(['127.0.0.1:6379> SETX', '']);
    expect([term.y, term.x]).toEqual([1, 0]);
    ed.feed('\x7f');
    expect(term.lines()).toEqual(['127.0.0.1:6379> SET']);
  });

  it('after a resize climbs only the rows the block takes at the new width', () => {
    const { ed, term } = setup({ cols: 20 });
    ed.feed('SET key 0123456789'); // 34 cells: two rows at 20 columns
    term.cols = 80; // xterm re-wraps the block onto one row
    term.written = '';
    ed.refresh();
    expect(term.written.startsWith('\r\x1b[J')).toBe(true);
  });

  it('redraws when the prompt changes (SELECT, node down)', () => {
    const { ed, term, setPrompt } = setup();
    ed.feed('GET');
    setPrompt('not connected> ');
    expect(lastLine(term)).toBe('not connected> GET');
    setPrompt('127.0.0.1:6379[5]> ');
    expect(lastLine(term)).toBe('127.0.0.1:6379[5]> GET');
  });

  it('prints asynchronous news above the prompt line, keeping what is typed', () => {
    const { ed, term } = setup();
    ed.feed('GET a');
    ed.printAbove('# node went down\r\n');
    expect(term.lines()).toEqual(['# node went down', '127.0.0.1:6379> GET a']);
  });
});

describe('line editor: pasting several lines', () => {
  it('runs pasted lines one after another, each after the previous one finished', async () => {
    const { ed, term, lines, release } = setup({ async: true });
    ed.feed('SET a 1\rINCR n\rGET a\rGET ');
    expect(lines).toEqual(['SET a 1']);
    expect(ed.isBusy).toBe(true);
    await release();
    expect(lines).toEqual(['SET a 1', 'INCR n']);
    await release();
    expect(lines).toEqual(['SET a 1', 'INCR n', 'GET a']);
    await release();
    // The unfinished last line waits at the prompt.
    expect(ed.line).toBe('GET ');
    expect(term.lines()).toEqual([
      '127.0.0.1:6379> SET a 1',
      'ran SET a 1',
      '127.0.0.1:6379> INCR n',
      'ran INCR n',
      '127.0.0.1:6379> GET a',
      'ran GET a',
      '127.0.0.1:6379> GET',
    ]);
  });

  it('treats CRLF and LF line ends of a paste as one Enter each', () => {
    const { ed, lines } = setup();
    ed.feed('PING\r\nECHO x\nDBSIZE\r');
    expect(lines).toEqual(['PING', 'ECHO x', 'DBSIZE']);
  });

  it('queues typing that arrives before start()', () => {
    const term = new FakeTerminal(40);
    const seen: string[] = [];
    const ed = new LineEditor(term, { prompt: () => '> ', history: history(), onLine: (l) => void seen.push(l) });
    ed.feed('PING\r');
    expect(seen).toEqual([]);
    ed.start();
    expect(seen).toEqual(['PING']);
  });
});

describe('line editor: Ctrl-C while a line runs', () => {
  it('hands Ctrl-C to its owner at once, drops what was typed ahead, and keeps what follows', async () => {
    const term = new FakeTerminal(60);
    const lines: string[] = [];
    let release: (() => void) | null = null;
    let interrupts = 0;
    const ed = new LineEditor(term, {
      prompt: () => '127.0.0.1:6379> ',
      history: history(),
      onLine: (l) => {
        lines.push(l);
        return new Promise<void>((r) => (release = r));
      },
      onInterrupt: () => {
        interrupts++;
        // The owner stops waiting: the line's promise settles.
        release?.();
      },
    });
    ed.start();
    ed.feed('DEBUG SLEEP 30\r');
    expect(ed.isBusy).toBe(true);
    let idle = false;
    void ed.idle().then(() => {
      idle = true;
    });
    ed.feed('PING\r'); // typed ahead: lost with the interrupted redis-cli
    ed.feed('\x03GET k');
    expect(interrupts).toBe(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(ed.isBusy).toBe(false);
    // Nothing runs and nothing is queued ("GET k" is being edited on the new prompt).
    expect(idle).toBe(true);
    expect(lines).toEqual(['DEBUG SLEEP 30']);
    expect(term.lines().join('\n')).toContain('127.0.0.1:6379> DEBUG SLEEP 30\n^C\n127.0.0.1:6379> GET k');
  });

  it('idle() resolves once every typed line ran', async () => {
    const term = new FakeTerminal(60);
    const ran: string[] = [];
    const ed = new LineEditor(term, {
      prompt: () => '> ',
      history: history(),
      onLine: async (l) => {
        await Promise.resolve();
        ran.push(l);
      },
    });
    ed.start();
    ed.type('A');
    ed.type('B');
    await ed.idle();
    expect(ran).toEqual(['A', 'B']);
  });
});

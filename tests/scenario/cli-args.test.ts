/**
 * Expected results were checked against redis-cli 7.0.15's interactive prompt (TERM=dumb under
 * `script`), typing `EVAL "return ARGV" 0 <line>` to see the arguments it sent.
 */
import { describe, expect, it } from 'vitest';
import { INVALID_ARGUMENTS, INVALID_REPEAT, parseConsoleLine, splitCliArgs } from '../../src/scenario/cli-args';

const ok = (line: string) => {
  const r = splitCliArgs(line);
  if (!r.ok) throw new Error(`unexpected: ${r.error}`);
  return r.argv;
};

describe('splitCliArgs (verified against redis-cli 7.0.15)', () => {
  const cases: Array<[string, string[] | null]> = [
    ['a b c', ['a', 'b', 'c']],
    ['"a b" c', ['a b', 'c']],
    ["'a b' c", ['a b', 'c']],
    ['"a\\"b"', ['a"b']],
    ["'a\\'b'", ["a'b"]],
    ["'a\\\"b'", ['a\\"b']],
    ['"\\x41\\x4a\\x7a\\xff\\x00z"', ['AJz\xff\x00z']],
    ['"\\xZZ\\x4"', ['xZZx4']],
    ['"\\n\\r\\t\\b\\a\\q\\\\"', ['\n\r\t\b\x07q\\']],
    ['ab"cd ef"', ['abcd ef']],
    ["ab'cd ef'", ['abcd ef']],
    ['"foo"bar', null],
    ["'foo'bar", null],
    ['"unterminated', null],
    ["'unterminated", null],
    ['"a\\"', null],
    ['   lead   trail   ', ['lead', 'trail']],
    ['""', ['']],
    ["'' x", ['', 'x']],
    ['héllo "✓ é"', ['h\xc3\xa9llo', '\xe2\x9c\x93 \xc3\xa9']],
    ['a\tb', ['a', 'b']],
    ['a\x0bb', ['a\x0bb']],
    ['"x"\x0by', ['x', 'y']],
    ['# not a comment', ['#', 'not', 'a', 'comment']],
    ['x#y', ['x#y']],
    ['"a""b"', null],
    ["'it''s'", null],
    ['\\x41', ['\\x41']],
    ['"\\x4"', ['x4']],
    ['a\\ b', ['a\\', 'b']],
  ];
  for (const [line, want] of cases) {
    it(JSON.stringify(line), () => {
      const r = splitCliArgs(line);
      if (want === null) expect(r).toEqual({ ok: false, error: INVALID_ARGUMENTS });
      else expect(r).toEqual({ ok: true, argv: want });
    });
  }

  it('empty and blank lines give no arguments', () => {
    expect(ok('')).toEqual([]);
    expect(ok('  \t ')).toEqual([]);
  });

  it('cuts the line at a NUL, as a C string', () => {
    expect(ok('a b\0c d')).toEqual(['a', 'b']);
  });
});

describe('parseConsoleLine (repeat counts verified against redis-cli 7.0.15)', () => {
  it('plain commands', () => {
    expect(parseConsoleLine('SET k v')).toEqual({ kind: 'command', argv: ['SET', 'k', 'v'], repeat: 1 });
    expect(parseConsoleLine('   ')).toEqual({ kind: 'empty' });
    expect(parseConsoleLine('GET "x')).toEqual({ kind: 'invalid', message: 'Invalid argument(s)' });
  });

  it('repeat counts', () => {
    expect(parseConsoleLine('2 ping')).toEqual({ kind: 'command', argv: ['ping'], repeat: 2 });
    expect(parseConsoleLine('+2 echo a')).toEqual({ kind: 'command', argv: ['echo', 'a'], repeat: 2 });
    expect(parseConsoleLine('" 2" ping')).toEqual({ kind: 'command', argv: ['ping'], repeat: 2 });
    expect(parseConsoleLine('3 incr')).toEqual({ kind: 'command', argv: ['incr'], repeat: 3 });
    // a lone number is a command
    expect(parseConsoleLine('5')).toEqual({ kind: 'command', argv: ['5'], repeat: 1 });
    for (const bad of ['0 ping', '"" ping', '-1 ping', '99999999999999999999 ping']) {
      expect(parseConsoleLine(bad)).toEqual({ kind: 'invalid', message: INVALID_REPEAT });
    }
    expect(INVALID_REPEAT).toBe('Invalid redis-cli repeat command option value.');
  });
});

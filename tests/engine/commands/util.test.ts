/**
 * The shared helpers: Redis's integer and float grammars, its float printing, glob matching and
 * range normalisation. Expected values were checked against redis-server 7.0.15.
 */
import { describe, expect, it } from 'vitest';
import { cstr, eqi } from '../../../src/engine/commands/util/args';
import {
  addLongDouble,
  formatDouble17g,
  formatLongDoubleHuman,
  parseDouble,
  parseDoubleLoose,
  parseLongDouble,
  parseLongDouble40,
} from '../../../src/engine/commands/util/float';
import { globMatch } from '../../../src/engine/commands/util/glob';
import { clampToNumber, parseCursor, parseLL, wrap64 } from '../../../src/engine/commands/util/int';
import { normalizeRange } from '../../../src/engine/commands/util/range';
import { setMembers } from '../../../src/engine/commands/util/set';
import { newSet } from '../../../src/engine/keyspace';

describe('parseLL (string2ll)', () => {
  it('accepts canonical 64-bit integers', () => {
    expect(parseLL('0')).toBe(0n);
    expect(parseLL('-1')).toBe(-1n);
    expect(parseLL('9223372036854775807')).toBe(9223372036854775807n);
    expect(parseLL('-9223372036854775808')).toBe(-9223372036854775808n);
  });
  it('refuses everything else', () => {
    for (const s of [
      '',
      '-',
      '+1',
      ' 1',
      '1 ',
      '01',
      '-0',
      '1.0',
      '9223372036854775808',
      '-9223372036854775809',
      '1e3',
      '0x10',
    ]) {
      expect(parseLL(s), s).toBeNull();
    }
  });
});

describe('small integer helpers', () => {
  it('wrap64 wraps like C', () => {
    expect(wrap64(9223372036854775807n + 1n)).toBe(-9223372036854775808n);
    expect(wrap64(-(-9223372036854775808n))).toBe(-9223372036854775808n);
  });
  it('clampToNumber clamps beyond 2^53', () => {
    expect(clampToNumber(10n)).toBe(10);
    expect(clampToNumber(9223372036854775807n)).toBe(2 ** 53);
    expect(clampToNumber(-9223372036854775808n)).toBe(-(2 ** 53));
  });
  it('parseCursor follows strtoul plus Redis checks', () => {
    expect(parseCursor('')).toBe(0n);
    expect(parseCursor('+5')).toBe(5n);
    expect(parseCursor('007')).toBe(7n);
    expect(parseCursor('-1')).toBe(18446744073709551615n);
    expect(parseCursor('-18446744073709551615')).toBe(1n);
    expect(parseCursor('18446744073709551615')).toBe(18446744073709551615n);
    for (const s of ['-', ' 1', '1 ', '18446744073709551616', '-18446744073709551616', '1x'])
      expect(parseCursor(s), s).toBeNull();
  });
  it('eqi compares like strcasecmp on a C string', () => {
    expect(eqi('NX', 'nx')).toBe(true);
    expect(eqi('nX\0junk', 'nx')).toBe(true);
    expect(eqi('nxx', 'nx')).toBe(false);
    expect(cstr('a\0b')).toBe('a');
  });
});

/** INCRBYFLOAT's arithmetic: parse both, add, print. */
function incrByFloat(a: string, b: string, version: '4.0' | '7.0' = '7.0'): string | null {
  const x = parseLongDouble(a);
  const y = parseLongDouble(b);
  if (x === null || y === null) return null;
  const s = addLongDouble(x, y);
  if (s === 'nan' || s.inf) return 'nan-or-inf';
  return formatLongDoubleHuman(s, version);
}

describe('long double (x87 extended) arithmetic and printing', () => {
  it('adds in 64-bit mantissa precision, printed %.17Lf and trimmed', () => {
    expect(incrByFloat('0.1', '0.2')).toBe('0.3');
    expect(incrByFloat('0', '5.0e3')).toBe('5000');
    expect(incrByFloat('0', '0x10')).toBe('16');
    expect(incrByFloat('0', '0x1p-3')).toBe('0.125');
    expect(incrByFloat('0', '.5')).toBe('0.5');
    expect(incrByFloat('0', '5.')).toBe('5');
    expect(incrByFloat('0', '+1.5')).toBe('1.5');
    expect(incrByFloat('0', '1.5e20')).toBe('150000000000000000000');
    expect(incrByFloat('0', '123456789012345678901234567890')).toBe('123456789012345678899921813504');
    expect(incrByFloat('0', '0.0000000000000000001')).toBe('0');
  });
  it('prints huge values in full', () => {
    const s = incrByFloat('0', '1e400') ?? '';
    expect(s.length).toBe(401);
    expect(s.startsWith('100000000000000000002818806839475865')).toBe(true);
  });
  it('turns -0 into 0 in 7.0 only', () => {
    expect(incrByFloat('-1e-30', '0')).toBe('0');
    expect(incrByFloat('-1e-30', '0', '4.0')).toBe('-0');
    expect(incrByFloat('-0', '-0')).toBe('0');
  });
  it('refuses what string2ld refuses', () => {
    for (const s of ['', ' 1', '1 ', 'nan', 'abc', '1e4933', '1e-4951', '1e-5000', 'x'.repeat(5120)]) {
      expect(parseLongDouble(s), JSON.stringify(s.slice(0, 10))).toBeNull();
    }
  });
  it('keeps denormals and infinities as values', () => {
    expect(incrByFloat('0', '3.6e-4951')).toBe('0');
    expect(incrByFloat('0', '1e-4950')).toBe('0');
    expect(incrByFloat('0', 'inf')).toBe('nan-or-inf');
    expect(incrByFloat('inf', '-inf')).toBe('nan-or-inf');
  });
  it('4.0 string2ld: 256-byte cap, stops at NUL, empty is 0', () => {
    expect(parseLongDouble40('')).not.toBeNull();
    expect(formatLongDoubleHuman(parseLongDouble40('2.5\0junk')!, '4.0')).toBe('2.5');
    expect(parseLongDouble40('1'.repeat(256))).toBeNull();
    expect(parseLongDouble40(' 1')).toBeNull();
  });
});

describe('doubles (sorted-set scores)', () => {
  it('parseDouble is string2d', () => {
    expect(parseDouble('1.5')).toBe(1.5);
    expect(parseDouble('-inf')).toBe(Number.NEGATIVE_INFINITY);
    expect(parseDouble('0x1p-1074')).toBe(5e-324);
    expect(Object.is(parseDouble('-0'), -0)).toBe(true);
    for (const s of ['', ' 1', '1 ', 'nan', '2e-324', '1e309', '1\0'])
      expect(parseDouble(s), JSON.stringify(s)).toBeNull();
  });
  it('parseDoubleLoose is bare strtod for range bounds', () => {
    expect(parseDoubleLoose('')).toBe(0);
    expect(parseDoubleLoose(' 1')).toBe(1);
    expect(parseDoubleLoose('1e400')).toBe(Number.POSITIVE_INFINITY);
    expect(parseDoubleLoose('1\0x')).toBe(1);
    expect(parseDoubleLoose(' ')).toBeNull();
    expect(parseDoubleLoose('1 ')).toBeNull();
    expect(parseDoubleLoose('nan')).toBeNull();
  });
  it('formatDouble17g prints like glibc %.17g', () => {
    const cases: [number, string][] = [
      [1e17, '1e+17'],
      [0.1, '0.10000000000000001'],
      [1 / 3, '0.33333333333333331'],
      // Exactly 123456789012345.125, a tie at 17 digits: glibc rounds half-to-even, JS's toPrecision up.
      [123456789012345 + 0.125, '123456789012345.12'],
      [1e-5, '1.0000000000000001e-05'],
      [1e-4, '0.0001'],
      [1.5, '1.5'],
      [-2.5e300, '-2.5000000000000001e+300'],
      [5e-324, '4.9406564584124654e-324'],
      [1e16, '10000000000000000'],
      [1000000000000000.5, '1000000000000000.5'],
      [-0, '-0'],
      [0, '0'],
      [Number.POSITIVE_INFINITY, 'inf'],
      [Number.NEGATIVE_INFINITY, '-inf'],
    ];
    for (const [x, s] of cases) expect(formatDouble17g(x), String(x)).toBe(s);
  });
});

describe('globMatch (stringmatchlen)', () => {
  it('handles *, ?, classes, ranges, negation and escapes', () => {
    expect(globMatch('*', 'abc')).toBe(true);
    // The matcher itself never matches an empty string (KEYS and SCAN special-case a lone '*').
    expect(globMatch('*', '')).toBe(false);
    expect(globMatch('h?llo', 'hello')).toBe(true);
    expect(globMatch('h?llo', 'hllo')).toBe(false);
    expect(globMatch('h*llo', 'heeeello')).toBe(true);
    expect(globMatch('h[ae]llo', 'hallo')).toBe(true);
    expect(globMatch('h[^e]llo', 'hello')).toBe(false);
    expect(globMatch('h[a-b]llo', 'hbllo')).toBe(true);
    expect(globMatch('h[b-a]llo', 'hbllo')).toBe(true);
    expect(globMatch('h\\*llo', 'h*llo')).toBe(true);
    expect(globMatch('h\\*llo', 'hello')).toBe(false);
    expect(globMatch('a*b*c', 'axxbyyc')).toBe(true);
    expect(globMatch('a*b*c', 'axxbyy')).toBe(false);
  });
  it('keeps the C quirks', () => {
    // An unterminated class matches its members to the end of the pattern.
    expect(globMatch('[ab', 'a')).toBe(true);
    // Bytes compare as signed chars: 0xff is -1, so [\xff-a] spans -1..97 and [a-\xff] swaps to the same.
    expect(globMatch('[\xff-a]', '\x00')).toBe(true);
    expect(globMatch('[a-\xff]', 'b')).toBe(false);
    // A trailing backslash is literal.
    expect(globMatch('a\\', 'a\\')).toBe(true);
  });
});

describe('normalizeRange', () => {
  it('clamps and converts negative indexes', () => {
    expect(normalizeRange(0, -1, 5)).toEqual([0, 4]);
    expect(normalizeRange(-2, -1, 5)).toEqual([3, 4]);
    expect(normalizeRange(-100, 100, 5)).toEqual([0, 4]);
    expect(normalizeRange(3, 1, 5)).toBeNull();
    expect(normalizeRange(5, 10, 5)).toBeNull();
    expect(normalizeRange(0, -6, 5)).toBeNull();
  });
});

describe('setMembers order', () => {
  it('lists a small all-integer set numerically (intset order)', () => {
    const s = newSet();
    for (const m of ['3', '1', '2', '-5', '10']) s.set.add(m);
    expect(setMembers(s)).toEqual(['-5', '1', '2', '3', '10']);
  });
  it('keeps insertion order otherwise', () => {
    const s = newSet();
    for (const m of ['3', 'a', '1']) s.set.add(m);
    expect(setMembers(s)).toEqual(['3', 'a', '1']);
  });
});

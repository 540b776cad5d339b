/**
 * The counters' number fast path (parseSmallInt, and INCR/DECR/INCRBY/DECRBY adding short values
 * as doubles) gives exactly what the 64-bit BigInt rules give: the same accepted strings and
 * values, the same replies (including both error texts), the same stored strings, for values on
 * both sides of the 15-digit boundary and near the 64-bit limits, in both dialects.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { counterString, parseLL, parseSmallInt } from '../../src/engine/commands/util/int';
import { error, int, type Reply } from '../../src/engine/resp';
import { FakeServer } from './commands/fake-ctx';

const MAX = 2n ** 63n - 1n;
const MIN = -(2n ** 63n);

/** string2ll as a regular expression and BigInt, independent of the engine's code. */
function refParse(s: string): bigint | null {
  if (s.length === 0 || s.length >= 21 || !/^(0|-?[1-9][0-9]*)$/.test(s)) return null;
  const v = BigInt(s);
  return v > MAX || v < MIN ? null : v;
}

/** Integers around the interesting boundaries, as decimal strings. */
const edgeInts = fc
  .oneof(
    fc.bigInt({ min: -(10n ** 15n) - 10n, max: 10n ** 15n + 10n }),
    fc.bigInt({ min: MIN, max: MAX }),
    fc.constantFrom(0n, 1n, -1n, 10n ** 15n - 1n, 10n ** 15n, -(10n ** 15n) + 1n, -(10n ** 15n), MAX, MIN, MAX - 1n),
    // Just past the fast path: 16 and 17 digits, around 2^53 and 10^16 (inexact as doubles).
    fc.bigInt({ min: 2n ** 53n - 10n, max: 2n ** 53n + 10n }),
    fc.bigInt({ min: 10n ** 16n - 10n, max: 10n ** 16n + 10n }),
    fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }),
    fc.bigInt({ min: MAX - 5n, max: MAX + 5n }),
    fc.bigInt({ min: MIN - 5n, max: MIN + 5n }),
  )
  .map(String);

/** Strings a counter may hold or an increment may be: integers, near-integers and junk. */
const counterText = fc.oneof(
  edgeInts,
  edgeInts.map((s) => `0${s}`),
  edgeInts.map((s) => `+${s}`),
  edgeInts.map((s) => ` ${s}`),
  edgeInts.map((s) => `${s} `),
  edgeInts.map((s) => `${s}.0`),
  fc.constantFrom(
    '',
    '-',
    '-0',
    '00',
    '0',
    '+0',
    '1e3',
    '0x10',
    '\u0661',
    '99999999999999999999',
    '123456789012345678901',
  ),
  fc.stringMatching(/^-?[0-9]{0,22}$/),
  fc.string({ maxLength: 6 }),
);

describe('parseSmallInt', () => {
  it('is NaN or parseLL, and a number for every integer of at most 15 digits', () => {
    fc.assert(
      fc.property(counterText, (s) => {
        const want = refParse(s);
        expect(parseLL(s)).toBe(want);
        const got = parseSmallInt(s);
        if (Number.isNaN(got)) {
          expect(want === null || s.replace('-', '').length > 15).toBe(true);
        } else {
          expect(want).not.toBeNull();
          expect(BigInt(got)).toBe(want);
          expect(Object.is(got, -0)).toBe(false);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

/** INCRBY's reply and the stored value by the 64-bit rules, independent of the engine's code. */
function refIncrBy(stored: string | undefined, incr: bigint): { reply: Reply; stored: string | undefined } {
  const cur = stored === undefined ? 0n : refParse(stored);
  if (cur === null) return { reply: error('ERR value is not an integer or out of range'), stored };
  const next = cur + incr;
  if (next > MAX || next < MIN) return { reply: error('ERR increment or decrement would overflow'), stored };
  const n = next >= -(2n ** 53n) && next <= 2n ** 53n ? Number(next) : next;
  return { reply: int(n), stored: String(next) };
}

describe('counterString', () => {
  it('spells every counter as String does, shared table or not', () => {
    // Twice over the shared range (filled on the first pass, read on the second) and past it.
    for (let pass = 0; pass < 2; pass++) {
      for (let n = -20; n <= 10_020; n++) expect(counterString(n)).toBe(String(n));
    }
    for (const n of [2 ** 53 - 1, -(2 ** 53) + 1, 999_999_999_999_999]) expect(counterString(n)).toBe(String(n));
  });
});

describe('INCR, DECR, INCRBY, DECRBY', () => {
  it('reply and store what the 64-bit rules give, on either side of the fast path', () => {
    fc.assert(
      fc.property(
        fc.option(counterText, { nil: undefined }),
        counterText,
        fc.constantFrom('INCR', 'DECR', 'INCRBY', 'DECRBY'),
        fc.constantFrom('7.0', '4.0') as fc.Arbitrary<'7.0' | '4.0'>,
        (stored, arg, cmd, version) => {
          const s = new FakeServer({ version });
          if (stored !== undefined) s.run('SET', 'k', stored);
          const argv = cmd === 'INCR' || cmd === 'DECR' ? [cmd, 'k'] : [cmd, 'k', arg];
          const got = s.run(...argv);
          let want: { reply: Reply; stored: string | undefined };
          if (cmd === 'INCR' || cmd === 'DECR') {
            want = refIncrBy(stored, cmd === 'INCR' ? 1n : -1n);
          } else {
            const by = refParse(arg);
            if (by === null) want = { reply: error('ERR value is not an integer or out of range'), stored };
            else if (cmd === 'DECRBY' && by === MIN && version === '7.0') {
              want = { reply: error('ERR decrement would overflow'), stored };
            } else want = refIncrBy(stored, cmd === 'INCRBY' ? by : BigInt.asIntN(64, -by));
          }
          expect(got.reply).toEqual(want.reply);
          if (got.reply.t === 'int') expect(Object.is(got.reply.n, -0)).toBe(false);
          expect(s.db.dict.get('k')).toBe(want.stored);
          expect(got.dirty).toBe(want.reply.t === 'int' ? 1 : 0);
        },
      ),
      { numRuns: 4000 },
    );
  });
});

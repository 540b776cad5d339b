/**
 * The request decoder against what redis-server 7.0.15 does with the same bytes (each expectation
 * was checked on a real server over a raw socket): strict length headers, the byte after a CR
 * skipped whatever it is, a NUL ending the search for a line's end, counts up to INT_MAX with
 * nothing sized by them, and parsing that costs the same however the bytes are split.
 */
import { describe, expect, it } from 'vitest';
import { RespDecoder } from '../../../src/engine';
import { bytesFromBin } from '../../../src/lib';

type Out = string[] | { error: string } | null;

/** Every command (or the error) the decoder finds in `input`, fed in pieces of `chunk` bytes. */
function decodeAll(input: string, chunk = input.length, dec = new RespDecoder()): Out[] {
  const out: Out[] = [];
  const bytes = bytesFromBin(input);
  for (let i = 0; i < bytes.length; i += Math.max(chunk, 1)) {
    dec.push(bytes.subarray(i, i + chunk));
    for (;;) {
      const d = dec.next();
      if (d === null) break;
      if ('error' in d) {
        out.push({ error: d.error });
        return out;
      }
      out.push([...d.argv]);
    }
  }
  return out;
}

describe('request decoder', () => {
  it('skips the byte after each CR whatever it is, as real Redis does', () => {
    expect(decodeAll('*1\r\n$4\r\nPINGxy*1\r\n$4\r\nPING\r\n')).toEqual([['PING'], ['PING']]);
    expect(decodeAll('*1\rX$4\rXPING\r\n')).toEqual([['PING']]);
  });

  it('refuses length headers string2ll refuses', () => {
    for (const h of ['$-0', '$04', '$+4', '$', '$1 ', '$-1']) {
      expect(decodeAll(`*1\r\n${h}\r\nPING\r\n`)).toEqual([{ error: 'Protocol error: invalid bulk length' }]);
    }
    for (const h of ['*-0', '*01', '*+1', '*', '*1 ', '*2147483648']) {
      expect(decodeAll(`${h}\r\n`)).toEqual([{ error: 'Protocol error: invalid multibulk length' }]);
    }
    expect(decodeAll('*1\r\n$536870913\r\n')).toEqual([{ error: 'Protocol error: invalid bulk length' }]);
    expect(decodeAll('*1\r\nX4\r\n')).toEqual([{ error: "Protocol error: expected '$', got 'X'" }]);
    expect(decodeAll('"abc\r\n')).toEqual([{ error: 'Protocol error: unbalanced quotes in request' }]);
  });

  it('takes a count up to INT_MAX and waits for the arguments without sizing anything by it', () => {
    const dec = new RespDecoder();
    expect(decodeAll('*2147483647\r\n$4\r\nPING\r\n', 3, dec)).toEqual([]);
    expect(dec.pending).toBe(23);
    // Non-positive counts are empty commands, skipped.
    expect(decodeAll('*-1\r\nPING\r\n*-5\r\n*0\r\nPING\r\n')).toEqual([[], ['PING'], [], [], ['PING']]);
  });

  it('never finds the end of a line that has a NUL before it (strchr stops there)', () => {
    for (const input of ['PI\0NG\r\n', 'ECHO a\0b\r\nPING\r\n', '\0PING\r\n', '*1\r\n$4\0\r\nPING\r\n', '*\0\r\n']) {
      const dec = new RespDecoder();
      expect(decodeAll(input, 2, dec)).toEqual([]);
      expect(decodeAll('PING\r\n', 6, dec)).toEqual([]);
    }
    // Until the line passes 64 KB: then the too-big errors.
    expect(decodeAll(`PI\0NG\r\n${'x'.repeat(70000)}`)).toEqual([{ error: 'Protocol error: too big inline request' }]);
    expect(decodeAll(`*1\r\n$4\0\r\nPING\r\n${'x'.repeat(70000)}`)).toEqual([
      { error: 'Protocol error: too big bulk count string' },
    ]);
    // A NUL inside a bulk is data.
    expect(decodeAll('*2\r\n$4\r\nECHO\r\n$3\r\na\0b\r\n')).toEqual([['ECHO', 'a\0b']]);
  });

  it('needs the byte after a CR before it reads a header', () => {
    expect(decodeAll('*1\r')).toEqual([]);
    expect(decodeAll('*1\r\n$4\r')).toEqual([]);
    expect(decodeAll('*1\n$4\nPING\n')).toEqual([]);
    expect(decodeAll('\r\n\r\nping\r\n')).toEqual([[], [], ['ping']]);
  });

  it('gives the same commands however the bytes are split', () => {
    const input =
      '*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhello\r\nPING\r\n*1\r\n$4\r\nPINGxy*2\r\n$4\r\nECHO\r\n$0\r\n\r\nset a "b c"\n';
    const whole = decodeAll(input);
    expect(whole).toEqual([['SET', 'k', 'hello'], ['PING'], ['PING'], ['ECHO', ''], ['set', 'a', 'b c']]);
    for (let chunk = 1; chunk < 12; chunk++) expect(decodeAll(input, chunk)).toEqual(whole);
  });

  it('marks as canonical only what encodeCommand would write byte for byte', () => {
    const dec = new RespDecoder();
    dec.push(bytesFromBin('*1\r\n$4\r\nPING\r\n*1\r\n$4\r\nPINGxy'));
    dec.next();
    expect(dec.canonical).toBe(true);
    dec.next();
    expect(dec.canonical).toBe(false);
  });

  it('does work linear in the bytes received: 200,000 arguments in 1 KB chunks', () => {
    const n = 200_000;
    const parts = [`*${n}\r\n`];
    for (let i = 0; i < n; i++) parts.push(`$${String(i).length}\r\n${i}\r\n`);
    const bytes = bytesFromBin(parts.join(''));
    const measure = (chunk: number) => {
      const dec = new RespDecoder();
      let got = 0;
      for (let i = 0; i < bytes.length; i += chunk) {
        dec.push(bytes.subarray(i, i + chunk));
        const d = dec.next();
        if (d !== null && !('error' in d)) got = d.argv.length;
      }
      expect(got).toBe(n);
      return dec.work;
    };
    const whole = measure(bytes.length);
    const chunked = measure(1024);
    const tiny = measure(7);
    // Each byte is scanned or copied a bounded number of times (buffer growth doubles).
    expect(whole).toBeLessThan(3 * bytes.length);
    expect(chunked).toBeLessThan(4 * bytes.length);
    expect(tiny).toBeLessThan(4 * bytes.length);
  });
});

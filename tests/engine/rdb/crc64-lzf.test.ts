import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Crc64, crc64, LzfError, lzfCompress, lzfCompressInto, lzfDecompress } from '../../../src/engine/rdb';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const unhex = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (x) => Number.parseInt(x, 16));

describe('crc64 (Jones)', () => {
  it('has the standard check value', () => {
    expect(crc64(ascii('123456789'))).toBe(0xe9c6d914c4b8d9can);
  });

  it('is 0 for no input', () => {
    expect(crc64(new Uint8Array(0))).toBe(0n);
  });

  it('matches a bit-by-bit reference, also when fed in pieces', () => {
    const reflected = 0x95ac9329ac4bc9b5n; // 0xad93d23594c935a9 bit-reversed
    const slow = (data: Uint8Array) => {
      let crc = 0n;
      for (const b of data) {
        crc ^= BigInt(b);
        for (let k = 0; k < 8; k++) crc = crc & 1n ? (crc >> 1n) ^ reflected : crc >> 1n;
      }
      return crc;
    };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(200), (data, cut) => {
        const at = Math.min(cut, data.length);
        const inc = new Crc64().update(data, 0, at).update(data, at);
        expect(inc.value()).toBe(slow(data));
        expect(crc64(data)).toBe(slow(data));
      }),
      { numRuns: 200 },
    );
  });

  it('reads views into a bigger buffer at their own offset', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 100 }), fc.nat(99), (data, k) => {
        const at = k % data.length;
        const view = data.subarray(at);
        expect(crc64(view)).toBe(crc64(Uint8Array.from(view)));
      }),
      { numRuns: 200 },
    );
  });

  it('writes the register little-endian', () => {
    const out = new Uint8Array(8);
    new Crc64().update(ascii('123456789')).writeLE(out, 0);
    expect(hex(out)).toBe('cad9b8c414d9c6e9');
  });
});

describe('lzf', () => {
  // Outputs of liblzf as built into Redis 7.0.15 (lzf_compress with out_len = len - 4).
  const vectors: [string, string][] = [
    ['abcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabc', '0361626361e02d02016263'],
    ['a'.repeat(300), '016161e0ff00e01700016161'],
    [
      'The quick brown fox jumps over the lazy dog. The quick brown fox jumps over the lazy dog! 0123456789 0123456789',
      '1f54686520717569636b2062726f776e20666f78206a756d7073206f7665722074201e0a6c617a7920646f672e2054200de01e2c0b212030313233343536373839e0000a013839',
    ],
  ];

  it.each(vectors)('compresses like liblzf: %s', (input, expected) => {
    const data = ascii(input);
    const out = lzfCompress(data, data.length - 4);
    expect(out && hex(out)).toBe(expected);
    expect(hex(lzfDecompress(unhex(expected), data.length))).toBe(hex(data));
  });

  it('gives up when the output would not fit', () => {
    const random = Uint8Array.from({ length: 100 }, (_, i) => (i * 7919 + 13) % 251);
    expect(lzfCompress(random, random.length - 4)).toBeNull();
    const out = new Uint8Array(200);
    expect(lzfCompressInto(random, 0, random.length, out, 0, 96)).toBe(0);
  });

  it('round-trips random data', () => {
    const bytes = fc.uint8Array({ minLength: 1, maxLength: 3000 });
    // Repetitive data: short random pieces glued together, so matches of all lengths occur.
    const repetitive = fc
      .array(fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 40 })), {
        minLength: 1,
        maxLength: 60,
      })
      .map((parts) => {
        const out: number[] = [];
        for (const [piece, times] of parts) for (let t = 0; t < times; t++) out.push(...piece);
        return Uint8Array.from(out);
      });
    fc.assert(
      fc.property(fc.oneof(bytes, repetitive), (data) => {
        const c = lzfCompress(data);
        expect(c).not.toBeNull();
        expect(hex(lzfDecompress(c!, data.length))).toBe(hex(data));
      }),
      { numRuns: 300 },
    );
  });

  it('compresses long inputs with far references', () => {
    const data = new Uint8Array(200_000);
    for (let i = 0; i < data.length; i++) data[i] = i < 5000 ? (i * 31) & 0xff : data[i - 4999 + ((i >> 9) % 3)];
    const c = lzfCompress(data)!;
    expect(c.length).toBeLessThan(data.length / 10);
    const back = lzfDecompress(c, data.length);
    expect(back.every((b, i) => b === data[i])).toBe(true);
  });

  it('rejects malformed input', () => {
    expect(() => lzfDecompress(unhex('0361626361e02d02016263'), 59)).toThrow(LzfError); // wrong size
    expect(() => lzfDecompress(unhex('0361626361e02d02016263'), 61)).toThrow(LzfError);
    expect(() => lzfDecompress(unhex('056162'), 6)).toThrow(LzfError); // literal run past the end
    expect(() => lzfDecompress(unhex('20ff'), 3)).toThrow(LzfError); // reference before the start
    expect(() => lzfDecompress(unhex('00612005'), 3)).toThrow(LzfError);
  });
});

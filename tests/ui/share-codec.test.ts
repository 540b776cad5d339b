/**
 * The share link's fragment codec: a round trip, and everything a stranger's fragment may hold —
 * damaged base64url, data that does not inflate, a decompression bomb, JSON of the wrong shape, a
 * script that does not parse or names nodes the page cannot have, control characters — comes
 * back as a plain sentence, never an exception.
 */

import fc from 'fast-check';
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  checkScript,
  decodeShare,
  encodeShare,
  FRAGMENT_PREFIX,
  fromBase64Url,
  isShareFragment,
  MAX_FRAGMENT_CHARS,
  toBase64Url,
} from '../../src/ui/share/codec';

const SCN = 'redis 7.0\nnodes 6379 6380\n6380> SLAVEOF 127.0.0.1 6379\nsleep 1500\n6379> SET k "a b"\n';
const frag = (obj: unknown) => FRAGMENT_PREFIX + toBase64Url(deflateSync(strToU8(JSON.stringify(obj))));

describe('base64url', () => {
  it('round-trips any bytes, without padding or +/', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(fromBase64Url(text)).toEqual(bytes);
      }),
    );
  });
  it('refuses characters outside the alphabet and impossible lengths', () => {
    expect(fromBase64Url('ab+c')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull();
    expect(fromBase64Url('<img>')).toBeNull();
  });
});

describe('share fragment', () => {
  it('round-trips a session and its seed', () => {
    const f = encodeShare({ scn: SCN, seed: 12345 });
    expect(f.startsWith('#rp1=')).toBe(true);
    const r = decodeShare(f);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.payload).toEqual({ scn: SCN, seed: 12345 });
    expect(r.scenario.nodes.map((n) => n.port)).toEqual([6379, 6380]);
  });

  it('keeps a long session short', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `6379> SET key:${i} value:${i}\nsleep 16`);
    const f = encodeShare({ scn: `nodes 6379\n${lines.join('\n')}\n`, seed: 1 });
    expect(f.length).toBeLessThan(8000);
    expect(decodeShare(f).ok).toBe(true);
  });

  const bad: [string, string, RegExp][] = [
    ['another fragment', '#section-2', /holds no playground session/],
    ['not base64url', '#rp1=<script>alert(1)</script>', /not base64url/],
    ['not deflate', `#rp1=${toBase64Url(strToU8('plain text, not deflated'))}`, /does not decompress/],
    ['not JSON', `#rp1=${toBase64Url(deflateSync(strToU8('{nope')))}`, /not JSON/],
    ['another version', frag({ v: 2, seed: 1, scn: SCN }), /another version/],
    ['no script', frag({ v: 1, seed: 1 }), /no session/],
    ['a bad seed', frag({ v: 1, seed: 'javascript:alert(1)', scn: SCN }), /seed/],
    ['a script that does not parse', frag({ v: 1, seed: 1, scn: '<img src=x onerror=alert(1)>' }), /line 1: /],
    ['a foreign host', frag({ v: 1, seed: 1, scn: 'nodes 10.0.0.1:6379\n' }), /127\.0\.0\.1/],
    ['a control character', frag({ v: 1, seed: 1, scn: 'nodes 6379\n6379> SET k \u001b[2J\n' }), /line 2: a control/],
    [
      'too many nodes',
      frag({ v: 1, seed: 1, scn: `nodes ${Array.from({ length: 33 }, (_, i) => 7000 + i).join(' ')}\n` }),
      /at most 32/,
    ],
    ['too long', `#rp1=${'A'.repeat(MAX_FRAGMENT_CHARS + 4)}`, /too long/],
  ];
  for (const [what, f, message] of bad) {
    it(`refuses ${what} with a sentence`, () => {
      const r = decodeShare(f);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.message).toMatch(message);
    });
  }

  it('refuses a decompression bomb without inflating it whole', () => {
    const bomb = deflateSync(new Uint8Array(20 * 1024 * 1024).fill(32), { level: 9 });
    const r = decodeShare(FRAGMENT_PREFIX + toBase64Url(bomb));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/too much data/);
  });

  it('never throws on random fragments', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const r = decodeShare(FRAGMENT_PREFIX + s);
        expect(typeof r.ok).toBe('boolean');
      }),
    );
  });

  it('markup in a script is data: it parses as a command typed as text', () => {
    const r = checkScript('nodes 6379\n6379> SET k "<img src=x onerror=alert(1)>"\n');
    expect(r.ok).toBe(true);
  });
});

describe('share targets (a <redis-playground> element: #rp1-TARGET=…)', () => {
  const p = { seed: 7, scn: SCN };

  it('round-trips for its target only; the page and other targets ignore it', () => {
    const frag = encodeShare(p, 'two');
    expect(frag.startsWith('#rp1-two=')).toBe(true);
    expect(isShareFragment(frag, 'two')).toBe(true);
    expect(isShareFragment(frag)).toBe(false);
    expect(isShareFragment(frag, 'one')).toBe(false);
    const r = decodeShare(frag, 'two');
    expect(r.ok && r.payload).toEqual(p);
    expect(isShareFragment(encodeShare(p), 'two')).toBe(false);
  });
});

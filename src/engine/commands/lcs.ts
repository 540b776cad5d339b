// LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN]
import { array, bulk, ERR, error, int, map, type Reply } from '../resp';
import type { Command } from './types';
import { eqi } from './util/args';
import { parseLL } from './util/int';
import { MAX_STRING } from './util/string';
import { isString } from './util/types';

/**
 * LCS: the longest common subsequence of two strings (missing keys are empty), by the classic
 * dynamic-programming table; with LEN its length, with IDX the matching ranges walked back from
 * the end as Redis walks them (MINMATCHLEN filters short ones, WITHMATCHLEN adds their length).
 */
export const lcsCommand: Command = {
  name: 'lcs',
  arity: -3,
  flags: ['readonly'],
  versions: ['7.0'],
  acl: ['string'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [1, 1, 0] }],
  args: [
    { name: 'key1', type: 'key', keySpec: 0 },
    { name: 'key2', type: 'key', keySpec: 0 },
    { name: 'len', type: 'pure-token', token: 'LEN', optional: true },
    { name: 'idx', type: 'pure-token', token: 'IDX', optional: true },
    { name: 'len', type: 'integer', token: 'MINMATCHLEN', optional: true },
    { name: 'withmatchlen', type: 'pure-token', token: 'WITHMATCHLEN', optional: true },
  ],
  docs: { complexity: 'O(N*M) where N and M are the lengths of s1 and s2, respectively' },
  run(ctx) {
    const argv = ctx.argv;
    const oa = ctx.lookupRead(argv[1]);
    const ob = ctx.lookupRead(argv[2]);
    if ((oa !== undefined && !isString(oa)) || (ob !== undefined && !isString(ob))) {
      return error('ERR The specified keys must contain string values');
    }
    const a = oa ?? '';
    const b = ob ?? '';
    let getlen = false;
    let getidx = false;
    let withmatchlen = false;
    let minmatchlen = 0n;
    for (let j = 3; j < argv.length; j++) {
      const opt = argv[j];
      if (eqi(opt, 'idx')) getidx = true;
      else if (eqi(opt, 'len')) getlen = true;
      else if (eqi(opt, 'withmatchlen')) withmatchlen = true;
      else if (eqi(opt, 'minmatchlen') && j < argv.length - 1) {
        const v = parseLL(argv[++j]);
        if (v === null) return ERR.notInteger;
        minmatchlen = v < 0n ? 0n : v;
      } else return ERR.syntax;
    }
    if (getlen && getidx) return error('ERR If you want both the length and indexes, please just use IDX.');
    const alen = a.length;
    const blen = b.length;
    if ((alen + 1) * (blen + 1) * 4 > MAX_STRING) {
      return error('ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len');
    }
    const w = blen + 1;
    const t = new Uint32Array((alen + 1) * w);
    for (let i = 1; i <= alen; i++) {
      for (let j = 1; j <= blen; j++) {
        t[i * w + j] =
          a.charCodeAt(i - 1) === b.charCodeAt(j - 1)
            ? t[(i - 1) * w + j - 1] + 1
            : Math.max(t[(i - 1) * w + j], t[i * w + j - 1]);
      }
    }
    const total = t[alen * w + blen];
    if (getlen) return int(total);
    const result: string[] = [];
    const matches: Reply[] = [];
    // The range being tracked; aStart === alen means none.
    let aStart = alen;
    let aEnd = 0;
    let bStart = 0;
    let bEnd = 0;
    let i = alen;
    let j = blen;
    while (i > 0 && j > 0) {
      let emit = false;
      if (a.charCodeAt(i - 1) === b.charCodeAt(j - 1)) {
        result.push(a[i - 1]);
        if (aStart === alen) {
          aStart = aEnd = i - 1;
          bStart = bEnd = j - 1;
        } else if (aStart === i && bStart === j) {
          aStart--;
          bStart--;
        } else emit = true;
        if (aStart === 0 || bStart === 0) emit = true;
        i--;
        j--;
      } else {
        if (t[(i - 1) * w + j] > t[i * w + j - 1]) i--;
        else j--;
        if (aStart !== alen) emit = true;
      }
      if (emit) {
        const len = aEnd - aStart + 1;
        if (getidx && (minmatchlen === 0n || BigInt(len) >= minmatchlen)) {
          const m = [array([int(aStart), int(aEnd)]), array([int(bStart), int(bEnd)])];
          if (withmatchlen) m.push(int(len));
          matches.push(array(m));
        }
        aStart = alen;
      }
    }
    // A map in RESP3 (addReplyMapLen).
    if (getidx) return map([bulk('matches'), array(matches), bulk('len'), int(total)]);
    return bulk(result.reverse().join(''));
  },
};

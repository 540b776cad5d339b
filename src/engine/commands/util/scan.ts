/**
 * HSCAN / SSCAN / ZSCAN (db.c scanGenericCommand on a hash, a set or a sorted set): the cursor and the MATCH / COUNT
 * options as Redis parses them, and the walk. A compact encoding (a listpack hash, an intset
 * set) is returned whole in one call with cursor 0, as Redis does; a hashtable is walked in
 * the order of a 32-bit hash of each element, the cursor being the next hash to visit, so an
 * element present for the whole iteration is returned however the collection changes (Redis's
 * own order comes from a per-process random seed, and never reproduced from run to run).
 */
import { array, bulk, bulkArray, ERR, error, type Reply } from '../../resp';
import type { Ctx } from '../types';
import { eqi } from './args';
import { globMatch } from './glob';
import { clampToNumber, parseCursor, parseLL } from './int';

/** FNV-1a over the element's bytes. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The SCAN of one collection: `elements` in the order a compact encoding keeps them, `pairs`
 * true for a hash (each element is followed by its value in the reply, found by `valueFor`).
 */
export function scanCollection(
  ctx: Ctx,
  elements: readonly string[],
  compact: boolean,
  valueFor: ((e: string) => string) | null,
): Reply {
  const argv = ctx.argv;
  const cursor = parseCursor(argv[2]);
  if (cursor === null) return error('ERR invalid cursor');
  let count = 10;
  let pattern: string | null = null;
  for (let i = 3; i < argv.length; i += 2) {
    if (eqi(argv[i], 'count') && i + 1 < argv.length) {
      const v = parseLL(argv[i + 1]);
      if (v === null) return ERR.notInteger;
      if (v < 1n) return ERR.syntax;
      count = clampToNumber(v);
    } else if (eqi(argv[i], 'match') && i + 1 < argv.length) {
      pattern = argv[i + 1] === '*' ? null : argv[i + 1];
    } else return ERR.syntax;
  }
  let picked: readonly string[];
  let next = 0n;
  if (compact) picked = elements;
  else {
    const sorted = elements.map((e) => [hash32(e), e] as const).sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
    const out: string[] = [];
    let pos = 0;
    while (pos < sorted.length && BigInt(sorted[pos][0]) < cursor) pos++;
    while (pos < sorted.length) {
      const h = sorted[pos][0];
      if (out.length >= count) {
        next = BigInt(h);
        break;
      }
      while (pos < sorted.length && sorted[pos][0] === h) out.push(sorted[pos++][1]);
    }
    picked = cursor > 0xffffffffn ? [] : out;
  }
  const items: string[] = [];
  for (const e of picked) {
    if (pattern !== null && !globMatch(pattern, e)) continue;
    items.push(e);
    if (valueFor !== null) items.push(valueFor(e));
  }
  return array([bulk(next.toString()), bulkArray(items)]);
}

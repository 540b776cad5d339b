// SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]
import type { RValue } from '../keyspace';
import { typeOf } from '../keyspace';
import { array, bulk, bulkArray, ERR, error } from '../resp';
import type { Command } from './types';
import { eqi } from './util/args';
import { globMatch } from './util/glob';
import { clampToNumber, parseCursor, parseLL } from './util/int';

/**
 * Keys ordered by a 32-bit hash, the cursor being the next hash to visit. Like Redis's
 * reverse-binary dict cursor this keeps SCAN's promise: a key present for the whole iteration
 * is returned, however keys come and go meanwhile, because positions never shift. Real Redis
 * seeds its hash randomly per process, so its cursors and order were never reproducible anyway.
 */
interface ScanIndex {
  readonly hashes: Uint32Array;
  readonly keys: string[];
}

// One index per db dict, rebuilt when a scan starts over (cursor 0) or none exists yet; a stale
// index only misses keys added since, which SCAN is allowed to miss.
const indexes = new WeakMap<Map<string, RValue>, ScanIndex>();

/** FNV-1a over the key's bytes. */
function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function buildIndex(dict: Map<string, RValue>): ScanIndex {
  const entries: [number, string][] = [];
  for (const k of dict.keys()) entries.push([hashKey(k), k]);
  entries.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const idx: ScanIndex = { hashes: Uint32Array.from(entries, (e) => e[0]), keys: entries.map((e) => e[1]) };
  indexes.set(dict, idx);
  return idx;
}

/** First position whose hash is >= h. */
function lowerBound(hashes: Uint32Array, h: number): number {
  let lo = 0;
  let hi = hashes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (hashes[mid] < h) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * SCAN: up to COUNT keys per call (all keys sharing a hash come together, as a Redis bucket
 * does), then MATCH, TYPE and expiry filtering, so a call may return fewer, even none, before
 * the cursor comes back to 0. Due keys met on the way are expired the regular way.
 */
export const scanCommand: Command = {
  name: 'scan',
  arity: -2,
  flags: ['readonly', 'touches-arbitrary-keys'],
  flags40: ['readonly', 'random'],
  acl: ['keyspace'],
  tips: ['nondeterministic_output', 'request_policy:special'],
  args: [
    { name: 'cursor', type: 'integer' },
    { name: 'pattern', type: 'pattern', token: 'MATCH', optional: true },
    { name: 'count', type: 'integer', token: 'COUNT', optional: true },
    { name: 'type', type: 'string', token: 'TYPE', since: '6.0.0', optional: true },
  ],
  docs: {
    complexity:
      'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.',
    history: [['6.0.0', 'Added the `TYPE` subcommand.']],
  },
  run(ctx) {
    const argv = ctx.argv;
    const cursor = parseCursor(argv[1]);
    if (cursor === null) return error('ERR invalid cursor');
    let count = 10;
    let pattern: string | null = null;
    let typeName: string | null = null;
    for (let i = 2; i < argv.length; ) {
      const left = argv.length - i;
      if (eqi(argv[i], 'count') && left >= 2) {
        const v = parseLL(argv[i + 1]);
        if (v === null) return ERR.notInteger;
        if (v < 1n) return ERR.syntax;
        count = clampToNumber(v);
        i += 2;
      } else if (eqi(argv[i], 'match') && left >= 2) {
        pattern = argv[i + 1] === '*' ? null : argv[i + 1];
        i += 2;
      } else if (ctx.version === '7.0' && eqi(argv[i], 'type') && left >= 2) {
        typeName = argv[i + 1];
        i += 2;
      } else {
        return ERR.syntax;
      }
    }

    const dict = ctx.db.dict;
    const idx = cursor === 0n ? buildIndex(dict) : (indexes.get(dict) ?? buildIndex(dict));
    const picked: string[] = [];
    let next = 0n;
    if (cursor <= 0xffffffffn) {
      let pos = lowerBound(idx.hashes, Number(cursor));
      while (pos < idx.keys.length) {
        const h = idx.hashes[pos];
        if (picked.length >= count) {
          next = BigInt(h);
          break;
        }
        // Take the whole group of keys sharing this hash.
        while (pos < idx.keys.length && idx.hashes[pos] === h) {
          if (dict.has(idx.keys[pos])) picked.push(idx.keys[pos]);
          pos++;
        }
      }
    }

    const out: string[] = [];
    for (const key of picked) {
      if (pattern !== null && !globMatch(pattern, key)) continue;
      if (typeName !== null) {
        const o = ctx.lookupRead(key);
        if (!eqi(typeName, o === undefined ? 'none' : typeOf(o))) continue;
      }
      // expireIfNeeded: a key still physically present whose deadline passed is dropped (and
      // deleted on a master). One the TYPE lookup already expired is gone and passes, as in Redis.
      // Unlike the TYPE lookup, it counts no keyspace hit or miss.
      if (dict.has(key) && ctx.expireIfNeeded(key) === undefined) continue;
      out.push(key);
    }
    return array([bulk(next.toString()), bulkArray(out)]);
  },
};

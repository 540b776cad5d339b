// XINFO STREAM key [FULL [COUNT count]] | XINFO GROUPS key | XINFO CONSUMERS key groupname | XINFO HELP
//
// t_stream.c xinfoCommand: what a stream holds, its groups, a group's consumers. The key must
// exist (`no such key`) and be a stream. Maps are flat arrays in RESP2. 7.0 only, a container
// command (the server checks the subcommand and its arity).
import { array, bulk, ERR, int, map, NIL, type Reply } from '../resp';
import { byName, formatStreamId, type RStream, type StreamGroup, type StreamId } from '../stream';
import type { Command } from './types';
import { eqi } from './util/args';
import { helpReply, subcommandSyntaxError } from './util/help';
import { parseLL } from './util/int';
import { entryReply, isStream, MAX_ID, nodeLimits, nodeMasterIds, rangeEntries } from './util/stream';
import { entriesReadReply, lagReply, sortedIds, sortedPel } from './util/streamgroup';
import { xinfoSubcommands } from './xinfo-subcommands';

/** A map reply from [name, value] pairs. */
const fields = (pairs: [string, Reply][]): Reply => map(pairs.flatMap(([k, v]) => [bulk(k), v]));
const idReply = (id: StreamId): Reply => bulk(formatStreamId(id));
const byNameOf = <T extends { name: string }>(xs: Iterable<T>): T[] => [...xs].sort((a, b) => byName(a.name, b.name));

/**
 * rax->numnodes of the radix tree keyed by these IDs (16 bytes each, big-endian): a node per run
 * of bytes all keys below it share (one compressed node), per byte where they part, and a leaf per
 * key; an empty tree is its root alone. `ids` ascending.
 */
export function radixNodes(ids: readonly StreamId[]): number {
  if (ids.length === 0) return 1;
  const keys = ids.map((id) => id.toString(16).padStart(32, '0'));
  const count = (lo: number, hi: number, d: number): number => {
    if (d === 32) return 1;
    // Sorted keys: the first and last share what all of them share.
    let l = d;
    while (l < 32 && keys[lo].slice(l, l + 2) === keys[hi - 1].slice(l, l + 2)) l += 2;
    if (l > d) return 1 + count(lo, hi, l);
    let n = 1;
    for (let i = lo; i < hi; ) {
      let k = i + 1;
      while (k < hi && keys[k].slice(d, d + 2) === keys[i].slice(d, d + 2)) k++;
      n += count(i, k, d + 2);
      i = k;
    }
    return n;
  };
  return count(0, keys.length, 0);
}

function streamInfo(argv: string[], s: RStream, limits: ReturnType<typeof nodeLimits>): Reply {
  const opts = argv.length - 3;
  let full = false;
  let count = 10;
  if (opts > 0) {
    if ((opts !== 1 && opts !== 3) || !eqi(argv[3], 'full')) return subcommandSyntaxError(argv);
    if (opts === 3) {
      if (!eqi(argv[4], 'count')) return subcommandSyntaxError(argv);
      const v = parseLL(argv[5]);
      if (v === null) return ERR.notInteger;
      count = v < 0n ? 10 : v > BigInt(Number.MAX_SAFE_INTEGER) ? 0 : Number(v);
    }
    full = true;
  }
  const masters = nodeMasterIds(s, limits);
  const head: [string, Reply][] = [
    ['length', int(s.entries.size)],
    ['radix-tree-keys', int(masters.length)],
    ['radix-tree-nodes', int(radixNodes(masters))],
    ['last-generated-id', idReply(s.lastId)],
    ['max-deleted-entry-id', idReply(s.maxDeletedId)],
    ['entries-added', int(s.entriesAdded)],
    ['recorded-first-entry-id', idReply(s.firstId)],
  ];
  if (!full) {
    const first = rangeEntries(s, 0n, MAX_ID, 1, false)[0];
    const last = rangeEntries(s, 0n, MAX_ID, 1, true)[0];
    return fields([
      ...head,
      ['groups', int(s.groups.size)],
      ['first-entry', first ? entryReply(first[0], first[1]) : NIL],
      ['last-entry', last ? entryReply(last[0], last[1]) : NIL],
    ]);
  }
  const upTo = <T>(xs: T[]): T[] => (count ? xs.slice(0, count) : xs);
  const group = (g: StreamGroup): Reply =>
    fields([
      ['name', bulk(g.name)],
      ['last-delivered-id', idReply(g.lastId)],
      ['entries-read', entriesReadReply(g)],
      ['lag', lagReply(s, g)],
      ['pel-count', int(g.pel.size)],
      [
        'pending',
        array(
          upTo(sortedPel(g)).map(([id, n]) =>
            array([idReply(id), bulk(n.consumer ?? ''), int(n.deliveryTime), int(n.deliveryCount)]),
          ),
        ),
      ],
      [
        'consumers',
        array(
          byNameOf(g.consumers.values()).map((c) =>
            fields([
              ['name', bulk(c.name)],
              ['seen-time', int(c.seenTime)],
              ['pel-count', int(c.pel.size)],
              [
                'pending',
                array(
                  upTo(sortedIds(c.pel)).map((id) => {
                    const n = g.pel.get(id);
                    return array([idReply(id), int(n?.deliveryTime ?? 0), int(n?.deliveryCount ?? 0)]);
                  }),
                ),
              ],
            ]),
          ),
        ),
      ],
    ]);
  return fields([
    ...head,
    ['entries', array(rangeEntries(s, 0n, MAX_ID, count, false).map(([id, fv]) => entryReply(id, fv)))],
    ['groups', array(byNameOf(s.groups.values()).map(group))],
  ]);
}

export const xinfoCommand: Command = {
  name: 'xinfo',
  versions: ['7.0'],
  arity: -2,
  flags: [],
  subcommands: xinfoSubcommands,
  docs: { complexity: 'Depends on subcommand.' },
  run(ctx): Reply {
    const argv = ctx.argv;
    const sub = argv[1].toLowerCase();
    if (sub === 'help') return helpReply(argv[0], ctx.version) ?? subcommandSyntaxError(argv);
    const o = ctx.lookupRead(argv[2]);
    if (o === undefined) return ERR.noSuchKey;
    if (!isStream(o)) return ERR.wrongType;
    if (sub === 'consumers') {
      const g = o.groups.get(argv[3]);
      if (g === undefined) {
        return { t: 'error', s: `NOGROUP No such consumer group '${argv[3]}' for key name '${argv[2]}'` };
      }
      return array(
        byNameOf(g.consumers.values()).map((c) =>
          fields([
            ['name', bulk(c.name)],
            ['pending', int(c.pel.size)],
            ['idle', int(Math.max(0, ctx.now - c.seenTime))],
          ]),
        ),
      );
    }
    if (sub === 'groups') {
      return array(
        byNameOf(o.groups.values()).map((g) =>
          fields([
            ['name', bulk(g.name)],
            ['consumers', int(g.consumers.size)],
            ['pending', int(g.pel.size)],
            ['last-delivered-id', idReply(g.lastId)],
            ['entries-read', entriesReadReply(g)],
            ['lag', lagReply(o, g)],
          ]),
        ),
      );
    }
    return streamInfo(argv, o, nodeLimits(ctx));
  },
};

/** XRANGE and XREVRANGE's one body (xrangeGenericCommand). */
import { array, EMPTY_ARRAY, ERR, error, NIL_ARRAY, type Reply } from '../../resp';
import type { StreamId } from '../../stream';
import type { Command, Ctx } from '../types';
import { eqi } from './args';
import { parseLL } from './int';
import { decrId, entryReply, INVALID_ID, incrId, isReply, parseId, rangeEntries, streamForRead } from './stream';

/**
 * streamParseIntervalIDOrReply: `(id` is exclusive (and then strict: no `-`/`+`); a missing
 * sequence is `missingSeq`.
 */
export function parseBound(s: string, missingSeq: bigint): { id: StreamId; ex: boolean } | null {
  const ex = s.length > 1 && s[0] === '(';
  const p = ex ? parseId(s.slice(1), missingSeq, true) : parseId(s, missingSeq, false);
  return p === null ? null : { id: p.id, ex };
}

function xrange(ctx: Ctx, rev: boolean): Reply {
  const argv = ctx.argv;
  const startArg = rev ? argv[3] : argv[2];
  const endArg = rev ? argv[2] : argv[3];
  const s0 = parseBound(startArg, 0n);
  if (s0 === null) return INVALID_ID;
  let start = s0.id;
  if (s0.ex) {
    const n = incrId(start);
    if (n === null) return error('ERR invalid start ID for the interval');
    start = n;
  }
  const e0 = parseBound(endArg, (1n << 64n) - 1n);
  if (e0 === null) return INVALID_ID;
  let end = e0.id;
  if (e0.ex) {
    const n = decrId(end);
    if (n === null) return error('ERR invalid end ID for the interval');
    end = n;
  }
  let count = -1n;
  for (let j = 4; j < argv.length; j++) {
    if (eqi(argv[j], 'count') && argv.length - j - 1 >= 1) {
      const v = parseLL(argv[j + 1]);
      if (v === null) return ERR.notInteger;
      count = v < 0n ? 0n : v;
      j++;
    } else {
      return ERR.syntax;
    }
  }
  const s = streamForRead(ctx, argv[1]);
  if (s === undefined) return EMPTY_ARRAY;
  if (isReply(s)) return s;
  if (count === 0n) return NIL_ARRAY;
  const n = count === -1n ? 0 : count > BigInt(s.entries.size) ? s.entries.size : Number(count);
  return array(rangeEntries(s, start, end, n, rev).map(([id, fv]) => entryReply(id, fv)));
}

/** The command entry of XRANGE / XREVRANGE. */
export function xrangeSpec(name: 'xrange' | 'xrevrange'): Command {
  const rev = name === 'xrevrange';
  const bounds = rev ? ['end', 'start'] : ['start', 'end'];
  return {
    name,
    versions: ['7.0'],
    arity: -4,
    flags: ['readonly'],
    acl: ['stream'],
    keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
    args: [
      { name: 'key', type: 'key', keySpec: 0 },
      { name: bounds[0], type: 'string' },
      { name: bounds[1], type: 'string' },
      { name: 'count', type: 'integer', token: 'COUNT', optional: true },
    ],
    docs: {
      complexity: `O(N) with N being the number of ${rev ? 'elements returned' : 'elements being returned'}. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1).`,
      history: [['6.2.0', 'Added exclusive ranges.']],
    },
    run(ctx) {
      return xrange(ctx, rev);
    },
  };
}

// HRANDFIELD key [count [WITHVALUES]]
import { bulk, bulkArray, EMPTY_ARRAY, ERR, error, NIL, type Reply } from '../resp';
import type { Command, Ctx } from './types';
import { eqi } from './util/args';
import { hashForRead, isReply } from './util/hash';
import { clampToNumber, LLONG_MIN, parseLL } from './util/int';
import { pairsReply } from './util/pairs';
import { pickDistinct, randomIndex } from './util/set';

/** The most repeated picks the engine builds a reply of (Redis has no limit but memory). */
const MAX_PICKS = 2 ** 24;

/** hrandfieldWithCountCommand, and the count's checks before it. */
function withCount(ctx: Ctx): Reply {
  const argv = ctx.argv;
  const l = parseLL(argv[2]);
  if (l === null) return ERR.notInteger;
  if (l === LLONG_MIN) {
    return error('ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807');
  }
  if (argv.length > 4 || (argv.length === 4 && !eqi(argv[3], 'withvalues'))) return ERR.syntax;
  const withValues = argv.length === 4;
  if (withValues && (l < -(2n ** 62n - 1n) || l > 2n ** 62n - 1n)) return error('ERR value is out of range');
  const h = hashForRead(ctx, argv[1]);
  if (h === undefined) return EMPTY_ARRAY;
  if (isReply(h)) return h;
  const count = clampToNumber(l < 0n ? -l : l);
  if (count === 0) return EMPTY_ARRAY;
  // Real Redis streams any number of repeated picks; a reply array this large cannot be built here.
  if (l < 0n && count > MAX_PICKS) return error('ERR value is out of range');
  const fields = [...h.map.keys()];
  let picked: string[];
  if (l < 0n || count === 1) {
    picked = [];
    for (let i = 0; i < count; i++) picked.push(fields[randomIndex(ctx, fields.length)]);
  } else if (count >= fields.length) picked = fields;
  else picked = pickDistinct(ctx, fields, count);
  if (!withValues) return bulkArray(picked);
  return pairsReply(
    ctx,
    picked.flatMap((f) => [bulk(f), bulk(h.map.get(f) as string)]),
  );
}

/**
 * HRANDFIELD: a random field (nil when missing), or with a count up to that many distinct fields
 * (a negative count: exactly |count| picks that may repeat), WITHVALUES adding each value. Picks
 * come from the server's seeded randomness; the whole hash comes in insertion order.
 */
export const hrandfieldCommand: Command = {
  name: 'hrandfield',
  arity: -2,
  flags: ['readonly'],
  versions: ['7.0'],
  acl: ['hash'],
  tips: ['nondeterministic_output'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    {
      name: 'options',
      type: 'block',
      optional: true,
      args: [
        { name: 'count', type: 'integer' },
        { name: 'withvalues', type: 'pure-token', token: 'WITHVALUES', optional: true },
      ],
    },
  ],
  docs: { complexity: 'O(N) where N is the number of fields returned' },
  run(ctx) {
    const argv = ctx.argv;
    if (argv.length >= 3) return withCount(ctx);
    const h = hashForRead(ctx, argv[1]);
    if (h === undefined) return NIL;
    if (isReply(h)) return h;
    const fields = [...h.map.keys()];
    return bulk(fields[randomIndex(ctx, fields.length)]);
  },
};

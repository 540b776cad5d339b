// SRANDMEMBER key [count]
import { bulk, bulkArray, EMPTY_ARRAY, ERR, error, NIL, type Reply } from '../resp';
import type { Command, Ctx } from './types';
import { clampToNumber, LLONG_MIN, parseLL } from './util/int';
import { pickDistinct, randomIndex, setMembers } from './util/set';
import { isSet } from './util/types';

/**
 * SRANDMEMBER key count: a positive count gives up to that many distinct members, a negative
 * one exactly |count| picks that may repeat.
 */
function withCount(ctx: Ctx): Reply {
  const [, key, countText] = ctx.argv;
  const l = parseLL(countText);
  if (l === null) return ERR.notInteger;
  if (l === LLONG_MIN && ctx.version === '7.0') {
    return error('ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807');
  }
  const o = ctx.lookupRead(key);
  if (o === undefined) return EMPTY_ARRAY;
  if (!isSet(o)) return ERR.wrongType;
  const count = clampToNumber(l < 0n ? -l : l);
  if (count === 0) return EMPTY_ARRAY;
  const members = [...o.set];
  if (l < 0n) {
    const out: string[] = [];
    for (let i = 0; i < count; i++) out.push(members[randomIndex(ctx, members.length)]);
    return bulkArray(out);
  }
  if (count >= members.length) return bulkArray(setMembers(o));
  return bulkArray(pickDistinct(ctx, members, count));
}

/** SRANDMEMBER: a random member without removing it (nil when missing). */
export const srandmemberCommand: Command = {
  name: 'srandmember',
  arity: -2,
  flags: ['readonly'],
  flags40: ['readonly', 'random'],
  acl: ['set'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  tips: ['nondeterministic_output'],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'count', type: 'integer', since: '2.6.0', optional: true },
  ],
  docs: {
    complexity: 'Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count.',
    history: [['2.6.0', 'Added the optional `count` argument.']],
  },
  run(ctx) {
    const argv = ctx.argv;
    if (argv.length === 3) return withCount(ctx);
    if (argv.length > 3) return ERR.syntax;
    const o = ctx.lookupRead(argv[1]);
    if (o === undefined) return NIL;
    if (!isSet(o)) return ERR.wrongType;
    const members = [...o.set];
    return bulk(members[randomIndex(ctx, members.length)]);
  },
};

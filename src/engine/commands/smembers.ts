// SMEMBERS key
import { bulk, ERR, setReply } from '../resp';
import type { Command } from './types';
import { setMembers } from './util/set';
import { isSet } from './util/types';

/** SMEMBERS: every member (small integer sets in numeric order, as Redis's intset lists them); a set in RESP3. */
export const smembersCommand: Command = {
  name: 'smembers',
  arity: 2,
  flags: ['readonly'],
  flags40: ['readonly', 'sort-for-script'],
  acl: ['set'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  tips: ['nondeterministic_output_order'],
  args: [{ name: 'key', type: 'key', keySpec: 0 }],
  docs: { complexity: 'O(N) where N is the set cardinality.' },
  run(ctx) {
    const o = ctx.lookupRead(ctx.argv[1]);
    if (o === undefined) return setReply([]);
    if (!isSet(o)) return ERR.wrongType;
    return setReply(setMembers(o).map((m) => bulk(m)));
  },
};

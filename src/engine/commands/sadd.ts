// SADD key member [member ...]

import { newSet } from '../keyspace';
import { ERR, int } from '../resp';
import type { Command } from './types';
import { noteSetAdd } from './util/encoding';
import { isSet } from './util/types';

/** SADD: add members, creating the set; replies (and moves dirty by) how many were new. */
export const saddCommand: Command = {
  name: 'sadd',
  arity: -3,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['set'],
  keySpecs: [{ flags: ['RW', 'insert'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'member', type: 'string', multiple: true },
  ],
  docs: {
    complexity:
      'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.',
    history: [['2.4.0', 'Accepts multiple `member` arguments.']],
  },
  run(ctx) {
    const argv = ctx.argv;
    const key = argv[1];
    let o = ctx.lookupWrite(key);
    if (o !== undefined && !isSet(o)) return ERR.wrongType;
    if (o === undefined) {
      o = newSet();
      ctx.setKey(key, o);
    }
    let added = 0;
    for (let j = 2; j < argv.length; j++) {
      if (!o.set.has(argv[j])) {
        o.set.add(argv[j]);
        added++;
      }
    }
    noteSetAdd(ctx.srv, o, argv.slice(2));
    if (added > 0) ctx.dirty(added);
    return int(added);
  },
};

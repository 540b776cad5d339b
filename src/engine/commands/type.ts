// TYPE key

import { typeOf } from '../keyspace';
import { status } from '../resp';
import type { Command } from './types';

/** TYPE: the value's type name as a status reply, "none" when missing. */
export const typeCommand: Command = {
  name: 'type',
  arity: 2,
  flags: ['readonly', 'fast'],
  acl: ['keyspace'],
  keySpecs: [{ flags: ['RO'], index: 1, range: [0, 1, 0] }],
  args: [{ name: 'key', type: 'key', keySpec: 0 }],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const o = ctx.lookupRead(ctx.argv[1]);
    return status(o === undefined ? 'none' : typeOf(o));
  },
};

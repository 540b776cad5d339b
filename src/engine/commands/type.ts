// TYPE key

import { typeOf } from '../keyspace';
import { status } from '../resp';
import type { Command } from './types';

/** TYPE: the value's type name as a status reply, "none" when missing. */
export const typeCommand: Command = {
  name: 'type',
  arity: 2,
  flags: ['readonly', 'fast'],
  run(ctx) {
    const o = ctx.lookupRead(ctx.argv[1]);
    return status(o === undefined ? 'none' : typeOf(o));
  },
};

// SETNX key value
import { int } from '../resp';
import type { Command } from './types';
import { setGeneric } from './util/string';

/** SETNX: SET ... NX replying 1 when stored, 0 when the key already existed. */
export const setnxCommand: Command = {
  name: 'setnx',
  arity: 3,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['string'],
  keySpecs: [{ flags: ['OW', 'insert'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'value', type: 'string' },
  ],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    return setGeneric(ctx, 'setnx', ctx.argv[1], ctx.argv[2], { nx: true, okReply: int(1), abortReply: int(0) });
  },
};

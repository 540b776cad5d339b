// PSETEX key milliseconds value
import type { Command } from './types';
import { setGeneric } from './util/string';

/** PSETEX: SET with a TTL in milliseconds; 7.0 propagates `SET key value PXAT <abs-ms>`. */
export const psetexCommand: Command = {
  name: 'psetex',
  arity: 4,
  flags: ['write', 'denyoom'],
  acl: ['string'],
  keySpecs: [{ flags: ['OW', 'update'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'milliseconds', type: 'integer' },
    { name: 'value', type: 'string' },
  ],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const [, key, ms, value] = ctx.argv;
    return setGeneric(ctx, 'psetex', key, value, { expire: { text: ms, seconds: false, relative: true } });
  },
};

// SETEX key seconds value
import type { Command } from './types';
import { setGeneric } from './util/string';

/** SETEX: SET with a TTL in seconds; 7.0 propagates `SET key value PXAT <abs-ms>`. */
export const setexCommand: Command = {
  name: 'setex',
  arity: 4,
  flags: ['write', 'denyoom'],
  acl: ['string'],
  keySpecs: [{ flags: ['OW', 'update'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'seconds', type: 'integer' },
    { name: 'value', type: 'string' },
  ],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const [, key, seconds, value] = ctx.argv;
    return setGeneric(ctx, 'setex', key, value, { expire: { text: seconds, seconds: true, relative: true } });
  },
};

// GETRANGE key start end
import type { Command } from './types';
import { getrangeGeneric } from './util/string';

/** GETRANGE: a substring by byte offsets (getrangeGeneric). */
export const getrangeCommand: Command = {
  name: 'getrange',
  arity: 4,
  flags: ['readonly'],
  acl: ['string'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [
    { name: 'key', type: 'key', keySpec: 0 },
    { name: 'start', type: 'integer' },
    { name: 'end', type: 'integer' },
  ],
  docs: {
    complexity:
      'O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.',
  },
  run(ctx) {
    return getrangeGeneric(ctx);
  },
};

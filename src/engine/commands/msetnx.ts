// MSETNX key value [key value ...]
import { error, int, wrongArity } from '../resp';
import type { Command } from './types';
import { unmarkString } from './util/encoding';

/**
 * MSETNX: store every pair only if none of the keys exists (replies 1), else nothing (0). The
 * existence checks are write lookups: a due key is expired (and its DEL propagated) first.
 */
export const msetnxCommand: Command = {
  name: 'msetnx',
  arity: -3,
  flags: ['write', 'denyoom'],
  acl: ['string'],
  tips: ['request_policy:multi_shard', 'response_policy:agg_min'],
  keySpecs: [{ flags: ['OW', 'insert'], index: 1, range: [-1, 2, 0] }],
  args: [
    {
      name: 'key_value',
      type: 'block',
      multiple: true,
      args: [
        { name: 'key', type: 'key', keySpec: 0 },
        { name: 'value', type: 'string' },
      ],
    },
  ],
  docs: { complexity: 'O(N) where N is the number of keys to set.' },
  run(ctx) {
    const argv = ctx.argv;
    if (argv.length % 2 === 0) {
      return ctx.version === '7.0' ? wrongArity('msetnx') : error('ERR wrong number of arguments for MSETNX');
    }
    for (let j = 1; j < argv.length; j += 2) if (ctx.lookupWrite(argv[j]) !== undefined) return int(0);
    for (let j = 1; j < argv.length; j += 2) {
      ctx.setKey(argv[j], argv[j + 1]);
      unmarkString(ctx.db, argv[j]);
    }
    ctx.dirty((argv.length - 1) / 2);
    return int(1);
  },
};

// MSET key value [key value ...]
import { error, OK, wrongArity } from '../resp';
import type { Command } from './types';
import { unmarkString } from './util/encoding';

/** MSET: store every pair (dropping TTLs); dirty moves by the number of pairs. */
export const msetCommand: Command = {
  name: 'mset',
  arity: -3,
  flags: ['write', 'denyoom'],
  acl: ['string'],
  keySpecs: [{ flags: ['OW', 'update'], index: 1, range: [-1, 2, 0] }],
  tips: ['request_policy:multi_shard', 'response_policy:all_succeeded'],
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
      return ctx.version === '7.0' ? wrongArity('mset') : error('ERR wrong number of arguments for MSET');
    }
    for (let j = 1; j < argv.length; j += 2) {
      // Redis's setKey looks each key up for writing first: a due key is expired (and its DEL
      // propagated ahead of the MSET) before being overwritten.
      ctx.lookupWrite(argv[j]);
      ctx.setKey(argv[j], argv[j + 1]);
      unmarkString(ctx.db, argv[j]);
    }
    ctx.dirty((argv.length - 1) / 2);
    return OK;
  },
};

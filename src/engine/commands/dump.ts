// DUMP key
import { binFromBytes } from '../../lib';
import { dumpPayload } from '../rdb';
import { bulk, NIL } from '../resp';
import type { Command } from './types';

/**
 * DUMP: the value in Redis's serialisation (RDB value + RDB version + CRC64), which RESTORE here
 * or on a real redis-server of the same or a later version accepts; nil for a missing key.
 */
export const dumpCommand: Command = {
  name: 'dump',
  arity: 2,
  flags: ['readonly'],
  acl: ['keyspace'],
  tips: ['nondeterministic_output'],
  keySpecs: [{ flags: ['RO', 'access'], index: 1, range: [0, 1, 0] }],
  args: [{ name: 'key', type: 'key', keySpec: 0 }],
  docs: {
    complexity:
      'O(1) to access the key and additional O(N*M) to serialize it, where N is the number of Redis objects composing the value and M their average size. For small string values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1).',
  },
  run(ctx) {
    const o = ctx.lookupRead(ctx.argv[1]);
    if (o === undefined) return NIL;
    return bulk(binFromBytes(dumpPayload(o, ctx.version, ctx.srv.config.bool('rdbcompression'))));
  },
};

// DBSIZE
import { int } from '../resp';
import type { Command } from './types';

/** DBSIZE: keys in the selected db, logically expired ones included (dictSize). */
export const dbsizeCommand: Command = {
  name: 'dbsize',
  arity: 1,
  flags: ['readonly', 'fast'],
  acl: ['keyspace'],
  tips: ['request_policy:all_shards', 'response_policy:agg_sum'],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    return int(ctx.db.dict.size);
  },
};

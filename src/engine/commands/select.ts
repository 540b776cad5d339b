// SELECT index
import { ERR, OK } from '../resp';
import type { Command } from './types';

export const selectCommand: Command = {
  name: 'select',
  arity: 2,
  flags: ['loading', 'stale', 'fast'],
  flags40: ['loading', 'fast'],
  acl: ['connection'],
  args: [{ name: 'index', type: 'integer' }],
  docs: { complexity: 'O(1)' },
  run(ctx) {
    const v = ctx.argv[1];
    if (!/^-?\d+$/.test(v)) return ERR.notInteger;
    const id = Number(v);
    if (id < 0 || id >= ctx.srv.dbs.length) return ERR.dbIndex;
    ctx.client.db = id;
    return OK;
  },
};

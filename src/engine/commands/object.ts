// OBJECT ENCODING key | OBJECT FREQ key | OBJECT IDLETIME key | OBJECT REFCOUNT key | OBJECT HELP
//
// object.c objectCommand. The key is looked up as a read that does not touch its access clock
// (LOOKUP_NOTOUCH; it does count a keyspace hit or miss and expires a due key); a missing key
// answers nil. Encodings: util/encoding.ts; access clocks: util/lru.ts.
// 7.0 is a container command (the server checks the subcommand and its arity).

import { bulk, error, int, NIL, type Reply } from '../resp';
import { objectSubcommands } from './object-subcommands';
import type { Command, Ctx } from './types';
import { objectEncoding, refcount } from './util/encoding';
import { helpReply } from './util/help';
import { idleSeconds, lfuDecrAndReturn, lfuPolicy, lruOf } from './util/lru';

const NOT_LFU =
  'ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.';
const IS_LFU =
  'ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.';

function lookupNoTouch(ctx: Ctx, key: string) {
  const lru = ctx.srv.lru[ctx.db.id];
  const before = lru.get(key);
  const v = ctx.lookupRead(key);
  if (v !== undefined) {
    if (before === undefined) lru.delete(key);
    else lru.set(key, before);
  }
  return v;
}

export const objectCommand: Command = {
  name: 'object',
  arity: -2,
  flags: [],
  flags40: ['readonly'],
  keys40: [2, 2, 2],
  subcommands: objectSubcommands,
  docs: { complexity: 'Depends on subcommand.' },
  run(ctx): Reply {
    const srv = ctx.srv;
    const argv = ctx.argv;
    const sub = argv[1].toLowerCase();
    if (sub === 'help' && argv.length === 2) return helpReply(argv[0], ctx.version)!;
    const known = ['encoding', 'freq', 'idletime', 'refcount'].includes(sub);
    if (!known || argv.length !== 3) {
      if (ctx.version === '4.0') {
        return error(`ERR Unknown subcommand or wrong number of arguments for '${argv[1]}'. Try OBJECT help`);
      }
      return error(`ERR unknown subcommand or wrong number of arguments for '${argv[1]}'. Try OBJECT HELP.`);
    }
    const key = argv[2];
    const v = lookupNoTouch(ctx, key);
    if (v === undefined) return NIL;
    switch (sub) {
      case 'encoding':
        return bulk(objectEncoding(srv, ctx.db, key, v));
      case 'refcount':
        return int(refcount(srv, ctx.db, key, v));
      case 'idletime':
        if (lfuPolicy(srv)) return error(IS_LFU);
        return int(idleSeconds(srv, lruOf(srv, ctx.db.id, key)));
      default:
        if (!lfuPolicy(srv)) return error(NOT_LFU);
        return int(lfuDecrAndReturn(srv, lruOf(srv, ctx.db.id, key)));
    }
  },
};

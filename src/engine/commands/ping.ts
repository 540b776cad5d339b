// PING [message]
import { bulk, error, status } from '../resp';
import type { Command } from './types';

export const pingCommand: Command = {
  name: 'ping',
  arity: -1,
  // 7.0 ping.json: FAST, SENTINEL (no STALE: a stale replica answers MASTERDOWN); 4.0 "tF".
  flags: ['fast'],
  flags40: ['fast', 'stale'],
  run(ctx) {
    if (ctx.argv.length > 2) return error("ERR wrong number of arguments for 'ping' command");
    return ctx.argv.length === 2 ? bulk(ctx.argv[1]) : status('PONG');
  },
};
